import { and, eq, inArray, notInArray, type SQL } from 'drizzle-orm'
import type { Tx } from '#db/client.ts'
import {
  complaintEvents,
  complaints,
  dispatches,
  memberships,
  notifications,
  stepActions,
  units,
} from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { membersWithRole } from '#server/sop/engine.ts'

/**
 * The trips a member sees and takes: those sent to their own post; a member posted nowhere (the
 * agency admin, a coordinator) sees every post's. Another post's trip is, to them, not there.
 */
export function tripsOf(membership: { unitId: string | null }): SQL | undefined {
  return membership.unitId ? eq(dispatches.unitId, membership.unitId) : undefined
}

/** A trip still under way: the post has it in hand. */
export const tripOpen = notInArray(dispatches.status, ['finished', 'cancelled'])

/**
 * While a complaint's trip is under way its step belongs to the post the trip went to: a member of
 * another TRC post may not move it (through the complaint page, say), any more than the trip itself.
 */
export async function tripHeldByAnotherPost(
  tx: Tx,
  tenantId: string,
  complaintId: string,
  membership: { unitId: string | null },
): Promise<boolean> {
  if (!membership.unitId) return false
  const [unit] = await tx
    .select({ kind: units.kind })
    .from(units)
    .where(and(eq(units.tenantId, tenantId), eq(units.id, membership.unitId)))
  if (unit?.kind !== 'trc_post') return false
  const open = await tx
    .select({ unitId: dispatches.unitId })
    .from(dispatches)
    .where(and(eq(dispatches.tenantId, tenantId), eq(dispatches.complaintId, complaintId), tripOpen))
  return open.length > 0 && !open.some((trip) => trip.unitId === membership.unitId)
}

type Point = { latitude: number | null; longitude: number | null }

/** Great-circle distance in km; good enough to pick the nearest post. */
export function distanceKm(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
) {
  const rad = Math.PI / 180
  const dLat = (b.latitude - a.latitude) * rad
  const dLon = (b.longitude - a.longitude) * rad
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2
  return 12_742 * Math.asin(Math.sqrt(h))
}

/**
 * The tenant's active TRC posts, best first: nearest to the complaint's coordinates; without them, a
 * post whose place the location text names ("Pasar Paringin" -> Pos TRC Paringin); else the first
 * post the agency set up (its headquarters).
 */
export async function postsByDistance(tx: Tx, tenantId: string, from: Point & { place?: string | null }) {
  const posts = await tx
    .select()
    .from(units)
    .where(and(eq(units.tenantId, tenantId), eq(units.kind, 'trc_post'), eq(units.active, true)))
    .orderBy(units.createdAt)
  const at =
    from.latitude !== null && from.longitude !== null
      ? { latitude: from.latitude, longitude: from.longitude }
      : null
  const place = (from.place ?? '').toLowerCase()
  const named = (name: string) =>
    place !== '' &&
    name
      .toLowerCase()
      .replace(/\(.*\)|\bpos\b|\btrc\b/g, ' ')
      .split(/\s+/)
      .some((word) => word.length >= 4 && place.includes(word))
  return posts
    .map((post, order) => ({
      post,
      order,
      named: named(post.name),
      km:
        at && post.latitude !== null && post.longitude !== null
          ? distanceKm(at, { latitude: post.latitude, longitude: post.longitude })
          : null,
    }))
    .sort(
      (a, b) =>
        (a.km ?? Infinity) - (b.km ?? Infinity) || Number(b.named) - Number(a.named) || a.order - b.order,
    )
}

/**
 * Tells a post's TRC members (in-app) that a trip was given to them or called off. Nobody posted
 * there: every TRC member hears of it rather than nobody.
 */
