import { and, eq, inArray, sql } from 'drizzle-orm'
import { db, type Tx } from '#db/client.ts'
import {
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
import { queueReporterMessage, renderReporterText } from './outbound.ts'
import {
  summaryOf,
  ZChangeValue,
  ZInboundMessage,
  ZStatus,
  ZWebhookBody,
  type ChangeValue,
  type InboundMessage,
} from './payload.ts'
import { routeOf } from './routing.ts'

type Tenant = typeof tenants.$inferSelect
type Conversation = typeof conversations.$inferSelect
const OPEN = ['draft', 'open', 'in_progress'] as const
const TICKET = /\b([A-Z][A-Z0-9]{1,11}-\d{4}-\d{6})\b/i

/** What processing one delivery touched, so the caller can send what it queued. */
export type ProcessResult = { tenantIds: string[]; unroutable: string[] }

/**
 * Processes a stored webhook body: each change goes to its number's tenant, in a transaction bound
 * to that tenant. Idempotent: a message is stored once per wamid and a status once per (wamid,
 * status), so a delivery processed twice, or delivered three times, changes nothing the second time.
 */
export async function processDelivery(deliveryId: number): Promise<ProcessResult> {
  const [delivery] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId))
  if (!delivery || delivery.status === 'processed') return { tenantIds: [], unroutable: [] }
  const body = ZWebhookBody.safeParse(JSON.parse(delivery.body))
  const result: ProcessResult = { tenantIds: [], unroutable: [] }
  try {
    if (!body.success) throw new Error('not a WhatsApp webhook body')
    for (const entry of body.data.entry) {
      for (const change of entry.changes) {
        if (change.field !== 'messages') continue
        const value = ZChangeValue.safeParse(change.value)
        if (!value.success) continue
        const route = await routeOf(value.data.metadata.phone_number_id)
        if (!route) {
          result.unroutable.push(value.data.metadata.phone_number_id)
          continue
        }
        await withTenant(route.tenantId, async (tx) => {
          const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, route.tenantId))
          await processChange(tx, tenant!, route.channelId, value.data)
        })
        result.tenantIds.push(route.tenantId)
      }
    }
    await db()
      .update(webhookDeliveries)
      .set({
        status: result.unroutable.length > 0 && result.tenantIds.length === 0 ? 'unroutable' : 'processed',
        processedAt: new Date(),
        attempts: delivery.attempts + 1,
        error:
          result.unroutable.length > 0 ? `unknown phone_number_id: ${result.unroutable.join(', ')}` : null,
      })
      .where(eq(webhookDeliveries.id, deliveryId))
  } catch (error) {
    await db()
      .update(webhookDeliveries)
      .set({ status: 'failed', attempts: delivery.attempts + 1, error: String(error).slice(0, 1000) })
      .where(eq(webhookDeliveries.id, deliveryId))
    throw error
  }
  return { tenantIds: [...new Set(result.tenantIds)], unroutable: result.unroutable }
}

async function processChange(tx: Tx, tenant: Tenant, channelId: string, value: ChangeValue) {
  const contacts = value.contacts ?? []
  for (const raw of value.messages ?? []) {
    const parsed = ZInboundMessage.safeParse(raw)
    if (!parsed.success) continue
    const message = parsed.data
    const contact = contacts.find((c) => c.wa_id === message.from) ?? contacts[0]
    await handleInbound(tx, tenant, channelId, message, {
      waId: message.from,
      userId: contact?.user_id,
      name: contact?.profile?.name,
    })
  }
  for (const raw of value.statuses ?? []) {
    const status = ZStatus.safeParse(raw)
    if (status.success) await applyStatus(tx, tenant.id, status.data)
  }
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
  const reply = async (key: string, params: Record<string, string> = {}) => {
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
      })
    }
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
    const step = complaint.sopVersionId
      ? stepOf(await definitionOf(tx, tenant.id, complaint.sopVersionId), complaint.currentStepKey)
      : undefined
    const stepName = step ? (language === 'en' ? step.nameEn : step.nameId) : ''
    return reply(step ? 'status_step' : `status_${complaint.status}`, {
      ticket: complaint.ticketNumber,
      step: stepName,
    })
  }

  const [open] = conversation.complaintId
    ? await tx
        .select()
        .from(complaints)
        .where(
          and(
            eq(complaints.tenantId, tenant.id),
            eq(complaints.id, conversation.complaintId),
            inArray(complaints.status, [...OPEN]),
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
    if (message.location) {
      await tx
        .update(complaints)
        .set({
          latitude: message.location.latitude,
          longitude: message.location.longitude,
          locationText: message.location.address ?? message.location.name ?? open.locationText,
        })
        .where(and(eq(complaints.tenantId, tenant.id), eq(complaints.id, open.id)))
    }
    return
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
  await tx
    .update(conversations)
    .set({ complaintId: complaint.id, state: 'complaint_open' })
    .where(and(eq(conversations.tenantId, tenant.id), eq(conversations.id, conversation.id)))
  await tx.insert(complaintEvents).values({
    tenantId: tenant.id,
    complaintId: complaint.id,
    kind: 'reporter_message',
    data: { messageId, type: message.type, text: summary },
  })
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
}

const RANK: Record<string, number> = { queued: 0, sent: 1, delivered: 2, read: 3 }

/** A status callback: stored once per (wamid, status); the message only ever moves forward. */
async function applyStatus(
  tx: Tx,
  tenantId: string,
  status: { id: string; status: string; timestamp: string; errors?: unknown[] },
) {
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
  const [message] = await tx
    .select({ id: messages.id, status: messages.status })
    .from(messages)
    .where(and(eq(messages.tenantId, tenantId), eq(messages.wamid, status.id)))
  if (!message) return
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
