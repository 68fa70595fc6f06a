import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import { complaintEvents, complaints, dispatches } from '#db/schema/index.ts'
import { storeUploads, ZUploadedFiles } from '#server/complaints/uploads.ts'
import { AppError } from '#server/errors.ts'
import { wake } from '#server/jobs/enqueue.ts'
import { stepOf } from '#server/sop/definition.ts'
import { definitionOf, transitionComplaint } from '#server/sop/engine.ts'
import { tripsOf } from '#server/trc/dispatch.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'

/**
 * The trip as it happens, taken by a member of the post it was sent to: departed, arrived where
 * (with photos before work), findings and photos after, finished. Finishing reports back into the
 * SOP: the TRC step is done with the findings as its note.
 */
export const updateDispatchProcedure = tenantProcedureWith('dispatch.perform')
  .input(
    z.discriminatedUnion('action', [
      z.object({ dispatchId: z.string().uuid(), action: z.literal('depart') }),
      z.object({
        dispatchId: z.string().uuid(),
        action: z.literal('arrive'),
        latitude: z.number().min(-11).max(6).optional(),
        longitude: z.number().min(95).max(141).optional(),
        /** Photos of the place before the work. */
        photos: ZUploadedFiles.default([]),
      }),
      z.object({
        dispatchId: z.string().uuid(),
        action: z.literal('finish'),
        findings: z.string().trim().min(10).max(4000),
        /** Photos after the work. */
        photos: ZUploadedFiles.default([]),
      }),
      z.object({
        dispatchId: z.string().uuid(),
        action: z.literal('photos'),
        stage: z.enum(['before', 'after']),
        photos: ZUploadedFiles.min(1),
      }),
    ]),
  )
  .mutation(async ({ ctx, input }) => {
    const tenantId = ctx.tenant.id
    const [dispatch] = await ctx.tx
      .select()
      .from(dispatches)
      .where(
        and(eq(dispatches.tenantId, tenantId), eq(dispatches.id, input.dispatchId), tripsOf(ctx.membership)),
      )
      .for('update')
    // Another post's trip is not this member's to take, whatever its id: not found, as in findMine.
    if (!dispatch) throw new AppError('NOT_FOUND', 'errors.notFound')
    const expected = {
      depart: ['assigned'],
      arrive: ['assigned', 'departed'],
      finish: ['assigned', 'departed', 'arrived'],
      photos: ['assigned', 'departed', 'arrived', 'finished'],
    }[input.action]
    if (!expected.includes(dispatch.status)) throw new AppError('CONFLICT', 'trc.errors.wrongOrder')
    const now = new Date()
    if (input.action !== 'depart') {
      const stage = input.action === 'photos' ? input.stage : input.action === 'arrive' ? 'before' : 'after'
      await storeUploads({
        tx: ctx.tx,
        tenantId,
        complaintId: dispatch.complaintId,
        uploadedBy: ctx.membership.id,
        kind: stage === 'before' ? 'trc_before' : 'trc_after',
        files: input.photos,
        accept: ['image/jpeg', 'image/png', 'image/webp'],
      })
      if (input.action === 'photos') {
        await ctx.tx.insert(complaintEvents).values({
          tenantId,
          complaintId: dispatch.complaintId,
          kind: 'trc_photos',
          actorMembershipId: ctx.membership.id,
          data: { stage: input.stage, count: input.photos.length },
        })
        return { status: dispatch.status }
      }
    }
    const where = and(eq(dispatches.tenantId, tenantId), eq(dispatches.id, dispatch.id))
    if (input.action === 'depart')
      await ctx.tx.update(dispatches).set({ status: 'departed', departedAt: now }).where(where)
    if (input.action === 'arrive') {
      await ctx.tx
        .update(dispatches)
        .set({
          status: 'arrived',
          arrivedAt: now,
          arrivedLatitude: input.latitude ?? null,
          arrivedLongitude: input.longitude ?? null,
          departedAt: dispatch.departedAt ?? now,
        })
        .where(where)
    }
    if (input.action === 'finish') {
      await ctx.tx
        .update(dispatches)
        .set({
          status: 'finished',
          finishedAt: now,
          finishedBy: ctx.membership.id,
          findings: input.findings,
          departedAt: dispatch.departedAt ?? now,
          arrivedAt: dispatch.arrivedAt ?? now,
        })
        .where(where)
    }
    await ctx.tx.insert(complaintEvents).values({
      tenantId,
      complaintId: dispatch.complaintId,
      kind: `trc_${input.action}`,
      actorMembershipId: ctx.membership.id,
      data:
        input.action === 'finish'
          ? { findings: input.findings }
          : input.action === 'arrive'
            ? { latitude: input.latitude ?? null, longitude: input.longitude ?? null }
            : {},
    })
    if (input.action === 'finish') {
      // The report goes back into the SOP: the TRC step is done, with the findings as its note.
      const [complaint] = await ctx.tx
        .select()
        .from(complaints)
        .where(and(eq(complaints.tenantId, tenantId), eq(complaints.id, dispatch.complaintId)))
      if (
        complaint?.sopVersionId &&
        complaint.currentStepKey &&
        ['open', 'in_progress'].includes(complaint.status)
      ) {
        const step = stepOf(
          await definitionOf(ctx.tx, tenantId, complaint.sopVersionId),
          complaint.currentStepKey,
        )
        const outcome = step?.outcomes[0]
        if (step && outcome && step.roleKeys.some((r) => ctx.roleKeys.includes(r))) {
          await transitionComplaint({
            tx: ctx.tx,
            tenant: ctx.tenant,
            actor: { membershipId: ctx.membership.id, roleKeys: ctx.roleKeys },
            complaintId: complaint.id,
            outcomeKey: outcome.key,
            checklist: step.checklist.map((c) => c.key),
            note: input.findings,
            now,
          })
          ctx.afterCommit(() => wake('whatsapp-send', { tenantId }))
        }
      }
    }
    return {
      status: input.action === 'depart' ? 'departed' : input.action === 'arrive' ? 'arrived' : 'finished',
    }
  })
