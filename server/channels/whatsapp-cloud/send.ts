import { and, arrayContains, asc, eq, isNull, sql } from 'drizzle-orm'
import { db } from '#db/client.ts'
import {
  channels,
  conversations,
  messageStatuses,
  messages,
  notifications,
  reporters,
  webhookDeliveries,
} from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { decryptSecret } from '#server/crypto.ts'
import { isJobsStarted, jobQueue } from '#server/jobs/boss.ts'
import { membersWithRole } from '#server/sop/engine.ts'
import { sendToGraph } from './graph.ts'
import { conversationChannel, conversationReporter, messageConversation } from './joins.ts'

const WINDOW_MS = 24 * 3600_000
const MAX_ATTEMPTS = 8

/** Backoff after the n-th failed try: 5 s, 10 s, 20 s ... at most 10 minutes. */
export function backoffMs(attempts: number) {
  return Math.min(600_000, 5_000 * 2 ** Math.max(0, attempts - 1))
}

type Counts = { sent: number; waiting: number; failed: number }
type Row = {
  message: typeof messages.$inferSelect
  conversation: typeof conversations.$inferSelect
  channel: typeof channels.$inferSelect
  reporter: typeof reporters.$inferSelect
}
/** A send under way, written (and committed) before the request leaves. */
type Sending = { key: string; at: string }

const sendingOf = (message: typeof messages.$inferSelect) =>
  (message.payload as { sending?: Sending }).sending

/** The `biz_opaque_callback_data` of a message: Meta returns it in each status of what it accepted. */
export const callbackKey = (messageId: string) => `tanggap:${messageId}`

/**
 * Sends a tenant's queued messages to reporters, oldest first and in order per reporter: only the
 * oldest unsent message of a conversation goes, so when one must wait (rate limit, outage), the
 * later ones wait behind it, whichever worker looks. Outside the 24-hour window (or when Meta says
 * so, 131047) the approved template of the message's kind goes instead. A token error marks the
 * channel unhealthy, tells the tenant's admins and keeps the messages queued.
 *
 * Exactly once: each send is marked (committed) before its request leaves, with the message's
 * callback key. A send that got no answer, or whose worker died, stays in doubt until a status
 * naming its key shows Meta accepted it (then its wamid is taken from there), or until IN_DOUBT_MS
 * passed with every webhook of the number processed and none did (then it goes again).
 */
export async function sendQueuedMessages(tenantId: string, now = new Date()): Promise<Counts> {
  const counts: Counts = { sent: 0, waiting: 0, failed: 0 }
  await applyEarlyStatuses(tenantId)
  const heads = await withTenant(tenantId, (tx) =>
    tx
      .select({ conversationId: messages.conversationId })
      .from(messages)
      .where(unsent(tenantId))
      .groupBy(messages.conversationId)
      .orderBy(sql`min(${messages.createdAt})`)
      .limit(100),
  )
  let wakeAt: Date | null = null
  for (const { conversationId } of heads) {
    const due = await sendConversation(tenantId, conversationId, now, counts)
    if (due && (!wakeAt || due < wakeAt)) wakeAt = due
  }
  if (wakeAt) wakeSendAt(tenantId, wakeAt)
  return counts
}

/** Outbound messages of the tenant not accepted by Meta yet and not failed. */
const unsent = (tenantId: string) =>
  and(
    eq(messages.tenantId, tenantId),
    eq(messages.direction, 'outbound'),
    eq(messages.status, 'queued'),
    isNull(messages.wamid),
  )

/**
 * Sends one conversation's messages, oldest first, until one must wait; returns when to look
 * again (null: nothing waits on time).
 */
async function sendConversation(
  tenantId: string,
  conversationId: string,
  now: Date,
  counts: Counts,
): Promise<Date | null> {
  const done = new Set<string>()
  for (;;) {
    const [row] = await withTenant(tenantId, (tx) =>
      tx
        .select({ message: messages, conversation: conversations, channel: channels, reporter: reporters })
        .from(messages)
        .innerJoin(conversations, messageConversation)
        .innerJoin(channels, conversationChannel)
        .innerJoin(reporters, conversationReporter)
        .where(and(unsent(tenantId), eq(messages.conversationId, conversationId)))
        .orderBy(asc(messages.createdAt), asc(messages.id))
        .limit(1),
    )
    // Nothing is tried twice in one run (a row that could not be updated must not loop).
    if (!row || done.has(row.message.id)) return null
    done.add(row.message.id)
    const outcome = await sendHead(tenantId, row, now, counts)
    if (outcome === 'next') continue
    counts.waiting++
    return outcome === 'wait' ? null : outcome
  }
}

