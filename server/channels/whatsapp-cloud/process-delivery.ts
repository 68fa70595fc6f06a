import { and, eq, inArray, sql } from 'drizzle-orm'
import type { z } from 'zod'
import { db, isConnectionLost, type Tx } from '#db/client.ts'
import {
  areas,
  complaintEvents,
  complaints,
  conversations,
  messages,
  messageStatuses,
  reporters,
  tenants,
  webhookDeliveries,
} from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { createComplaint } from '#server/complaints/create-complaint.ts'
import { isWorkingTime, nextWorkingTime } from '#server/sop/clock.ts'
import { loadCalendar } from '#server/sop/calendar.ts'
import { stepOf } from '#server/sop/definition.ts'
import { definitionOf } from '#server/sop/engine.ts'
import { translator } from '#server/i18n/translate.ts'
import { recordInboundMedia } from './media.ts'
import { queueReporterMessage, renderReporterText } from './outbound.ts'
import {
  payloadProblem,
  storable,
  summaryOf,
  ZWebhookBody,
  type ChangeValue,
  type InboundMessage,
} from './payload.ts'
import { routesOf } from './routing.ts'
import { ACTIVE_STATUSES, isActive } from '#server/complaints/status.ts'
import { conversationReporter, messageConversation } from './joins.ts'

type Tenant = typeof tenants.$inferSelect
type Conversation = typeof conversations.$inferSelect
const TICKET = /\b([A-Z][A-Z0-9]{1,11}-\d{4}-\d{6})\b/i

/** What processing one delivery touched, so the caller can send what it queued. */
export type ProcessResult = {
  tenantIds: string[]
  unroutable: string[]
  /** Set when a change failed: the delivery is marked failed (poison once `MAX_DELIVERY_ATTEMPTS`). */
  error?: string
}

/**
 * A delivery that failed this many times is poison: it is kept, marked failed with its reason, and
 * neither the job nor the sweep tries it again (an operator can look at `webhook_deliveries`).
 */
export const MAX_DELIVERY_ATTEMPTS = 5

export const isPoison = (delivery: { status: string; attempts: number }) =>
  delivery.status === 'failed' && delivery.attempts >= MAX_DELIVERY_ATTEMPTS

/**
 * Processes a stored webhook body: each change goes to its number's tenant, in a transaction bound
 * to that tenant. Idempotent: a message is stored once per wamid and a status once per (wamid,
 * status), so a delivery processed twice, or delivered three times, changes nothing the second time.
 *
 * Failures stay with their delivery: a change that throws is recorded on the delivery (the other
 * changes still run) and the function returns; it throws only when the database itself is gone,
 * which says nothing about the delivery and is not counted against it.
 */
export async function processDelivery(deliveryId: number): Promise<ProcessResult> {
  const result: ProcessResult = { tenantIds: [], unroutable: [] }
  const [delivery] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId))
  if (!delivery || delivery.status === 'processed' || isPoison(delivery)) return result
  const record = (values: Partial<typeof webhookDeliveries.$inferInsert>) =>
    db().update(webhookDeliveries).set(values).where(eq(webhookDeliveries.id, deliveryId))

  const body = readStoredBody(delivery.body)
  if (!body.ok) {
    // It will never parse: poison at once (bodies stored before the webhook checked them).
    await record({ status: 'failed', attempts: MAX_DELIVERY_ATTEMPTS, error: `poison: ${body.error}` })
    return { ...result, error: body.error }
  }
  const routes = await routesOf(phoneNumberIdsIn(body.data))
  const errors: string[] = []
  for (const entry of body.data.entry) {
    for (const change of entry.changes) {
      if (change.field !== 'messages') continue
      const value = change.value as ChangeValue
      const phoneNumberId = value.metadata.phone_number_id
      const route = routes.get(phoneNumberId)
      if (!route) {
        result.unroutable.push(phoneNumberId)
        continue
      }
      try {
        await withTenant(route.tenantId, async (tx) => {
          const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, route.tenantId))
          await processChange(tx, tenant!, route.channelId, value)
        })
        result.tenantIds.push(route.tenantId)
      } catch (error) {
        if (isConnectionLost(error)) throw error
        errors.push(`${phoneNumberId}: ${String(error)}`)
      }
    }
  }
  const unknown =
    result.unroutable.length > 0
      ? `unknown phone_number_id: ${[...new Set(result.unroutable)].join(', ')}`
      : null
  if (errors.length > 0) {
    const attempts = delivery.attempts + 1
    const poison = attempts >= MAX_DELIVERY_ATTEMPTS
    result.error = errors.join('; ').slice(0, 1000)
    await record({
      status: 'failed',
      attempts,
      error: `${poison ? 'poison: ' : ''}${result.error}`.slice(0, 1000),
    })
  } else {
    await record({
      status: unknown && result.tenantIds.length === 0 ? 'unroutable' : 'processed',
      processedAt: new Date(),
      attempts: delivery.attempts + 1,
      error: unknown,
    })
  }
  return { ...result, tenantIds: [...new Set(result.tenantIds)] }
}

