import { and, desc, eq } from 'drizzle-orm'
import { z } from 'zod'
import { dispatches, units } from '#db/schema/index.ts'
import { complaintByTicket } from '#server/complaints/by-ticket.ts'
import { postsByDistance, tripOpen } from '#server/trc/dispatch.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'

export const ZDispatchOptionsInput = z.object({ ticket: z.string().trim().min(3).max(60) })

/** The TRC posts for a complaint, nearest first (the first is the suggestion), and its trip now. */
export const getDispatchOptionsProcedure = tenantProcedureWith('complaint.assign')
  .input(ZDispatchOptionsInput)
  .query(async ({ ctx, input }) => {
    const complaint = await complaintByTicket(ctx.tx, ctx.tenant.id, input.ticket)
    const posts = await postsByDistance(ctx.tx, ctx.tenant.id, {
      ...complaint,
      place: complaint.locationText,
    })
    const [active] = await ctx.tx
      .select({ id: dispatches.id, status: dispatches.status, post: units.name, unitId: units.id })
      .from(dispatches)
      .innerJoin(units, and(eq(units.tenantId, dispatches.tenantId), eq(units.id, dispatches.unitId)))
      .where(and(eq(dispatches.tenantId, ctx.tenant.id), eq(dispatches.complaintId, complaint.id), tripOpen))
      .orderBy(desc(dispatches.createdAt))
      .limit(1)
    return {
      posts: posts.map(({ post, km }) => ({
        id: post.id,
        name: post.name,
        km: km === null ? null : Math.round(km * 10) / 10,
      })),
      /** Nearest by the complaint's coordinates, else the post its place names, else the first post. */
      suggestedId: posts[0]?.post.id ?? null,
      active: active ?? null,
    }
  })