/** One conversation's oldest unsent message: sent, failed (`next`), or it waits (until a time). */
async function sendHead(
  tenantId: string,
  { message, conversation, channel, reporter }: Row,
  now: Date,
  counts: Counts,
): Promise<'next' | 'wait' | Date> {
  const sending = sendingOf(message)
  if (sending) {
    // Sent before, with no answer kept: a worker is at it, or it died, or Meta did not answer.
    const accepted = await acceptedEarlier(tenantId, message.id)
    if (accepted) {
      // A send without an answer counted its attempt; one cut off by a crash did not.
      await recordAccepted(tenantId, message, accepted, message.sentAsTemplate, Math.max(message.attempts, 1))
      counts.sent++
      return 'next'
    }
    const doubtEnds = new Date(new Date(sending.at).getTime() + IN_DOUBT_MS)
    if (doubtEnds > now) return doubtEnds
    if (channel.phoneNumberId && (await webhooksPending(channel.phoneNumberId)))
      return new Date(now.getTime() + 5_000)
    if (message.attempts >= MAX_ATTEMPTS) {
      await fail(tenantId, message.id, message.error ?? { reason: 'no answer from the Cloud API' })
      counts.failed++
      return 'next'
    }
  } else if (message.nextAttemptAt && message.nextAttemptAt > now) {
    return message.nextAttemptAt
  }
  // A deactivated number sends nothing; its messages wait in case it comes back.
  if (!channel.active || !channel.healthy || !channel.accessTokenEnc || !channel.phoneNumberId) return 'wait'
  const to = reporter.waId ?? reporter.waUserId
  if (!to) {
    await fail(tenantId, message.id, { reason: 'reporter has no WhatsApp id' })
    counts.failed++
    return 'next'
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
    await fail(tenantId, message.id, {
      reason: 'outside the 24-hour window and no approved template for this message',
      templateKey: message.templateKey,
    })
    counts.failed++
    return 'next'
  }
  if (!(await claim(tenantId, message.id, sending, now))) return 'wait'
  const result = await sendToGraph({
    phoneNumberId: channel.phoneNumberId,
    accessToken: decryptSecret(channel.accessTokenEnc),
    body,
    callbackData: callbackKey(message.id),
  })
  if (result.ok) {
    await recordAccepted(tenantId, message, result.wamid, asTemplate, message.attempts + 1)
    counts.sent++
    return 'next'
  }
  const error = { code: result.code, httpStatus: result.httpStatus, message: result.message }
  const update = (values: Partial<typeof messages.$inferInsert>, keepSending = false) =>
    withTenant(tenantId, (tx) =>
      tx
        .update(messages)
        .set({
          ...values,
          payload: keepSending ? messages.payload : sql`${messages.payload} - 'sending'`,
          updatedAt: new Date(),
        })
        .where(and(eq(messages.tenantId, tenantId), eq(messages.id, message.id))),
    )
  if (result.kind === 'unknown') {
    // Meta may have it: in doubt, look again when its status could be here, and at the end of the doubt.
    await update({ attempts: message.attempts + 1, error }, true)
    wakeSendAt(tenantId, new Date(Date.now() + 5_000))
    return new Date(now.getTime() + IN_DOUBT_MS)
  }
  if (result.kind === 'window' && !message.sentAsTemplate) {
    // Meta says the window closed: the template goes on the next run, first in line.
    await update({ sentAsTemplate: true, nextAttemptAt: now })
    return now
  }
  if (result.kind === 'token') {
    await update({})
    await withTenant(tenantId, async (tx) => {
      // The admins hear it once, from whichever send found the token dead first.
      const flipped = await tx
        .update(channels)
        .set({ healthy: false })
        .where(and(eq(channels.tenantId, tenantId), eq(channels.id, channel.id), eq(channels.healthy, true)))
        .returning({ id: channels.id })
      const admins = flipped.length > 0 ? await membersWithRole(tx, tenantId, 'admin') : []
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
    })
    return 'wait'
  }
  if (result.kind === 'retry' && message.attempts + 1 < MAX_ATTEMPTS) {
    const next = new Date(now.getTime() + backoffMs(message.attempts + 1))
    await update({ attempts: message.attempts + 1, nextAttemptAt: next, error })
    return next
  }
  await fail(tenantId, message.id, error)
  counts.failed++
  return 'next'
}

/** How long a send without an answer stays in doubt before it may go again. */
export const IN_DOUBT_MS = 60_000

/**
 * Marks the send as under way, committed before the request leaves, unless another worker has
 * just taken it (or the message is no longer unsent).
 */
