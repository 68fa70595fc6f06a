import { and, asc, eq, ne } from 'drizzle-orm'
import { z } from 'zod'
import { channels, messageTemplates } from '#db/schema/index.ts'
import { sendToGraph } from '#server/channels/whatsapp-cloud/graph.ts'
import { decryptSecret, encryptSecret } from '#server/crypto.ts'
import { translator } from '#server/i18n/translate.ts'
import { AppError } from '#server/errors.ts'
import { publicUrl } from '#server/env.ts'
import { wake } from '#server/jobs/enqueue.ts'
import { router, tenantProcedureWith } from '#server/trpc/trpc.ts'
import { assertNumberOwned } from './verify-number.ts'

const manage = tenantProcedureWith('channel.manage')

const ZWhatsappInput = z.object({
  /** Absent: a new number. */
  channelId: z.string().uuid().optional(),
  phoneNumberId: z
    .string()
    .trim()
    .regex(/^\d{6,20}$/),
  displayNumber: z.string().trim().min(6).max(30),
  verifyToken: z.string().trim().min(8).max(200),
  /** Write-only: empty keeps the stored one. */
  accessToken: z.string().trim().max(2000).optional(),
  appSecret: z.string().trim().max(200).optional(),
  active: z.boolean().default(true),
})

/**
 * The tenant's WhatsApp numbers (secrets encrypted at rest, never sent back) and the texts sent
 * to reporters, with the approved WhatsApp template used outside the 24-hour window.
 */
