import { and, desc, eq, inArray, isNull } from 'drizzle-orm'
import type { Tx } from '#db/client.ts'
import {
  categories,
  complaintEvents,
  complaints,
  complaintSteps,
  membershipRoles,
  memberships,
  notifications,
  roles,
  sops,
  sopVersions,
  stepActions,
  type tenants,
} from '#db/schema/index.ts'
import { AppError } from '#server/errors.ts'
import { loadCalendar } from './calendar.ts'
import { dueTimes } from './clock.ts'
import { stepOf, type SopDefinition, type SopStep, type StepAction } from './definition.ts'

type Tenant = typeof tenants.$inferSelect
type Complaint = typeof complaints.$inferSelect
export type Actor = { membershipId: string; roleKeys: readonly string[] }

/**
 * The SOP a new complaint follows: its category's SOP when the category names one, else the SOP
 * that serves the complaint's channel, with a published version either way.
 */
export async function resolveSopVersion(
  tx: Tx,
  tenantId: string,
  complaint: Pick<Complaint, 'categoryId' | 'channel'>,
) {
  if (complaint.categoryId) {
    const [category] = await tx
      .select({ sopId: categories.defaultSopId })
      .from(categories)
      .where(and(eq(categories.tenantId, tenantId), eq(categories.id, complaint.categoryId)))
    if (category?.sopId) {
      const version = await publishedVersionOf(tx, tenantId, category.sopId)
      if (version) return version
    }
  }
  const candidates = await tx
    .select({ id: sops.id, channels: sops.channels, publishedVersionId: sops.publishedVersionId })
    .from(sops)
    .where(and(eq(sops.tenantId, tenantId), eq(sops.archived, false)))
    .orderBy(sops.createdAt)
  const match = candidates.find((s) => s.publishedVersionId && s.channels.includes(complaint.channel))
  if (!match) throw new AppError('CONFLICT', 'errors.noSopForChannel', { channel: complaint.channel })
  const version = await publishedVersionOf(tx, tenantId, match.id)
  if (!version) throw new AppError('CONFLICT', 'errors.noSopForChannel', { channel: complaint.channel })
  return version
}

async function publishedVersionOf(tx: Tx, tenantId: string, sopId: string) {
  const [row] = await tx
    .select({ version: sopVersions })
    .from(sops)
    .innerJoin(
      sopVersions,
      and(eq(sopVersions.tenantId, sops.tenantId), eq(sopVersions.id, sops.publishedVersionId)),
    )
    .where(and(eq(sops.tenantId, tenantId), eq(sops.id, sopId)))
  return row?.version
}

/** Puts a complaint on step 1 of the SOP version it will keep for its whole life. */
export async function startComplaintOnSop({
  tx,
  tenant,
  complaintId,
  actor,
  now = new Date(),
}: {
  tx: Tx
  tenant: Tenant
  complaintId: string
  actor: Actor | null
  now?: Date
}) {
  const complaint = await loadComplaint(tx, tenant.id, complaintId)
  if (complaint.sopVersionId) throw new AppError('CONFLICT', 'errors.complaintAlreadyStarted')
  const version = await resolveSopVersion(tx, tenant.id, complaint)
  const first = version.definition.steps[0]
  if (!first) throw new AppError('CONFLICT', 'errors.noSopForChannel', { channel: complaint.channel })
  const entered = await enterStep({ tx, tenant, complaint, sopVersionId: version.id, step: first, now })
  const [updated] = await tx
    .update(complaints)
    .set({
      sopVersionId: version.id,
      currentStepKey: first.key,
      stepStartedAt: now,
      stepDueAt: entered.dueAt,
      stepBreachedAt: null,
      status: 'open',
      version: complaint.version + 1,
    })
    .where(
      and(
        eq(complaints.tenantId, tenant.id),
        eq(complaints.id, complaint.id),
        eq(complaints.version, complaint.version),
      ),
    )
    .returning()
  if (!updated) throw new AppError('CONFLICT', 'errors.transitionConflict')
  await tx.insert(complaintEvents).values({
    tenantId: tenant.id,
    complaintId: complaint.id,
    kind: 'sop_started',
    actorMembershipId: actor?.membershipId,
    toStepKey: first.key,
    data: { sopVersionId: version.id, version: version.version, dueAt: entered.dueAt?.toISOString() ?? null },
    createdAt: now,
  })
  await queueActions({
    tx,
    tenantId: tenant.id,
    complaintId: complaint.id,
    stepKey: first.key,
    actions: first.onEntry,
  })
  return updated
}