type StoredBody = { ok: true; data: z.infer<typeof ZWebhookBody> } | { ok: false; error: string }

/** The stored body, checked as the webhook checks it, with what PostgreSQL cannot hold replaced. */
function readStoredBody(text: string): StoredBody {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return { ok: false, error: 'the body is not JSON' }
  }
  const problem = payloadProblem(json)
  if (problem) return { ok: false, error: `not a WhatsApp webhook body (${problem})` }
  return { ok: true, data: ZWebhookBody.parse(storable(json)) }
}

function phoneNumberIdsIn(body: z.infer<typeof ZWebhookBody>): string[] {
  const ids = body.entry.flatMap((e) =>
    e.changes
      .filter((c) => c.field === 'messages')
      .map((c) => (c.value as ChangeValue).metadata.phone_number_id),
  )
  return [...new Set(ids)]
}

async function processChange(tx: Tx, tenant: Tenant, channelId: string, value: ChangeValue) {
  const contacts = value.contacts ?? []
  for (const message of value.messages ?? []) {
    const contact = contacts.find((c) => c.wa_id === message.from) ?? contacts[0]
    await handleInbound(tx, tenant, channelId, message, {
      waId: message.from,
      userId: contact?.user_id,
      name: contact?.profile?.name,
    })
  }
  for (const status of value.statuses ?? []) await applyStatus(tx, tenant.id, status)
}

async function upsertReporter(
  tx: Tx,
  tenantId: string,
  who: { waId?: string; userId?: string; name?: string },
) {
  // Keyed on the phone-based id when Meta gives it, else on the business-scoped user id (2026).
  const target = who.waId ? [reporters.tenantId, reporters.waId] : [reporters.tenantId, reporters.waUserId]
  const [row] = await tx
    .insert(reporters)
    .values({
      tenantId,
      waId: who.waId ?? null,
      waUserId: who.userId ?? null,
      name: who.name ?? null,
      phone: who.waId ? `+${who.waId}` : null,
    })
    .onConflictDoUpdate({
      target,
      set: {
        name: sql`coalesce(excluded.name, ${reporters.name})`,
        waUserId: sql`coalesce(excluded.wa_user_id, ${reporters.waUserId})`,
      },
    })
    .returning()
  return row!
}

async function handleInbound(
  tx: Tx,
  tenant: Tenant,
  channelId: string,
  message: InboundMessage,
  who: { waId?: string; userId?: string; name?: string },
) {
  const sentAt = new Date(Number(message.timestamp) * 1000)
  const reporter = await upsertReporter(tx, tenant.id, who)
  const [conversation] = await tx
    .insert(conversations)
    .values({ tenantId: tenant.id, channelId, reporterId: reporter.id, lastInboundAt: sentAt })
    .onConflictDoUpdate({
      target: [conversations.tenantId, conversations.channelId, conversations.reporterId],
      // Out-of-order deliveries: the window follows the newest message, never an older one.
      set: { lastInboundAt: sql`greatest(${conversations.lastInboundAt}, excluded.last_inbound_at)` },
    })
    .returning()
  const summary = summaryOf(message)
  const inserted = await tx
    .insert(messages)
    .values({
      tenantId: tenant.id,
      conversationId: conversation!.id,
      direction: 'inbound',
      wamid: message.id,
      type: message.type,
      body: summary,
      payload: message as Record<string, unknown>,
      status: 'received',
      sentAt,
      createdAt: sql`clock_timestamp()`,
    })
    .onConflictDoNothing({ target: [messages.tenantId, messages.wamid] })
    .returning({ id: messages.id })
  // Delivered before: already handled.
  if (inserted.length === 0) return
  await intake(
    tx,
    tenant,
    conversation!,
    reporter.id,
    reporter.language ?? tenant.language,
    message,
    summary,
    inserted[0]!.id,
  )
}