export async function tellPost({
  tx,
  tenantId,
  unitId,
  complaintId,
  kind,
}: {
  tx: Tx
  tenantId: string
  unitId: string
  complaintId: string
  kind: 'trc_dispatched' | 'trc_cancelled'
}) {
  const trc = await membersWithRole(tx, tenantId, 'trc')
  const atPost = trc.length
    ? await tx
        .select({ id: memberships.id })
        .from(memberships)
        .where(
          and(
            eq(memberships.tenantId, tenantId),
            inArray(memberships.id, trc),
            eq(memberships.unitId, unitId),
          ),
        )
    : []
  const recipients = atPost.length > 0 ? atPost.map((m) => m.id) : trc
  if (recipients.length === 0) return
  const [complaint] = await tx
    .select({ ticket: complaints.ticketNumber })
    .from(complaints)
    .where(and(eq(complaints.tenantId, tenantId), eq(complaints.id, complaintId)))
  await tx.insert(notifications).values(
    recipients.map((membershipId) => ({
      tenantId,
      membershipId,
      kind,
      complaintId,
      params: { ticket: complaint?.ticket ?? '' },
    })),
  )
}

/** Sends a complaint to a TRC post and tells the post's TRC members (in-app). */
export async function dispatchToPost({
  tx,
  tenantId,
  complaintId,
  unitId,
  by,
}: {
  tx: Tx
  tenantId: string
  complaintId: string
  unitId: string
  by: string | null
}) {
  const [dispatch] = await tx
    .insert(dispatches)
    .values({ tenantId, complaintId, unitId, dispatchedBy: by })
    .returning()
  await tellPost({ tx, tenantId, unitId, complaintId, kind: 'trc_dispatched' })
  await tx.insert(complaintEvents).values({
    tenantId,
    complaintId,
    kind: 'trc_dispatched',
    actorMembershipId: by,
    data: { dispatchId: dispatch!.id, unitId },
  })
  return dispatch!
}

/** The SOP's "dispatch TRC" actions: to the post nearest the complaint's location. */
export async function runDispatchActions(tenantId: string): Promise<number> {
  return withTenant(tenantId, async (tx) => {
    const pending = await tx
      .select({ action: stepActions, complaint: complaints })
      .from(stepActions)
      .innerJoin(
        complaints,
        and(eq(complaints.tenantId, stepActions.tenantId), eq(complaints.id, stepActions.complaintId)),
      )
      .where(
        and(
          eq(stepActions.tenantId, tenantId),
          eq(stepActions.kind, 'dispatch_trc'),
          eq(stepActions.status, 'pending'),
        ),
      )
      .limit(100)
      .for('update', { of: stepActions, skipLocked: true })
    let done = 0
    for (const { action, complaint } of pending) {
      // A person dispatching this complaint by hand holds its row: leave the action for the next run,
      // which will find their trip. Never waiting here keeps the two paths from deadlocking.
      const [free] = await tx
        .select({ id: complaints.id })
        .from(complaints)
        .where(and(eq(complaints.tenantId, tenantId), eq(complaints.id, complaint.id)))
        .for('update', { skipLocked: true })
      if (!free) continue
      // Someone already sent the team by hand: the SOP's dispatch is that one.
      const [active] = await tx
        .select({ id: dispatches.id, unitId: dispatches.unitId })
        .from(dispatches)
        .where(and(eq(dispatches.tenantId, tenantId), eq(dispatches.complaintId, complaint.id), tripOpen))
        .limit(1)
      if (active) {
        await tx
          .update(stepActions)
          .set({ status: 'done', result: { dispatchId: active.id, unitId: active.unitId, existing: true } })
          .where(and(eq(stepActions.tenantId, tenantId), eq(stepActions.id, action.id)))
        continue
      }
      const [nearest] = await postsByDistance(tx, tenantId, { ...complaint, place: complaint.locationText })
      if (!nearest) {
        await tx
          .update(stepActions)
          .set({ status: 'failed', result: { reason: 'no active TRC post' } })
          .where(and(eq(stepActions.tenantId, tenantId), eq(stepActions.id, action.id)))
        continue
      }
      const dispatch = await dispatchToPost({
        tx,
        tenantId,
        complaintId: complaint.id,
        unitId: nearest.post.id,
        by: null,
      })
      await tx
        .update(stepActions)
        .set({ status: 'done', result: { dispatchId: dispatch.id, unitId: nearest.post.id, km: nearest.km } })
        .where(and(eq(stepActions.tenantId, tenantId), eq(stepActions.id, action.id)))
      done++
    }
    return done
  })
}