/**
 * Moves a complaint along its SOP: the actor must hold the step's role and tick every required
 * item of its checklist. Closes the step's visit, enters the next step (or ends), queues the
 * actions, writes the audit event and the next due time, all in the caller's transaction.
 * Two transitions racing on one complaint: the second finds the version moved and gets CONFLICT.
 */
export async function transitionComplaint({
  tx,
  tenant,
  actor,
  complaintId,
  outcomeKey,
  checklist,
  note,
  expectedVersion,
  now = new Date(),
}: {
  tx: Tx
  tenant: Tenant
  actor: Actor
  complaintId: string
  outcomeKey: string
  checklist: readonly string[]
  note?: string
  /** The version the person saw; a transition on a complaint that moved meanwhile is refused. */
  expectedVersion?: number
  now?: Date
}) {
  const complaint = await loadComplaint(tx, tenant.id, complaintId)
  if (expectedVersion !== undefined && expectedVersion !== complaint.version) {
    throw new AppError('CONFLICT', 'errors.transitionConflict')
  }
  if (
    !complaint.sopVersionId ||
    !complaint.currentStepKey ||
    !['open', 'in_progress'].includes(complaint.status)
  ) {
    throw new AppError('CONFLICT', 'errors.complaintNotActive')
  }
  const definition = await definitionOf(tx, tenant.id, complaint.sopVersionId)
  const step = stepOf(definition, complaint.currentStepKey)
  if (!step) throw new AppError('CONFLICT', 'errors.complaintNotActive')
  if (!step.roleKeys.some((r) => actor.roleKeys.includes(r))) {
    throw new AppError('FORBIDDEN', 'errors.stepRoleRequired', { step: step.nameId })
  }
  const outcome = step.outcomes.find((o) => o.key === outcomeKey)
  if (!outcome) throw new AppError('BAD_REQUEST', 'errors.unknownOutcome')
  const missing = step.checklist.filter((item) => item.required && !checklist.includes(item.key))
  if (missing.length > 0) {
    throw new AppError('BAD_REQUEST', 'errors.checklistIncomplete', {
      items: missing.map((m) => m.labelId).join(', '),
    })
  }

  await tx
    .update(complaintSteps)
    .set({ finishedAt: now, outcomeKey, actorMembershipId: actor.membershipId })
    .where(
      and(
        eq(complaintSteps.tenantId, tenant.id),
        eq(complaintSteps.complaintId, complaint.id),
        eq(complaintSteps.stepKey, step.key),
        isNull(complaintSteps.finishedAt),
      ),
    )

  const nextStep = 'step' in outcome.next ? stepOf(definition, outcome.next.step) : undefined
  const end = 'end' in outcome.next ? outcome.next.end : undefined
  let dueAt: Date | null = null
  if (nextStep) {
    dueAt = (
      await enterStep({ tx, tenant, complaint, sopVersionId: complaint.sopVersionId, step: nextStep, now })
    ).dueAt
  }
  const [updated] = await tx
    .update(complaints)
    .set(
      nextStep
        ? {
            currentStepKey: nextStep.key,
            stepStartedAt: now,
            stepDueAt: dueAt,
            stepBreachedAt: null,
            status: 'in_progress',
            version: complaint.version + 1,
          }
        : {
            currentStepKey: null,
            stepStartedAt: null,
            stepDueAt: null,
            stepBreachedAt: null,
            status: end ?? 'closed',
            closedAt: now,
            version: complaint.version + 1,
          },
    )
    .where(
      and(
        eq(complaints.tenantId, tenant.id),
        eq(complaints.id, complaint.id),
        eq(complaints.version, complaint.version),
      ),
    )
    .returning()
  if (!updated) throw new AppError('CONFLICT', 'errors.transitionConflict')

  await tx.insert(complaintEvents).values({
    tenantId: tenant.id,
    complaintId: complaint.id,
    kind: 'transition',
    actorMembershipId: actor.membershipId,
    fromStepKey: step.key,
    toStepKey: nextStep?.key ?? null,
    data: {
      outcome: outcome.key,
      end: end ?? null,
      checklist: [...checklist],
      note: note?.trim() || null,
      dueAt: dueAt?.toISOString() ?? null,
    },
    createdAt: now,
  })
  await queueActions({
    tx,
    tenantId: tenant.id,
    complaintId: complaint.id,
    stepKey: step.key,
    actions: outcome.actions,
  })
  if (nextStep) {
    await queueActions({
      tx,
      tenantId: tenant.id,
      complaintId: complaint.id,
      stepKey: nextStep.key,
      actions: nextStep.onEntry,
    })
  }
  return updated
}