async function claim(tenantId: string, messageId: string, previous: Sending | undefined, now: Date) {
  const sending: Sending = { key: callbackKey(messageId), at: now.toISOString() }
  const claimed = await withTenant(tenantId, (tx) =>
    tx
      .update(messages)
      .set({ payload: sql`${messages.payload} || ${JSON.stringify({ sending })}::jsonb` })
      .where(
        and(
          unsent(tenantId),
          eq(messages.id, messageId),
          previous
            ? sql`${messages.payload}->'sending'->>'at' = ${previous.at}`
            : sql`${messages.payload}->'sending' is null`,
        ),
      )
      .returning({ id: messages.id }),
  )
  return claimed.length === 1
}

/** The wamid Meta gave a send of this message whose answer never reached us, from its statuses. */
async function acceptedEarlier(tenantId: string, messageId: string): Promise<string | null> {
  const [status] = await withTenant(tenantId, (tx) =>
    tx
      .select({ wamid: messageStatuses.wamid })
      .from(messageStatuses)
      .where(
        and(
          eq(messageStatuses.tenantId, tenantId),
          sql`${messageStatuses.payload}->>'biz_opaque_callback_data' = ${callbackKey(messageId)}`,
        ),
      )
      .limit(1),
  )
  return status?.wamid ?? null
}

/** Webhooks of this number stored and not processed yet (one may say a send in doubt was accepted). */
async function webhooksPending(phoneNumberId: string) {
  const [pending] = await db()
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.status, 'received'),
        arrayContains(webhookDeliveries.phoneNumberIds, [phoneNumberId]),
      ),
    )
    .limit(1)
  return !!pending
}

async function recordAccepted(
  tenantId: string,
  message: typeof messages.$inferSelect,
  wamid: string,
  asTemplate: boolean,
  attempts: number,
) {
  await withTenant(tenantId, (tx) =>
    tx
      .update(messages)
      .set({
        wamid,
        attempts,
        sentAsTemplate: asTemplate,
        error: null,
        payload: sql`${messages.payload} - 'sending'`,
        updatedAt: new Date(),
      })
      .where(and(eq(messages.tenantId, tenantId), eq(messages.id, message.id), isNull(messages.wamid))),
  )
  // Its statuses may have come before the wamid was written: they count now.
  await applyEarlyStatuses(tenantId, wamid)
}

async function fail(tenantId: string, id: string, error: Record<string, unknown>) {
  await withTenant(tenantId, (tx) =>
    tx
      .update(messages)
      .set({
        status: 'failed',
        error,
        attempts: sql`${messages.attempts} + 1`,
        payload: sql`${messages.payload} - 'sending'`,
        updatedAt: new Date(),
      })
      .where(and(eq(messages.tenantId, tenantId), eq(messages.id, id))),
  )
}

/**
 * Accepted messages still `queued` whose statuses were stored before their wamid was (a status
 * webhook processed while the send was being recorded): they move as applyStatus would have moved
 * them, read or delivered over failed, failed over sent.
 */
async function applyEarlyStatuses(tenantId: string, wamid?: string) {
  await withTenant(tenantId, (tx) =>
    tx.execute(sql`
      update messages m set
        status = best.status::message_status,
        error = case when best.status = 'failed' then best.error else m.error end,
        updated_at = now()
      from (
        select distinct on (s.wamid) s.wamid, s.status,
          jsonb_build_object('errors', coalesce(s.payload->'errors', '[]'::jsonb)) as error
        from messages q
        join message_statuses s on s.tenant_id = q.tenant_id and s.wamid = q.wamid
        where q.tenant_id = ${tenantId}
          and q.direction = 'outbound'
          and q.status = 'queued'
          and q.wamid is not null
          ${wamid ? sql`and q.wamid = ${wamid}` : sql``}
          and s.status in ('sent', 'delivered', 'read', 'failed')
        order by s.wamid, case s.status when 'read' then 4 when 'delivered' then 3 when 'failed' then 2 else 1 end desc
      ) best
      where m.tenant_id = ${tenantId}
        and m.wamid = best.wamid
        and m.direction = 'outbound'
        and m.status = 'queued'
    `),
  )
}

/** Wakes this tenant's send job at `at` (one job per tenant and five seconds), when workers run here. */
function wakeSendAt(tenantId: string, at: Date) {
  if (!isJobsStarted()) return
  const slot = Math.ceil(at.getTime() / 5_000)
  void jobQueue()
    .send(
      'whatsapp-send',
      { tenantId },
      { startAfter: new Date(slot * 5_000), singletonKey: `${tenantId}:${slot}`, singletonSeconds: 3600 },
    )
    .catch((error: unknown) => console.error('whatsapp-send not scheduled (the sweep will send):', error))
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
