import { and, desc, eq, inArray, sql } from 'drizzle-orm'
import { attachments, complaints, dispatches, units } from '#db/schema/index.ts'
import { tripsOf } from '#server/trc/dispatch.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'

/** The signed-in TRC member's assignments (their post's, or every post's when they have none). */
export const findMineProcedure = tenantProcedureWith('dispatch.perform').query(async ({ ctx }) => {
  const rows = await ctx.tx
    .select({ dispatch: dispatches, complaint: complaints, post: units.name })
    .from(dispatches)
    .innerJoin(
      complaints,
      and(eq(complaints.tenantId, dispatches.tenantId), eq(complaints.id, dispatches.complaintId)),
    )
    .innerJoin(units, and(eq(units.tenantId, dispatches.tenantId), eq(units.id, dispatches.unitId)))
    .where(and(eq(dispatches.tenantId, ctx.tenant.id), tripsOf(ctx.membership)))
    .orderBy(sql`${dispatches.status} in ('finished', 'cancelled')`, desc(dispatches.createdAt))
    .limit(50)
  const photos =
    rows.length === 0
      ? []
      : await ctx.tx
          .select({ id: attachments.id, complaintId: attachments.complaintId, kind: attachments.kind })
          .from(attachments)
          .where(
            and(
              eq(attachments.tenantId, ctx.tenant.id),
              inArray(
                attachments.complaintId,
                rows.map((r) => r.complaint.id),
              ),
              inArray(attachments.kind, ['trc_before', 'trc_after']),
              eq(attachments.status, 'stored'),
            ),
          )
          .orderBy(attachments.createdAt)
  return rows.map(({ dispatch, complaint, post }) => ({
    id: dispatch.id,
    status: dispatch.status,
    post,
    createdAt: dispatch.createdAt.toISOString(),
    departedAt: dispatch.departedAt?.toISOString() ?? null,
    arrivedAt: dispatch.arrivedAt?.toISOString() ?? null,
    finishedAt: dispatch.finishedAt?.toISOString() ?? null,
    findings: dispatch.findings,
    photos: photos
      .filter((p) => p.complaintId === complaint.id)
      .map((p) => ({ id: p.id, stage: p.kind === 'trc_before' ? ('before' as const) : ('after' as const) })),
    complaint: {
      ticketNumber: complaint.ticketNumber,
      description: complaint.description,
      locationText: complaint.locationText,
      latitude: complaint.latitude,
      longitude: complaint.longitude,
    },
  }))
})
