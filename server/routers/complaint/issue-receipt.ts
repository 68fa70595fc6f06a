import { and, asc, eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import {
  categories,
  channels,
  complaintEvents,
  complaints,
  complaintSteps,
  reporters,
  sopVersions,
  stepActions,
  users,
} from '#db/schema/index.ts'
import { formatInZone, ZONE_ABBREVIATION } from '#app/utils/time.ts'
import { complaintByTicket } from '#server/complaints/by-ticket.ts'
import { hashTrackingSecret, newTrackingCode } from '#server/complaints/create-complaint.ts'
import { AppError } from '#server/errors.ts'
import { translator } from '#server/i18n/translate.ts'
import type { ServiceReceiptProps } from '#server/pdf/service-receipt.tsx'
import { formatLimit } from '#server/sop/clock.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'

export const ZIssueReceiptInput = z.object({ ticket: z.string().trim().min(3).max(60) })

/**
 * The "Form Penerimaan Layanan" of a walk-in complaint, in the tenant's language and zone. Each
 * print issues a new tracking code (only its hash is kept, so an old code cannot be printed again):
 * the paper the reporter last received is the one that works. Recorded in the timeline.
 */
export const issueReceiptProcedure = tenantProcedureWith('complaint.create')
  .input(ZIssueReceiptInput)
  .mutation(async ({ ctx, input }) => {
    // It prints the complaint: whoever prints must also be allowed to read it.
    if (!ctx.permissions.has('complaint.view')) throw new AppError('FORBIDDEN', 'errors.forbidden')
    const tenantId = ctx.tenant.id
    const complaint = await complaintByTicket(ctx.tx, tenantId, input.ticket)
    if (complaint.channel !== 'walk_in') throw new AppError('BAD_REQUEST', 'receipt.walkInOnly')
    const now = new Date()
    const trackingCode = newTrackingCode()
    await ctx.tx
      .update(complaints)
      .set({ trackingSecretHash: hashTrackingSecret(trackingCode) })
      .where(and(eq(complaints.tenantId, tenantId), eq(complaints.id, complaint.id)))
    await ctx.tx.insert(complaintEvents).values({
      tenantId,
      complaintId: complaint.id,
      kind: 'receipt_issued',
      actorMembershipId: ctx.membership.id,
      data: {},
      createdAt: now,
    })
    // The SOP's "hand over the service receipt form" action is what this print carries out.
    await ctx.tx
      .update(stepActions)
      .set({ status: 'done', result: { printedBy: ctx.membership.id, printedAt: now.toISOString() } })
      .where(
        and(
          eq(stepActions.tenantId, tenantId),
          eq(stepActions.complaintId, complaint.id),
          eq(stepActions.kind, 'generate_letter'),
          eq(stepActions.status, 'pending'),
          sql`${stepActions.params}->>'letterKind' = 'service_receipt'`,
        ),
      )

    const language = ctx.tenant.language === 'en' ? 'en' : 'id'
    const t = await translator(language)
    const zone = ctx.tenant.timezone
    const format = (date: Date, options: Intl.DateTimeFormatOptions) =>
      `${formatInZone(date, zone, language, options)} ${ZONE_ABBREVIATION[zone] ?? ''}`.trim()
    const long = (date: Date) =>
      format(date, {
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      })
    const short = (date: Date) =>
      format(date, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })

    const [category] = complaint.categoryId
      ? await ctx.tx
          .select({ nameId: categories.nameId, nameEn: categories.nameEn })
          .from(categories)
          .where(and(eq(categories.tenantId, tenantId), eq(categories.id, complaint.categoryId)))
      : []
    const [reporter] = complaint.reporterId
      ? await ctx.tx
          .select()
          .from(reporters)
          .where(and(eq(reporters.tenantId, tenantId), eq(reporters.id, complaint.reporterId)))
      : []
    // The reporter holds the paper; an officer who may not see identities prints it without them.
    const identity = reporter && !reporter.erasedAt && ctx.permissions.has('reporter.view_pii')
    const [officer] = await ctx.tx
      .select({ name: users.name })
      .from(users)
      .where(eq(users.id, ctx.membership.userId))
    const [version] = complaint.sopVersionId
      ? await ctx.tx
          .select({ definition: sopVersions.definition })
          .from(sopVersions)
          .where(and(eq(sopVersions.tenantId, tenantId), eq(sopVersions.id, complaint.sopVersionId)))
      : []
    const visits = await ctx.tx
      .select({ stepKey: complaintSteps.stepKey, finishedAt: complaintSteps.finishedAt })
      .from(complaintSteps)
      .where(and(eq(complaintSteps.tenantId, tenantId), eq(complaintSteps.complaintId, complaint.id)))
      .orderBy(asc(complaintSteps.startedAt))
    const [whatsapp] = await ctx.tx
      .select({ displayNumber: channels.displayNumber })
      .from(channels)
      .where(and(eq(channels.tenantId, tenantId), eq(channels.kind, 'whatsapp'), eq(channels.active, true)))
      .limit(1)

    const dash = '-'
    const document: ServiceReceiptProps = {
      letterhead: ctx.tenant.letterhead ?? {
        parentName: '',
        agencyName: ctx.tenant.name.toUpperCase(),
        address: '',
      },
      serviceName: ctx.tenant.serviceName,
      ticketNumber: complaint.ticketNumber,
      trackingCode,
      receivedAt: long(complaint.createdAt),
      printedAt: t('receipt.printedAt', { time: short(now) }),
      channel: t(`channels.${complaint.channel}`),
      category: category ? (language === 'en' ? category.nameEn : category.nameId) : dash,
      location: complaint.locationText ?? dash,
      description: complaint.description,
      reporter: {
        name: identity ? reporter.name || dash : t('receipt.withheld'),
        phone: identity ? reporter.phone || dash : dash,
        email: identity ? reporter.email || dash : dash,
      },
      officerName: officer?.name ?? dash,
      steps: (version?.definition.steps ?? []).map((step, i) => {
        const last = visits.filter((v) => v.stepKey === step.key).at(-1)
        return {
          no: i + 1,
          name: language === 'en' ? step.nameEn : step.nameId,
          limit: step.limit ? formatLimit(step.limit, language) : dash,
          state:
            step.key === complaint.currentStepKey
              ? t('receipt.stepCurrent')
              : last?.finishedAt
                ? t('receipt.stepDone', { time: short(last.finishedAt) })
                : t('receipt.stepTodo'),
        }
      }),
      follow: whatsapp?.displayNumber
        ? t('receipt.followWhatsapp', { ticket: complaint.ticketNumber, number: whatsapp.displayNumber })
        : t('receipt.followOffice', { ticket: complaint.ticketNumber }),
      texts: {
        title: t('receipt.title'),
        subtitle: t('receipt.subtitle'),
        ticket: t('receipt.ticket'),
        trackingCode: t('receipt.trackingCode'),
        receivedAt: t('receipt.receivedAt'),
        channel: t('receipt.channel'),
        category: t('receipt.category'),
        location: t('receipt.location'),
        reporterHeading: t('receipt.reporterHeading'),
        name: t('receipt.name'),
        phone: t('receipt.phone'),
        email: t('receipt.email'),
        complaintHeading: t('receipt.complaintHeading'),
        stepsHeading: t('receipt.stepsHeading'),
        stepNo: t('receipt.stepNo'),
        stepName: t('receipt.stepName'),
        stepLimit: t('receipt.stepLimit'),
        stepState: t('receipt.stepState'),
        followHeading: t('receipt.followHeading'),
        reporterSigns: t('receipt.reporterSigns'),
        officerSigns: t('receipt.officerSigns'),
        free: t('receipt.free'),
      },
    }
    return { fileName: `form-penerimaan-layanan-${complaint.ticketNumber}.pdf`, document }
  })
