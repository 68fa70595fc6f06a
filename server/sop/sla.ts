import { createElement } from 'react'
import { and, eq, inArray, isNull, lt } from 'drizzle-orm'
import { db } from '#db/client.ts'
import {
  complaintEvents,
  complaints,
  complaintSteps,
  memberships,
  notifications,
  tenants,
  users,
} from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { StepOverdueEmail } from '#emails/step-overdue.tsx'
import { translator } from '#server/i18n/translate.ts'
import { queueEmail } from '#server/mail/queue.ts'
import { mailSendAfter, runsOnClockTime } from '#server/notifications/quiet-hours.ts'
import { loadCalendar } from './calendar.ts'
import { definitionOf, membersWithRole } from './engine.ts'
import { stepOf } from './definition.ts'

const BATCH = 200

/**
 * Marks steps past their due time as breached and escalates each once: an in-app notification and
 * an email to the members of the step's escalation role (or its own roles when none is set). Walks
 * the partial index on (tenant_id, step_due_at) of unbreached open steps, so its cost grows with
 * the overdue steps, not with the complaints. The email of a step on the agency's working calendar
 * found outside working hours waits for the next working morning; a step on clock time is mailed
 * at once, day or night (docs/decisions/009-quiet-hours.md).
 */
export async function scanOverdueSteps({ now = new Date(), publicUrl }: { now?: Date; publicUrl: string }) {
  const active = await db().select().from(tenants).where(eq(tenants.active, true))
  const escalated: { tenantId: string; complaintId: string }[] = []
  for (const tenant of active) {
    await withTenant(tenant.id, async (tx) => {
      const overdue = await tx
        .select()
        .from(complaints)
        .where(
          and(
            eq(complaints.tenantId, tenant.id),
            inArray(complaints.status, ['open', 'in_progress']),
            isNull(complaints.stepBreachedAt),
            lt(complaints.stepDueAt, now),
          ),
        )
        .orderBy(complaints.stepDueAt)
        .limit(BATCH)
        .for('update', { skipLocked: true })
      if (overdue.length === 0) return
      const calendar = await loadCalendar(tx, tenant)
      for (const complaint of overdue) {
        if (!complaint.sopVersionId || !complaint.currentStepKey) continue
        const step = stepOf(
          await definitionOf(tx, tenant.id, complaint.sopVersionId),
          complaint.currentStepKey,
        )
        if (!step) continue
        await tx
          .update(complaints)
          .set({ stepBreachedAt: now })
          .where(and(eq(complaints.tenantId, tenant.id), eq(complaints.id, complaint.id)))
        await tx
          .update(complaintSteps)
          .set({ breachedAt: now })
          .where(
            and(
              eq(complaintSteps.tenantId, tenant.id),
              eq(complaintSteps.complaintId, complaint.id),
              eq(complaintSteps.stepKey, step.key),
              isNull(complaintSteps.finishedAt),
            ),
          )
        const roleKeys = step.escalationRoleKey ? [step.escalationRoleKey] : step.roleKeys
        const recipients = [
          ...new Set((await Promise.all(roleKeys.map((r) => membersWithRole(tx, tenant.id, r)))).flat()),
        ]
        await tx.insert(complaintEvents).values({
          tenantId: tenant.id,
          complaintId: complaint.id,
          kind: 'step_breached',
          fromStepKey: step.key,
          data: {
            dueAt: complaint.stepDueAt?.toISOString() ?? null,
            escalatedTo: roleKeys,
            recipients: recipients.length,
          },
          createdAt: now,
        })
        if (recipients.length === 0) continue
        await tx.insert(notifications).values(
          recipients.map((membershipId) => ({
            tenantId: tenant.id,
            membershipId,
            kind: 'step_overdue' as const,
            complaintId: complaint.id,
            params: { ticket: complaint.ticketNumber, step: step.nameId, stepEn: step.nameEn },
          })),
        )
        const sendAfter = mailSendAfter({ now, calendar, clockTime: runsOnClockTime(step.limit) })
        const people = await tx
          .select({ email: users.email, language: users.language })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(and(eq(memberships.tenantId, tenant.id), inArray(memberships.id, recipients)))
        for (const person of people) {
          const language = person.language ?? tenant.language
          const t = await translator(language)
          const dueAt = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'id-ID', {
            timeZone: tenant.timezone,
            dateStyle: 'full',
            timeStyle: 'short',
          }).format(complaint.stepDueAt ?? now)
          const stepName = language === 'en' ? step.nameEn : step.nameId
          await queueEmail({
            tx,
            tenantId: tenant.id,
            to: person.email,
            sendAfter,
            subject: t('emails.stepOverdue.subject', { ticket: complaint.ticketNumber, step: stepName }),
            body: createElement(StepOverdueEmail, {
              agencyName: tenant.name,
              serviceName: tenant.serviceName,
              ticketNumber: complaint.ticketNumber,
              stepName,
              dueAt,
              complaintUrl: `${publicUrl}/t/${tenant.slug}/complaints/${complaint.ticketNumber}`,
              texts: {
                preview: t('emails.stepOverdue.heading'),
                heading: t('emails.stepOverdue.heading'),
                body: t('emails.stepOverdue.body'),
                due: t('emails.stepOverdue.due'),
                action: t('emails.stepOverdue.action'),
                footer: t('emails.footer'),
              },
            }),
          })
        }
        escalated.push({ tenantId: tenant.id, complaintId: complaint.id })
      }
    })
  }
  return escalated
}