async function loadComplaint(tx: Tx, tenantId: string, complaintId: string): Promise<Complaint> {
  const [complaint] = await tx
    .select()
    .from(complaints)
    .where(and(eq(complaints.tenantId, tenantId), eq(complaints.id, complaintId)))
  if (!complaint) throw new AppError('NOT_FOUND', 'errors.notFound')
  return complaint
}

export async function definitionOf(tx: Tx, tenantId: string, sopVersionId: string): Promise<SopDefinition> {
  const [version] = await tx
    .select({ definition: sopVersions.definition })
    .from(sopVersions)
    .where(and(eq(sopVersions.tenantId, tenantId), eq(sopVersions.id, sopVersionId)))
  if (!version) throw new AppError('NOT_FOUND', 'errors.notFound')
  return version.definition
}

async function enterStep({
  tx,
  tenant,
  complaint,
  sopVersionId,
  step,
  now,
}: {
  tx: Tx
  tenant: Tenant
  complaint: Complaint
  sopVersionId: string
  step: SopStep
  now: Date
}) {
  const times = step.limit ? dueTimes(now, step.limit, await loadCalendar(tx, tenant)) : null
  await tx.insert(complaintSteps).values({
    tenantId: tenant.id,
    complaintId: complaint.id,
    sopVersionId,
    stepKey: step.key,
    startedAt: now,
    targetAt: times?.targetAt ?? null,
    dueAt: times?.dueAt ?? null,
  })
  return { dueAt: times?.dueAt ?? null }
}

/**
 * Entry and outcome actions become rows in the transition's transaction, so they happen exactly
 * when the transition commits. Notifying a role is done here; the rest is carried out by the
 * step-action job and the features that own them.
 */
async function queueActions({
  tx,
  tenantId,
  complaintId,
  stepKey,
  actions,
}: {
  tx: Tx
  tenantId: string
  complaintId: string
  stepKey: string
  actions: readonly StepAction[]
}) {
  for (const action of actions) {
    const { type, ...params } = action
    if (type === 'notify_role') {
      const recipients = await membersWithRole(tx, tenantId, action.roleKey)
      if (recipients.length > 0) {
        await tx.insert(notifications).values(
          recipients.map((membershipId) => ({
            tenantId,
            membershipId,
            kind: 'step_waiting' as const,
            complaintId,
            params: { step: stepKey },
          })),
        )
      }
      await tx.insert(stepActions).values({
        tenantId,
        complaintId,
        stepKey,
        kind: type,
        params,
        status: 'done',
        result: { notified: recipients.length },
      })
    } else {
      await tx.insert(stepActions).values({ tenantId, complaintId, stepKey, kind: type, params })
    }
  }
}

export async function membersWithRole(tx: Tx, tenantId: string, roleKey: string): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ id: memberships.id })
    .from(memberships)
    .innerJoin(
      membershipRoles,
      and(
        eq(membershipRoles.tenantId, memberships.tenantId),
        eq(membershipRoles.membershipId, memberships.id),
      ),
    )
    .innerJoin(roles, and(eq(roles.tenantId, membershipRoles.tenantId), eq(roles.id, membershipRoles.roleId)))
    .where(
      and(eq(memberships.tenantId, tenantId), eq(memberships.active, true), inArray(roles.key, [roleKey])),
    )
  return rows.map((r) => r.id)
}

/** The step visits of a complaint, newest last, for the complaint page and the tests. */
export async function stepHistory(tx: Tx, tenantId: string, complaintId: string) {
  return tx
    .select()
    .from(complaintSteps)
    .where(and(eq(complaintSteps.tenantId, tenantId), eq(complaintSteps.complaintId, complaintId)))
    .orderBy(complaintSteps.startedAt, desc(complaintSteps.finishedAt))
}
