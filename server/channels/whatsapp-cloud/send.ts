import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import { channels, conversations, messages, notifications, reporters } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { decryptSecret } from '#server/crypto.ts'
import { membersWithRole } from '#server/sop/engine.ts'
import { sendToGraph } from './graph.ts'

const WINDOW_MS = 24 * 3600_000
const MAX_ATTEMPTS = 8

/** Backoff after the n-th failed try: 5 s, 10 s, 20 s ... at most 10 minutes. */
export function backoffMs(attempts: number) {
  return Math.min(600_000, 5_000 * 2 ** Math.max(0, attempts - 1))
}

/**
 * Sends a tenant's queued messages to reporters, oldest first and in order per reporter: when one
 * must wait (rate limit, outage), the later ones of that conversation wait behind it. Outside the
 * 24-hour window (or when Meta says so, 131047) the approved template of the message's kind goes
 * instead. A token error marks the channel unhealthy, tells the tenant's admins and keeps the
 * messages queued.
 */
export async function sendQueuedMessages(
  tenantId: string,
  now = new Date(),
): Promise<{ sent: number; waiting: number; failed: number }> {
  const counts = { sent: 0, waiting: 0, failed: 0 }
  await withTenant(tenantId, async (tx) => {
    const queued = await tx
      .select({ message: messages, conversation: conversations, channel: channels, reporter: reporters })
      .from(messages)
      .innerJoin(
        conversations,
        and(eq(conversations.tenantId, messages.tenantId), eq(conversations.id, messages.conversationId)),
      )
      .innerJoin(
        channels,
        and(eq(channels.tenantId, conversations.tenantId), eq(channels.id, conversations.channelId)),
      )
      .innerJoin(
        reporters,
        and(eq(reporters.tenantId, conversations.tenantId), eq(reporters.id, conversations.reporterId)),
      )
      .where(
        and(
          eq(messages.tenantId, tenantId),
          eq(messages.direction, 'outbound'),
          eq(messages.status, 'queued'),
          isNull(messages.wamid),
        ),
      )
      .orderBy(asc(messages.createdAt))
      .limit(100)
      .for('update', { of: messages, skipLocked: true })
    const blocked = new Set<string>()
    for (const { message, conversation, channel, reporter } of queued) {
      if (blocked.has(conversation.id)) continue
      if (message.nextAttemptAt && message.nextAttemptAt > now) {
        blocked.add(conversation.id)
        counts.waiting++
        continue
      }
      // A deactivated number sends nothing; its messages wait in case it comes back.
      if (!channel.active || !channel.healthy || !channel.accessTokenEnc || !channel.phoneNumberId) {
        blocked.add(conversation.id)
        counts.waiting++
        continue
      }
      const to = reporter.waId ?? reporter.waUserId
      if (!to) {
        await tx
          .update(messages)
          .set({ status: 'failed', error: { reason: 'reporter has no WhatsApp id' } })
          .where(and(eq(messages.tenantId, tenantId), eq(messages.id, message.id)))
        counts.failed++
        continue
      }
      const inWindow =
        !!conversation.lastInboundAt && now.getTime() - conversation.lastInboundAt.getTime() < WINDOW_MS
      const templateName = (message.payload as { whatsappTemplateName?: string }).whatsappTemplateName
      const asTemplate = !inWindow || message.sentAsTemplate
      const body = asTemplate
        ? templateBody(to, templateName, templateParams(message.payload))
        : message.type === 'interactive' && (message.payload as { interactive?: unknown }).interactive
          ? {
              to,
              type: 'interactive',
              interactive: (message.payload as { interactive: unknown }).interactive,
            }
          : { to, type: 'text', text: { body: message.body ?? '', preview_url: false } }
      if (!body) {
        await fail(message.id, {
          reason: 'outside the 24-hour window and no approved template for this message',
          templateKey: message.templateKey,
        })
        continue
      }
      const result = await sendToGraph({
        phoneNumberId: channel.phoneNumberId,
        accessToken: decryptSecret(channel.accessTokenEnc),
        body,
      })
      if (result.ok) {
        await tx
          .update(messages)
          .set({
            wamid: result.wamid,
            attempts: message.attempts + 1,
            sentAsTemplate: asTemplate,
            error: null,
          })
          .where(and(eq(messages.tenantId, tenantId), eq(messages.id, message.id)))
        counts.sent++
        continue
      }
      if (result.kind === 'window' && !message.sentAsTemplate) {
        // Meta says the window closed: the template goes on the next run, first in line.
        await tx
          .update(messages)
          .set({ sentAsTemplate: true, nextAttemptAt: now })
          .where(and(eq(messages.tenantId, tenantId), eq(messages.id, message.id)))
        blocked.add(conversation.id)
        counts.waiting++
        continue
      }
      if (result.kind === 'token') {
        await tx
          .update(channels)
          .set({ healthy: false })
          .where(and(eq(channels.tenantId, tenantId), eq(channels.id, channel.id)))
        const admins = await membersWithRole(tx, tenantId, 'admin')
        if (admins.length > 0) {
          await tx.insert(notifications).values(
            admins.map((membershipId) => ({
              tenantId,
              membershipId,
              kind: 'channel_unhealthy' as const,
              params: { number: channel.displayNumber ?? '' },
            })),
          )
        }
        channel.healthy = false
        blocked.add(conversation.id)
        counts.waiting++
        continue
      }
      if (result.kind === 'retry' && message.attempts + 1 < MAX_ATTEMPTS) {
        await tx
          .update(messages)
          .set({
            attempts: message.attempts + 1,
            nextAttemptAt: new Date(now.getTime() + backoffMs(message.attempts + 1)),
            error: { code: result.code, httpStatus: result.httpStatus, message: result.message },
          })
          .where(and(eq(messages.tenantId, tenantId), eq(messages.id, message.id)))
        blocked.add(conversation.id)
        counts.waiting++
        continue
      }
      await fail(message.id, { code: result.code, httpStatus: result.httpStatus, message: result.message })
    }
    async function fail(id: string, error: Record<string, unknown>) {
      await tx
        .update(messages)
        .set({ status: 'failed', error, attempts: sql`${messages.attempts} + 1` })
        .where(and(eq(messages.tenantId, tenantId), eq(messages.id, id)))
      counts.failed++
    }
  })
  return counts
}

/** The parameters in the order they were given (older rows: the object's values). */
function templateParams(payload: Record<string, unknown>): string[] {
  const ordered = (payload as { templateParams?: unknown }).templateParams
  if (Array.isArray(ordered)) return ordered.map(String)
  return Object.values((payload as { params?: Record<string, string> }).params ?? {})
}

/** The approved template of the message's kind, with its text parameters. */
function templateBody(to: string, templateName: string | undefined, values: string[]) {
  if (!templateName) return null
  return {
    to,
    type: 'template',
    template: {
      name: templateName,
      language: { code: 'id' },
      components:
        values.length > 0
          ? [{ type: 'body', parameters: values.map((text) => ({ type: 'text', text })) }]
          : [],
    },
  }
}

/** When the channel's token was renewed: it is healthy again and its queued messages go out. */
export async function markChannelHealthy(tenantId: string, channelId: string) {
  await withTenant(tenantId, (tx) =>
    tx
      .update(channels)
      .set({ healthy: true })
      .where(and(eq(channels.tenantId, tenantId), eq(channels.id, channelId))),
  )
}