export const channelRouter = router({
  find: manage.query(async ({ ctx }) => {
    const rows = await ctx.tx
      .select()
      .from(channels)
      .where(eq(channels.tenantId, ctx.tenant.id))
      .orderBy(asc(channels.createdAt))
    return {
      webhookUrl: `${publicUrl()}/webhooks/whatsapp`,
      channels: rows.map((c) => ({
        id: c.id,
        kind: c.kind,
        name: c.name,
        phoneNumberId: c.phoneNumberId,
        displayNumber: c.displayNumber,
        verifyToken: c.verifyToken,
        hasAccessToken: !!c.accessTokenEnc,
        hasAppSecret: !!c.appSecretEnc,
        healthy: c.healthy,
        active: c.active,
        approval: c.approval,
      })),
    }
  }),
  /**
   * Adds or edits a number. A number is saved only when the Graph API, asked with the access token
   * given (or the stored one), answers for that very number; a new number then waits for a platform
   * admin's approval before it takes complaints or sends anything. An approved number's id is fixed.
   */
  saveWhatsapp: manage.input(ZWhatsappInput).mutation(async ({ ctx, input }) => {
    const existing = input.channelId
      ? (
          await ctx.tx
            .select()
            .from(channels)
            .where(
              and(
                eq(channels.tenantId, ctx.tenant.id),
                eq(channels.id, input.channelId),
                eq(channels.kind, 'whatsapp'),
              ),
            )
        )[0]
      : undefined
    if (input.channelId && !existing) throw new AppError('NOT_FOUND', 'errors.notFound')
    const numberChanged = !existing || existing.phoneNumberId !== input.phoneNumberId
    if (existing && numberChanged && existing.approval === 'approved')
      throw new AppError('CONFLICT', 'members.channels.errors.numberFixed')
    if (!existing && !input.accessToken) throw new AppError('BAD_REQUEST', 'channels.errors.tokenRequired')
    // The number's id routes the shared webhook: one channel on the whole platform may hold it. Other
    // tenants' rows are invisible here, so a clash with them surfaces as the unique index's error below.
    const [clash] = await ctx.tx
      .select({ id: channels.id })
      .from(channels)
      .where(
        and(
          eq(channels.tenantId, ctx.tenant.id),
          eq(channels.phoneNumberId, input.phoneNumberId),
          input.channelId ? ne(channels.id, input.channelId) : undefined,
        ),
      )
    if (clash) throw new AppError('CONFLICT', 'channels.errors.numberTaken')
    // Ownership: a new number, another number, or a new token is checked with Meta before saving.
    if (numberChanged || input.accessToken) {
      const token =
        input.accessToken ?? (existing?.accessTokenEnc ? decryptSecret(existing.accessTokenEnc) : null)
      if (!token) throw new AppError('BAD_REQUEST', 'channels.errors.tokenRequired')
      await assertNumberOwned({ phoneNumberId: input.phoneNumberId, accessToken: token })
    }
    const secrets = {
      // A new token makes an unhealthy channel usable again; its queued messages then go out.
      ...(input.accessToken ? { accessTokenEnc: encryptSecret(input.accessToken), healthy: true } : {}),
      ...(input.appSecret ? { appSecretEnc: encryptSecret(input.appSecret) } : {}),
    }
    const values = {
      phoneNumberId: input.phoneNumberId,
      displayNumber: input.displayNumber,
      verifyToken: input.verifyToken,
      name: `WhatsApp ${input.displayNumber}`,
      active: input.active,
      ...secrets,
    }
    try {
      if (existing) {
        await ctx.tx
          .update(channels)
          .set(values)
          .where(and(eq(channels.tenantId, ctx.tenant.id), eq(channels.id, existing.id)))
        // A renewed token: the messages that waited for it go now.
        if (input.accessToken && existing.approval === 'approved')
          ctx.afterCommit(() => wake('whatsapp-send', { tenantId: ctx.tenant.id }))
        return { id: existing.id, approval: existing.approval }
      }
      const [created] = await ctx.tx
        .insert(channels)
        .values({ tenantId: ctx.tenant.id, kind: 'whatsapp', ...values, approval: 'pending' })
        .returning({ id: channels.id, approval: channels.approval })
      return created!
    } catch (error) {
      // The unique index across tenants: another agency already registered this number.
      if ((error as { cause?: { code?: string } }).cause?.code === '23505')
        throw new AppError('CONFLICT', 'channels.errors.numberTaken')
      throw error
    }
  }),
  /** Sends a short text straight through the Cloud API, so the admin sees the number works. */
  sendTest: manage
    .input(
      z.object({
        channelId: z.string().uuid(),
        to: z
          .string()
          .trim()
          .regex(/^\+?\d{8,15}$/),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const [channel] = await ctx.tx
        .select()
        .from(channels)
        .where(
          and(
            eq(channels.tenantId, ctx.tenant.id),
            eq(channels.id, input.channelId),
            eq(channels.kind, 'whatsapp'),
          ),
        )
      if (!channel) throw new AppError('NOT_FOUND', 'errors.notFound')
      if (channel.approval !== 'approved')
        throw new AppError('CONFLICT', 'members.channels.errors.awaitingApproval')
      if (!channel.accessTokenEnc || !channel.phoneNumberId)
        throw new AppError('BAD_REQUEST', 'channels.errors.tokenRequired')
      const t = await translator(ctx.tenant.language)
      const result = await sendToGraph({
        phoneNumberId: channel.phoneNumberId,
        accessToken: decryptSecret(channel.accessTokenEnc),
        body: {
          to: input.to.replace(/^\+/, ''),
          type: 'text',
          text: { body: t('channels.testMessage', { service: ctx.tenant.serviceName }), preview_url: false },
        },
      })
      if (!result.ok)
        throw new AppError('BAD_REQUEST', 'channels.errors.testFailed', {
          reason: `${result.code ?? result.httpStatus ?? ''} ${result.message}`.trim(),
        })
      return { wamid: result.wamid }
    }),
  findTemplates: manage.query(({ ctx }) =>
    ctx.tx
      .select({
        key: messageTemplates.key,
        language: messageTemplates.language,
        body: messageTemplates.body,
        whatsappTemplateName: messageTemplates.whatsappTemplateName,
      })
      .from(messageTemplates)
      .where(eq(messageTemplates.tenantId, ctx.tenant.id))
      .orderBy(asc(messageTemplates.key), asc(messageTemplates.language)),
  ),
  saveTemplate: manage
    .input(
      z.object({
        key: z.string().trim().min(2).max(60),
        language: z.enum(['id', 'en']),
        body: z.string().trim().min(5).max(1024),
        whatsappTemplateName: z
          .string()
          .trim()
          .regex(/^[a-z0-9_]{1,512}$/)
          .optional()
          .or(z.literal('').transform(() => undefined)),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const updated = await ctx.tx
        .update(messageTemplates)
        .set({ body: input.body, whatsappTemplateName: input.whatsappTemplateName ?? null })
        .where(
          and(
            eq(messageTemplates.tenantId, ctx.tenant.id),
            eq(messageTemplates.key, input.key),
            eq(messageTemplates.language, input.language),
          ),
        )
        .returning({ key: messageTemplates.key })
      if (updated.length === 0) throw new AppError('NOT_FOUND', 'errors.notFound')
      return { ok: true }
    }),
})