/**
 * The intake conversation: a status request answers with the current step; a message from someone
 * with an open complaint joins that complaint's thread; anything else opens a complaint on step 1
 * of its SOP and is acknowledged with the ticket number (and, outside working hours, when the
 * operators are back).
 */
async function intake(
  tx: Tx,
  tenant: Tenant,
  conversation: Conversation,
  reporterId: string,
  language: string,
  message: InboundMessage,
  summary: string,
  messageId: string,
) {
  const reply = async (
    key: string,
    params: Record<string, string> = {},
    interactive?: (text: string) => Record<string, unknown>,
  ) => {
    const { text, whatsappTemplateName } = await renderReporterText({
      tx,
      tenantId: tenant.id,
      key,
      language,
      params,
    })
    if (text) {
      await queueReporterMessage({
        tx,
        tenantId: tenant.id,
        conversationId: conversation.id,
        text,
        templateKey: key,
        params,
        whatsappTemplateName,
        interactive: interactive?.(text),
      })
    }
  }
  const setState = (state: string, complaintId?: string) =>
    tx
      .update(conversations)
      .set({ state, ...(complaintId ? { complaintId } : {}) })
      .where(and(eq(conversations.tenantId, tenant.id), eq(conversations.id, conversation.id)))
  const kecamatan = () =>
    tx
      .select({ id: areas.id, name: areas.name })
      .from(areas)
      .where(and(eq(areas.tenantId, tenant.id), eq(areas.kind, 'kecamatan')))
      .orderBy(areas.name)
  /** Where did it happen: a list of kecamatan when they fit in one (10 rows), else a location request. */
  const askLocation = async () => {
    const list = await kecamatan()
    const t = await translator(language)
    if (list.length > 0 && list.length <= 10) {
      return reply('ask_location', {}, (body) => ({
        type: 'list',
        body: { text: body },
        action: {
          button: t('whatsapp.ui.chooseKecamatan'),
          sections: [
            {
              title: t('whatsapp.ui.kecamatan'),
              rows: list.map((k) => ({ id: `kec:${k.id}`, title: k.name.slice(0, 24) })),
            },
          ],
        },
      }))
    }
    return reply('ask_location_typed', {}, (body) => ({
      type: 'location_request_message',
      body: { text: body },
      action: { name: 'send_location' },
    }))
  }
  const words = (message.text?.body ?? message.interactive?.button_reply?.id ?? '').trim()
  if (/^status\b/i.test(words)) {
    const ticket = TICKET.exec(words)?.[1]?.toUpperCase()
    const [complaint] = await tx
      .select()
      .from(complaints)
      .where(
        and(
          eq(complaints.tenantId, tenant.id),
          eq(complaints.reporterId, reporterId),
          ticket
            ? eq(complaints.ticketNumber, ticket)
            : conversation.complaintId
              ? eq(complaints.id, conversation.complaintId)
              : sql`false`,
        ),
      )
    if (!complaint) return reply('status_unknown', { ticket: ticket ?? '' })
    // A report merged into another is where that one is, under the ticket this reporter knows.
    const [original] = complaint.mergedIntoId
      ? await tx
          .select()
          .from(complaints)
          .where(and(eq(complaints.tenantId, tenant.id), eq(complaints.id, complaint.mergedIntoId)))
      : []
    const followed = original ?? complaint
    const step = followed.sopVersionId
      ? stepOf(await definitionOf(tx, tenant.id, followed.sopVersionId), followed.currentStepKey)
      : undefined
    const stepName = step ? (language === 'en' ? step.nameEn : step.nameId) : ''
    return reply(step ? 'status_step' : `status_${followed.status}`, {
      ticket: complaint.ticketNumber,
      step: stepName,
    })
  }

  // The thread's complaint, or, when it was closed as the same report as another, that one: what the
  // reporter adds then belongs to the complaint being handled.
  const [linked] = conversation.complaintId
    ? await tx
        .select()
        .from(complaints)
        .where(and(eq(complaints.tenantId, tenant.id), eq(complaints.id, conversation.complaintId)))
    : []
  const [open] = !linked
    ? []
    : isActive(linked.status)
      ? [linked]
      : linked.mergedIntoId
        ? await tx
            .select()
            .from(complaints)
            .where(
              and(
                eq(complaints.tenantId, tenant.id),
                eq(complaints.id, linked.mergedIntoId),
                inArray(complaints.status, [...ACTIVE_STATUSES]),
              ),
            )
        : []
  if (/^anonim\b/i.test(words)) {
    await tx
      .update(reporters)
      .set({ anonymous: true })
      .where(and(eq(reporters.tenantId, tenant.id), eq(reporters.id, reporterId)))
    return reply('anonymous_set')
  }
  if (open) {
    await tx.insert(complaintEvents).values({
      tenantId: tenant.id,
      complaintId: open.id,
      kind: 'reporter_message',
      data: { messageId, type: message.type, text: summary },
    })
    await recordInboundMedia({ tx, tenantId: tenant.id, messageId, complaintId: open.id, message })
    const where = and(eq(complaints.tenantId, tenant.id), eq(complaints.id, open.id))
    if (message.location) {
      const place =
        message.location.address ??
        message.location.name ??
        `${message.location.latitude}, ${message.location.longitude}`
      await tx
        .update(complaints)
        .set({
          latitude: message.location.latitude,
          longitude: message.location.longitude,
          locationText: place,
        })
        .where(where)
      if (conversation.state === 'awaiting_location') {
        await setState('complaint_open')
        return reply('location_thanks', { place, ticket: open.ticketNumber })
      }
      return
    }
    if (conversation.state === 'awaiting_location') {
      const list = await kecamatan()
      const chosenId = message.interactive?.list_reply?.id?.replace(/^kec:/, '')
      const typed = words.toLowerCase()
      const chosen =
        list.find((k) => k.id === chosenId) ??
        (typed
          ? list.find((k) => k.name.toLowerCase() === typed || typed.includes(k.name.toLowerCase()))
          : undefined)
      if (chosen) {
        await tx
          .update(complaints)
          .set({ kecamatanId: chosen.id, locationText: open.locationText ?? `Kecamatan ${chosen.name}` })
          .where(where)
        await setState('complaint_open')
        return reply('location_thanks', { place: `Kecamatan ${chosen.name}`, ticket: open.ticketNumber })
      }
    }
    return
  }

  // Nothing to go on yet ("halo", "pagi pak"): ask what happened before opening a complaint.
  const substantive = summary.trim().length >= 15 || message.type !== 'text'
  if (!substantive && conversation.state !== 'awaiting_description') {
    await setState('awaiting_description')
    return reply('welcome', { service: tenant.serviceName })
  }

  const { complaint } = await createComplaint({
    tx,
    tenant,
    actor: null,
    input: {
      channel: 'whatsapp',
      channelId: conversation.channelId,
      reporterId,
      description: summary.length >= 3 ? summary : `[${message.type}]`,
      latitude: message.location?.latitude ?? null,
      longitude: message.location?.longitude ?? null,
      locationText: message.location?.address ?? message.location?.name ?? null,
    },
  })
  await setState(message.location ? 'complaint_open' : 'awaiting_location', complaint.id)
  await tx.insert(complaintEvents).values({
    tenantId: tenant.id,
    complaintId: complaint.id,
    kind: 'reporter_message',
    data: { messageId, type: message.type, text: summary },
  })
  await recordInboundMedia({ tx, tenantId: tenant.id, messageId, complaintId: complaint.id, message })
  await reply('complaint_received', { ticket: complaint.ticketNumber, service: tenant.serviceName })
  const calendar = await loadCalendar(tx, tenant)
  const now = new Date()
  if (!isWorkingTime(now, calendar)) {
    const back = nextWorkingTime(now, calendar)
    const when = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'id-ID', {
      timeZone: tenant.timezone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      hour: '2-digit',
      minute: '2-digit',
    }).format(back)
    await reply('outside_hours', { when, ticket: complaint.ticketNumber })
  }
  if (!message.location) await askLocation()
}

