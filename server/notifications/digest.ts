import { createElement } from 'react'
import { and, arrayContains, asc, count, eq, gte, inArray, lt, ne } from 'drizzle-orm'
import type { Tx } from '#db/client.ts'
import { db } from '#db/client.ts'
import {
  complaints,
  complaintSteps,
  emailMessages,
  membershipRoles,
  memberships,
  roles,
  sopVersions,
  tenants,
  users,
} from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { DailyDigestEmail } from '#emails/daily-digest.tsx'
import { translator } from '#server/i18n/translate.ts'
import { queueEmail } from '#server/mail/queue.ts'
import { loadCalendar } from '#server/sop/calendar.ts'
import { isWorkingTime, localDate, previousWorkingDate, startOfLocalDate } from '#server/sop/clock.ts'

type Tenant = typeof tenants.$inferSelect

/** How many overdue complaints the digest names; the rest are counted. */
export const WORST_SHOWN = 5

/** One digest per member and local day, whatever runs the job and however often. */
export const digestKey = (membershipId: string, day: string) => `digest:${membershipId}:${day}`

/**
 * The daily digest for the people who oversee the service (members holding `digest.receive`):
 * sent on working days once the agency's working hours have begun in its own time zone, never
 * outside them (docs/decisions/009-quiet-hours.md). The job runs every 15 minutes; the first run
 * inside working hours writes the mail, later runs find the member's key for the day and skip it,
 * and the unique `dedupe_key` makes a doubled or retried run write nothing twice.
 */
export async function sendDailyDigests({ now = new Date(), publicUrl }: { now?: Date; publicUrl: string }) {
  const active = await db().select().from(tenants).where(eq(tenants.active, true))
  const written: { tenantId: string; membershipId: string }[] = []
  for (const tenant of active) {
    await withTenant(tenant.id, async (tx) => {
      const calendar = await loadCalendar(tx, tenant)
      if (!isWorkingTime(now, calendar)) return
      const day = localDate(now, tenant.timezone)
      const people = await digestRecipients(tx, tenant.id)
      if (people.length === 0) return
      const done = new Set(
        (
          await tx
            .select({ key: emailMessages.dedupeKey })
            .from(emailMessages)
            .where(
              and(
                eq(emailMessages.tenantId, tenant.id),
                inArray(
                  emailMessages.dedupeKey,
                  people.map((p) => digestKey(p.membershipId, day)),
                ),
              ),
            )
        ).map((r) => r.key),
      )
      const due = people.filter((p) => !done.has(digestKey(p.membershipId, day)))
      if (due.length === 0) return
      // Since the start of the previous working day: Monday's digest covers Friday and the weekend.
      const since = previousWorkingDate(day, calendar)
      const figures = await digestFigures({
        tx,
        tenantId: tenant.id,
        from: startOfLocalDate(since, tenant.timezone),
        to: startOfLocalDate(day, tenant.timezone),
        now,
      })
      for (const person of due) {
        const id = await queueEmail({
          tx,
          tenantId: tenant.id,
          to: person.email,
          dedupeKey: digestKey(person.membershipId, day),
          ...(await digestMail({ tenant, figures, day, since, now, publicUrl, language: person.language })),
        })
        if (id) written.push({ tenantId: tenant.id, membershipId: person.membershipId })
      }
    })
  }
  return written
}

/** Active members holding a role with `digest.receive`, with their address and language. */
export async function digestRecipients(tx: Tx, tenantId: string) {
  const rows = await tx
    .selectDistinct({ membershipId: memberships.id, email: users.email, language: users.language })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(
      membershipRoles,
      and(
        eq(membershipRoles.tenantId, memberships.tenantId),
        eq(membershipRoles.membershipId, memberships.id),
      ),
    )
    .innerJoin(roles, and(eq(roles.tenantId, membershipRoles.tenantId), eq(roles.id, membershipRoles.roleId)))
    .where(
      and(
        eq(memberships.tenantId, tenantId),
        eq(memberships.active, true),
        arrayContains(roles.permissions, ['digest.receive']),
      ),
    )
    .orderBy(memberships.id)
  return rows
}

export type DigestFigures = {
  newComplaints: number
  open: number
  overdue: number
  breached: number
  worst: { ticketNumber: string; dueAt: Date; step: { nameId: string; nameEn: string } | null }[]
}

/**
 * The digest's figures: complaints received in [from, to) (drafts, which are not complaints yet,
 * left out), open now, overdue now with the worst few, and SOP steps that went past their limit
 * in [from, to).
 */
