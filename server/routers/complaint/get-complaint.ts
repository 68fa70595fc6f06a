import { and, asc, eq } from 'drizzle-orm'
import { z } from 'zod'
import {
  categories,
  complaintEvents,
  complaints,
  complaintSteps,
  memberships,
  reporters,
  sops,
  sopVersions,
  units,
  users,
} from '#db/schema/index.ts'
import { AppError } from '#server/errors.ts'
import { maskEmail, maskName, maskPhone } from '#server/complaints/mask.ts'
import { stepOf } from '#server/sop/definition.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'
import { complaintAttachments, complaintThread, replyTemplate } from '#server/complaints/whatsapp-thread.ts'
import { isActive } from '#server/complaints/status.ts'
import { tripHeldByAnotherPost } from '#server/trc/dispatch.ts'

export const ZGetComplaintInput = z.object({ ticket: z.string().trim().min(3).max(60) })

/** A complaint by its ticket number: details, where it stands in its SOP, what the viewer may do now. */
export const getComplaintProcedure = tenantProcedureWith('complaint.view')
  .input(ZGetComplaintInput)
  .query(async ({ ctx, input }) => {
    const tenantId = ctx.tenant.id
    const [row] = await ctx.tx
      .select({ complaint: complaints, category: categories, reporter: reporters })
      .from(complaints)
      .leftJoin(
        categories,
        and(eq(categories.tenantId, complaints.tenantId), eq(categories.id, complaints.categoryId)),
      )
      .leftJoin(
        reporters,
        and(eq(reporters.tenantId, complaints.tenantId), eq(reporters.id, complaints.reporterId)),
      )
      .where(and(eq(complaints.tenantId, tenantId), eq(complaints.ticketNumber, input.ticket.toUpperCase())))
    if (!row) throw new AppError('NOT_FOUND', 'errors.notFound')
    const { complaint, category, reporter } = row

    const [version] = complaint.sopVersionId
      ? await ctx.tx
          .select({
            version: sopVersions.version,
            definition: sopVersions.definition,
            sopNameId: sops.nameId,
            sopNameEn: sops.nameEn,
          })
          .from(sopVersions)
          .innerJoin(sops, and(eq(sops.tenantId, sopVersions.tenantId), eq(sops.id, sopVersions.sopId)))
          .where(and(eq(sopVersions.tenantId, tenantId), eq(sopVersions.id, complaint.sopVersionId)))
      : []
    const step = version ? stepOf(version.definition, complaint.currentStepKey) : undefined
    const visits = await ctx.tx
      .select()
      .from(complaintSteps)
      .where(and(eq(complaintSteps.tenantId, tenantId), eq(complaintSteps.complaintId, complaint.id)))
      .orderBy(asc(complaintSteps.startedAt))
    const events = await ctx.tx
      .select({ event: complaintEvents, actorName: users.name })
      .from(complaintEvents)
      .leftJoin(
        memberships,
        and(
          eq(memberships.tenantId, complaintEvents.tenantId),
          eq(memberships.id, complaintEvents.actorMembershipId),
        ),
      )
      .leftJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(complaintEvents.tenantId, tenantId), eq(complaintEvents.complaintId, complaint.id)))
      .orderBy(asc(complaintEvents.createdAt))

    const seesPii = ctx.permissions.has('reporter.view_pii')
    const hidden = reporter?.anonymous && !seesPii
    const canAct =
      !!step &&
      ctx.permissions.has('complaint.transition') &&
      step.roleKeys.some((r) => ctx.roleKeys.includes(r)) &&
      !(await tripHeldByAnotherPost(ctx.tx, tenantId, complaint.id, ctx.membership))
    const replyAuthors = new Map(
      events.flatMap(({ event, actorName }) =>
        event.kind === 'operator_reply' && typeof event.data.messageId === 'string'
          ? [[event.data.messageId, actorName] as const]
          : [],
      ),
    )
    const thread = await complaintThread({
      tx: ctx.tx,
      tenantId,
      complaint,
      seesPii,
      replyAuthors,
    })
    const canReply = !!thread && ctx.permissions.has('complaint.reply')
    const [assignee] = complaint.assigneeMembershipId
      ? await ctx.tx
          .select({ name: users.name })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(and(eq(memberships.tenantId, tenantId), eq(memberships.id, complaint.assigneeMembershipId)))
      : []
    const [assignedUnit] = complaint.assigneeUnitId
      ? await ctx.tx
          .select({ name: units.name })
          .from(units)
          .where(and(eq(units.tenantId, tenantId), eq(units.id, complaint.assigneeUnitId)))
      : []
    const [mergedInto] = complaint.mergedIntoId
      ? await ctx.tx
          .select({ ticket: complaints.ticketNumber })
          .from(complaints)
          .where(and(eq(complaints.tenantId, tenantId), eq(complaints.id, complaint.mergedIntoId)))
      : []
    const duplicates = await ctx.tx
      .select({ ticket: complaints.ticketNumber, channel: complaints.channel })
      .from(complaints)
      .where(and(eq(complaints.tenantId, tenantId), eq(complaints.mergedIntoId, complaint.id)))
      .orderBy(asc(complaints.createdAt))
    return {
      mergedInto: mergedInto?.ticket ?? null,
      duplicates,
      canDispatch:
        ctx.permissions.has('complaint.assign') &&
        ctx.permissions.has('dispatch.perform') &&
        isActive(complaint.status),
      canMerge:
        ctx.permissions.has('complaint.assign') && !complaint.mergedIntoId && isActive(complaint.status),
      assignment: {
        membershipId: complaint.assigneeMembershipId,
        unitId: complaint.assigneeUnitId,
        person: assignee?.name ?? null,
        unit: assignedUnit?.name ?? null,
      },
      categoryId: complaint.categoryId,
      canNote: ctx.permissions.has('complaint.note'),
      canPrintReceipt: complaint.channel === 'walk_in' && ctx.permissions.has('complaint.create'),
      canAssign: ctx.permissions.has('complaint.assign'),
      complaint: {
        ticketNumber: complaint.ticketNumber,
        version: complaint.version,
        channel: complaint.channel,
        status: complaint.status,
        priority: complaint.priority,
        description: complaint.description,
        locationText: complaint.locationText,
        sourceUrl: complaint.sourceUrl,
        latitude: complaint.latitude,
        longitude: complaint.longitude,
        createdAt: complaint.createdAt.toISOString(),
        stepStartedAt: complaint.stepStartedAt?.toISOString() ?? null,
        stepDueAt: complaint.stepDueAt?.toISOString() ?? null,
        stepBreachedAt: complaint.stepBreachedAt?.toISOString() ?? null,
      },
      category: category ? { nameId: category.nameId, nameEn: category.nameEn } : null,
      reporter: reporter
        ? {
            anonymous: reporter.anonymous,
            name: hidden ? null : seesPii ? reporter.name : maskName(reporter.name),
            phone: hidden ? null : seesPii ? reporter.phone : maskPhone(reporter.phone),
            email: hidden ? null : seesPii ? reporter.email : maskEmail(reporter.email),
          }
        : null,
      sop: version
        ? {
            nameId: version.sopNameId,
            nameEn: version.sopNameEn,
            version: version.version,
            steps: version.definition.steps.map((s) => ({
              key: s.key,
              nameId: s.nameId,
              nameEn: s.nameEn,
              limit: s.limit,
            })),
          }
        : null,
      currentStep: step ?? null,
      canAct,
      thread,
      attachments: await complaintAttachments({ tx: ctx.tx, tenantId, complaintId: complaint.id }),
      canReply,
      /** What "send the template" would send, outside the 24-hour window. */
      replyTemplate: canReply
        ? await replyTemplate({
            tx: ctx.tx,
            tenant: ctx.tenant,
            language: reporter?.language ?? ctx.tenant.language,
            ticketNumber: complaint.ticketNumber,
          }).then(({ text, whatsappTemplateName }) => ({ text, whatsappTemplateName }))
        : null,
      visits: visits.map((v) => ({
        stepKey: v.stepKey,
        startedAt: v.startedAt.toISOString(),
        dueAt: v.dueAt?.toISOString() ?? null,
        finishedAt: v.finishedAt?.toISOString() ?? null,
        outcomeKey: v.outcomeKey,
        breached: !!v.breachedAt || (!!v.finishedAt && !!v.dueAt && v.finishedAt > v.dueAt),
      })),
      events: events.map(({ event, actorName }) => ({
        id: event.id,
        kind: event.kind,
        fromStepKey: event.fromStepKey,
        toStepKey: event.toStepKey,
        actorName,
        data: event.data,
        createdAt: event.createdAt.toISOString(),
      })),
    }
  })