const RANK: Record<string, number> = { queued: 0, sent: 1, delivered: 2, read: 3 }

/**
 * A status callback of one of this tenant's messages: stored once per (wamid, status); the message
 * only ever moves forward. A status for a wamid that is not ours is not stored at all.
 */
async function applyStatus(
  tx: Tx,
  tenantId: string,
  status: {
    id: string
    status: string
    timestamp: string
    errors?: unknown[]
    recipient_id?: string
    biz_opaque_callback_data?: unknown
  },
) {
  const [message] = await tx
    .select({ id: messages.id, status: messages.status })
    .from(messages)
    .where(and(eq(messages.tenantId, tenantId), eq(messages.wamid, status.id)))
  if (!message) {
    // Not known by its wamid yet: kept only when it can be a send of ours whose answer is not
    // recorded yet (the sender picks it up: applyEarlyStatuses and the in-doubt check in send.ts).
    if (await sendInFlight(tx, tenantId, status)) {
      await tx
        .insert(messageStatuses)
        .values({
          tenantId,
          wamid: status.id,
          status: status.status,
          at: new Date(Number(status.timestamp) * 1000),
          payload: status as Record<string, unknown>,
        })
        .onConflictDoNothing()
    }
    return
  }
  const inserted = await tx
    .insert(messageStatuses)
    .values({
      tenantId,
      wamid: status.id,
      status: status.status,
      at: new Date(Number(status.timestamp) * 1000),
      payload: status as Record<string, unknown>,
    })
    .onConflictDoNothing()
    .returning({ wamid: messageStatuses.wamid })
  if (inserted.length === 0) return
  const current = RANK[message.status] ?? 0
  if (status.status === 'failed') {
    if (current >= RANK.delivered!) return
    await tx
      .update(messages)
      .set({ status: 'failed', error: { errors: status.errors ?? [] } })
      .where(and(eq(messages.tenantId, tenantId), eq(messages.id, message.id)))
    return
  }
  const next = RANK[status.status]
  if (next === undefined || next <= current || message.status === 'failed') return
  await tx
    .update(messages)
    .set({ status: status.status as 'sent' | 'delivered' | 'read' })
    .where(and(eq(messages.tenantId, tenantId), eq(messages.id, message.id)))
}