export async function digestFigures({
  tx,
  tenantId,
  from,
  to,
  now,
}: {
  tx: Tx
  tenantId: string
  from: Date
  to: Date
  now: Date
}): Promise<DigestFigures> {
  const active = inArray(complaints.status, ['open', 'in_progress'])
  const [received] = await tx
    .select({ n: count() })
    .from(complaints)
    .where(
      and(
        eq(complaints.tenantId, tenantId),
        ne(complaints.status, 'draft'),
        gte(complaints.createdAt, from),
        lt(complaints.createdAt, to),
      ),
    )
  const [open] = await tx
    .select({ n: count() })
    .from(complaints)
    .where(and(eq(complaints.tenantId, tenantId), active))
  const overdueWhere = and(eq(complaints.tenantId, tenantId), active, lt(complaints.stepDueAt, now))
  const [overdue] = await tx.select({ n: count() }).from(complaints).where(overdueWhere)
  const worst = await tx
    .select({
      ticketNumber: complaints.ticketNumber,
      dueAt: complaints.stepDueAt,
      sopVersionId: complaints.sopVersionId,
      stepKey: complaints.currentStepKey,
    })
    .from(complaints)
    .where(overdueWhere)
    .orderBy(asc(complaints.stepDueAt), asc(complaints.id))
    .limit(WORST_SHOWN)
  const [breached] = await tx
    .select({ n: count() })
    .from(complaintSteps)
    .where(
      and(
        eq(complaintSteps.tenantId, tenantId),
        gte(complaintSteps.breachedAt, from),
        lt(complaintSteps.breachedAt, to),
      ),
    )
  const versionIds = [...new Set(worst.flatMap((w) => (w.sopVersionId ? [w.sopVersionId] : [])))]
  const versions =
    versionIds.length === 0
      ? []
      : await tx
          .select({ id: sopVersions.id, definition: sopVersions.definition })
          .from(sopVersions)
          .where(and(eq(sopVersions.tenantId, tenantId), inArray(sopVersions.id, versionIds)))
  const stepOf = (versionId: string | null, key: string | null) => {
    const step = versions.find((v) => v.id === versionId)?.definition.steps.find((s) => s.key === key)
    return step ? { nameId: step.nameId, nameEn: step.nameEn } : null
  }
  return {
    newComplaints: received?.n ?? 0,
    open: open?.n ?? 0,
    overdue: overdue?.n ?? 0,
    breached: breached?.n ?? 0,
    worst: worst.map((w) => ({
      ticketNumber: w.ticketNumber,
      dueAt: w.dueAt ?? now,
      step: stepOf(w.sopVersionId, w.stepKey),
    })),
  }
}

/** Subject and body of one digest, in the recipient's language (else the tenant's). */
async function digestMail({
  tenant,
  figures,
  day,
  since,
  now,
  publicUrl,
  language: personLanguage,
}: {
  tenant: Tenant
  figures: DigestFigures
  day: string
  since: string
  now: Date
  publicUrl: string
  language: string | null
}) {
  const language = (personLanguage ?? tenant.language) === 'en' ? 'en' : 'id'
  const t = await translator(language)
  const date = (local: string) =>
    new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'id-ID', {
      timeZone: tenant.timezone,
      dateStyle: 'full',
    }).format(startOfLocalDate(local, tenant.timezone))
  const base = `${publicUrl}/t/${tenant.slug}`
  const counts = { new: figures.newComplaints, open: figures.open, overdue: figures.overdue }
  const hidden = figures.overdue - figures.worst.length
  return {
    subject: t('emails.dailyDigest.subject', { service: tenant.serviceName, date: date(day) }),
    body: createElement(DailyDigestEmail, {
      language,
      agencyName: tenant.name,
      serviceName: tenant.serviceName,
      figures: {
        newComplaints: figures.newComplaints,
        open: figures.open,
        overdue: figures.overdue,
        breached: figures.breached,
      },
      worst: figures.worst.map((w) => ({
        ticketNumber: w.ticketNumber,
        stepName: w.step ? (language === 'en' ? w.step.nameEn : w.step.nameId) : '',
        late: t('emails.dailyDigest.late', { time: lateness(now.getTime() - w.dueAt.getTime(), language) }),
        url: `${base}/complaints/${w.ticketNumber}`,
      })),
      dashboardUrl: base,
      texts: {
        preview: t('emails.dailyDigest.preview', counts),
        heading: t('emails.dailyDigest.heading'),
        intro: t('emails.dailyDigest.intro', { service: tenant.serviceName, date: date(day) }),
        newComplaints: t('emails.dailyDigest.new', { since: date(since) }),
        open: t('emails.dailyDigest.open'),
        overdue: t('emails.dailyDigest.overdue'),
        breached: t('emails.dailyDigest.breached', { since: date(since) }),
        worstHeading: t('emails.dailyDigest.worstHeading'),
        more: hidden > 0 ? t('emails.dailyDigest.more', { count: hidden }) : null,
        noneOverdue: t('emails.dailyDigest.noneOverdue'),
        action: t('emails.dailyDigest.action'),
        why: t('emails.dailyDigest.why'),
        footer: t('emails.footer'),
      },
    }),
  }
}

// "20 menit", "5 jam", "2 hari": the same rounding as the console's time-left labels
// (app/utils/duration.ts), which services may not import.
function lateness(ms: number, language: 'id' | 'en'): string {
  const minutes = Math.max(1, Math.round(Math.abs(ms) / 60_000))
  const [value, unit] =
    minutes < 60
      ? [minutes, 'minute' as const]
      : minutes < 48 * 60
        ? [Math.round(minutes / 60), 'hour' as const]
        : [Math.round(minutes / 1440), 'day' as const]
  return new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'long' }).format(value)
}
