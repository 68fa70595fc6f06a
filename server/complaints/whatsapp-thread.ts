import { and, asc, desc, eq } from 'drizzle-orm'
import type { Tx } from '#db/client.ts'
import { attachments, type complaints, conversations, messages, messageTemplates } from '#db/schema/index.ts'
import { renderReporterText } from '#server/channels/whatsapp-cloud/outbound.ts'

type Complaint = typeof complaints.$inferSelect
type Tenant = { id: string; serviceName: string }

/** The 24-hour customer-service window (decision 007): free text only while it is open. */
export const WINDOW_MS = 24 * 3600_000
/** The notification kind of an operator's reply, and of the approved template sent outside the window. */
export const OPERATOR_REPLY = 'operator_reply'
const MAX_MESSAGES = 500

/**
 * The WhatsApp conversation of a complaint's reporter: the one the complaint was opened from, or
 * (once the reporter has opened a newer complaint there) the reporter's conversation on the
 * complaint's number.
 */
export async function findComplaintConversation(tx: Tx, tenantId: string, complaint: Complaint) {
  const [linked] = await tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.tenantId, tenantId), eq(conversations.complaintId, complaint.id)))
    .limit(1)
  if (linked) return linked
  if (complaint.channel !== 'whatsapp' || !complaint.reporterId) return undefined
  const [byReporter] = await tx
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.tenantId, tenantId),
        eq(conversations.reporterId, complaint.reporterId),
        complaint.channelId ? eq(conversations.channelId, complaint.channelId) : undefined,
      ),
    )
    .orderBy(desc(conversations.updatedAt))
    .limit(1)
  return byReporter
}

/** Digit runs long enough to be a phone number, for text shown to someone without reporter.view_pii. */
export function redactPhoneNumbers(text: string): string {
  return text.replace(/\+?\d[\d\s-]{6,}\d/g, '•••')
}

/** Why an outbound message failed, in one line: Meta's error, the send job's reason. */
function failureOf(error: Record<string, unknown> | null): string | null {
  if (!error) return null
  const errors = Array.isArray(error.errors) ? (error.errors as Record<string, unknown>[]) : []
  const parts = errors.length > 0 ? errors : [error]
  const lines = parts.flatMap((e) => {
    const text = [e.title, e.message, e.reason].find((v) => typeof v === 'string' && v) as string | undefined
    const code = typeof e.code === 'number' ? e.code : null
    if (!text && code === null) return []
    return [code !== null ? `${text ?? ''} (${code})`.trim() : text!]
  })
  return lines.length > 0 ? lines.join('; ') : null
}

/** The titles of the reply buttons or list rows of an interactive message the platform sent. */
function optionsOf(payload: Record<string, unknown>): string[] {
  const action = (payload.interactive as { action?: Record<string, unknown> } | undefined)?.action
  if (!action) return []
  const buttons = Array.isArray(action.buttons) ? (action.buttons as { reply?: { title?: unknown } }[]) : []
  const sections = Array.isArray(action.sections) ? (action.sections as { rows?: unknown }[]) : []
  const rows = sections.flatMap((s) => (Array.isArray(s.rows) ? (s.rows as { title?: unknown }[]) : []))
  return [...buttons.map((b) => b.reply?.title), ...rows.map((r) => r.title)].filter(
    (title): title is string => typeof title === 'string',
  )
}

export type ThreadMessage = {
  id: string
  direction: 'inbound' | 'outbound'
  type: string
  /** reporter, an operator's reply, or the platform's own messages (intake bot, SOP notifications). */
  author: 'reporter' | 'operator' | 'platform'
  authorName: string | null
  body: string | null
  at: string
  status: 'received' | 'queued' | 'sent' | 'delivered' | 'read' | 'failed'
  sentAsTemplate: boolean
  failure: string | null
  options: string[]
}

/**
 * The thread shown on the complaint page. Only what a person reads leaves the database: no raw
 * payload, no wamid (Meta's ids encode the phone number), and without reporter.view_pii no phone
 * number in the failure reasons either.
 */