/**
 * Whether a status with an unknown wamid may belong to one of this tenant's sends: its callback
 * data names an outbound message of ours, or a send to its recipient is under way (marked, with no
 * wamid recorded yet).
 */
async function sendInFlight(
  tx: Tx,
  tenantId: string,
  status: { recipient_id?: string; biz_opaque_callback_data?: unknown },
): Promise<boolean> {
  const key = typeof status.biz_opaque_callback_data === 'string' ? status.biz_opaque_callback_data : ''
  const named = /^tanggap:([0-9a-f-]{36})$/.exec(key)?.[1]
  if (named) {
    const [own] = await tx
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.tenantId, tenantId), eq(messages.id, named), eq(messages.direction, 'outbound')))
    if (own) return true
  }
  if (!status.recipient_id) return false
  const [inFlight] = await tx
    .select({ id: messages.id })
    .from(messages)
    .innerJoin(conversations, messageConversation)
    .innerJoin(reporters, conversationReporter)
    .where(
      and(
        eq(messages.tenantId, tenantId),
        eq(messages.direction, 'outbound'),
        eq(messages.status, 'queued'),
        sql`${messages.wamid} is null`,
        sql`${reporters.waId} = ${status.recipient_id}`,
      ),
    )
    .limit(1)
  return !!inFlight
}