export async function complaintThread({
  tx,
  tenantId,
  complaint,
  seesPii,
  replyAuthors,
}: {
  tx: Tx
  tenantId: string
  complaint: Complaint
  seesPii: boolean
  /** Operator replies: message id to the operator's name (from the complaint's events). */
  replyAuthors: ReadonlyMap<string, string | null>
}) {
  const conversation = await findComplaintConversation(tx, tenantId, complaint)
  if (!conversation) return null
  const newestFirst = await tx
    .select()
    .from(messages)
    .where(and(eq(messages.tenantId, tenantId), eq(messages.conversationId, conversation.id)))
    // In the order the platform stored them (as the send job does): Meta's timestamps have whole
    // seconds only, and a late delivery keeps its place after what was answered before it arrived.
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(MAX_MESSAGES)
  const list: ThreadMessage[] = newestFirst.reverse().map((m) => {
    const operator = m.direction === 'outbound' && m.templateKey === OPERATOR_REPLY
    const reaction = (m.payload.reaction as { emoji?: unknown } | undefined)?.emoji
    const body =
      m.type === 'reaction' && typeof reaction === 'string'
        ? reaction
        : m.body === `[${m.type}]`
          ? null
          : m.body
    const failure = m.status === 'failed' ? failureOf(m.error) : null
    return {
      id: m.id,
      direction: m.direction,
      type: m.type,
      author: m.direction === 'inbound' ? 'reporter' : operator ? 'operator' : 'platform',
      authorName: operator ? (replyAuthors.get(m.id) ?? null) : null,
      body,
      at: (m.sentAt ?? m.createdAt).toISOString(),
      status: m.status,
      sentAsTemplate: m.sentAsTemplate,
      failure: failure && !seesPii ? redactPhoneNumbers(failure) : failure,
      options: m.direction === 'outbound' ? optionsOf(m.payload) : [],
    }
  })
  return {
    conversationId: conversation.id,
    windowOpenUntil: conversation.lastInboundAt
      ? new Date(conversation.lastInboundAt.getTime() + WINDOW_MS).toISOString()
      : null,
    messages: list,
  }
}

/** The files of a complaint (WhatsApp media, field photos), oldest first. */
export async function complaintAttachments({
  tx,
  tenantId,
  complaintId,
}: {
  tx: Tx
  tenantId: string
  complaintId: string
}) {
  return tx
    .select({
      id: attachments.id,
      messageId: attachments.messageId,
      kind: attachments.kind,
      mimeType: attachments.mimeType,
      caption: attachments.caption,
      status: attachments.status,
    })
    .from(attachments)
    .where(and(eq(attachments.tenantId, tenantId), eq(attachments.complaintId, complaintId)))
    .orderBy(asc(attachments.createdAt))
}

/**
 * The operator-reply template in the reporter's language: its text, the approved WhatsApp template
 * name when the tenant set one, and its parameters in the order its text names them (the approved
 * template's {{1}}, {{2}} ...).
 */
export async function replyTemplate({
  tx,
  tenant,
  language,
  ticketNumber,
}: {
  tx: Tx
  tenant: Tenant
  language: string
  ticketNumber: string
}): Promise<{ text: string; whatsappTemplateName: string | null; params: Record<string, string> }> {
  const values: Record<string, string> = { ticket: ticketNumber, service: tenant.serviceName }
  const rows = await tx
    .select()
    .from(messageTemplates)
    .where(and(eq(messageTemplates.tenantId, tenant.id), eq(messageTemplates.key, OPERATOR_REPLY)))
  // Approved templates are per language; any approved one beats none.
  const own =
    rows.find((r) => r.language === language && r.whatsappTemplateName) ??
    rows.find((r) => r.whatsappTemplateName) ??
    rows.find((r) => r.language === language)
  if (!own) {
    const { text } = await renderReporterText({
      tx,
      tenantId: tenant.id,
      key: OPERATOR_REPLY,
      language,
      params: values,
    })
    return { text, whatsappTemplateName: null, params: {} }
  }
  const names = [...new Set([...own.body.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!))]
  // Keyed by position, as Meta numbers a template's parameters ({{1}}, {{2}}): the keys then keep
  // their order in the message's jsonb payload, which sorts keys by length and then bytes.
  const params = Object.fromEntries(names.map((name, i) => [String(i + 1), values[name] ?? '']))
  return {
    text: own.body.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => values[name] ?? ''),
    whatsappTemplateName: own.whatsappTemplateName,
    params,
  }
}
