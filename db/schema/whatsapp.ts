import { sql } from 'drizzle-orm'
import {
  bigserial,
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core'
import { idColumn, tenantIdColumn, tenantIsolation, timestamps } from './_shared.ts'
import { complaints, reporters } from './complaints.ts'
import { channels, memberships } from './org.ts'
import { tenants } from './tenants.ts'

const tenantRef = () => tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' })

export const deliveryStatus = pgEnum('webhook_delivery_status', [
  'received',
  'processed',
  'unroutable',
  'failed',
])

/**
 * Every webhook POST, stored raw before Meta gets its 200 (decision 007). Platform-wide: one POST may
 * carry several tenants' numbers, and an unknown number must be kept too. Processing routes each
 * change to its tenant.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    provider: text('provider').notNull().default('whatsapp_cloud'),
    body: text('body').notNull(),
    phoneNumberIds: text('phone_number_ids')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    status: deliveryStatus('status').notNull().default('received'),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
  },
  (t) => [index('webhook_deliveries_status_idx').on(t.status, t.receivedAt)],
)

/** The WhatsApp thread of one reporter on one of the tenant's numbers, and where the intake bot stands. */
export const conversations = pgTable(
  'conversations',
  {
    tenantId: tenantRef(),
    id: idColumn(),
    channelId: uuid('channel_id').notNull(),
    reporterId: uuid('reporter_id').notNull(),
    /** The reporter's last message: free-form replies are allowed for 24 hours after it. */
    lastInboundAt: timestamp('last_inbound_at', { withTimezone: true }),
    /** The intake bot's state and what it has collected so far. */
    state: text('state').notNull().default('new'),
    draft: jsonb('draft').$type<Record<string, unknown>>().notNull().default({}),
    /** The open complaint this thread feeds. */
    complaintId: uuid('complaint_id'),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('conversations_reporter_unique').on(t.tenantId, t.channelId, t.reporterId),
    foreignKey({ columns: [t.tenantId, t.channelId], foreignColumns: [channels.tenantId, channels.id] }),
    foreignKey({ columns: [t.tenantId, t.reporterId], foreignColumns: [reporters.tenantId, reporters.id] }),
    foreignKey({
      columns: [t.tenantId, t.complaintId],
      foreignColumns: [complaints.tenantId, complaints.id],
    }),
    tenantIsolation(t.tenantId),
  ],
)

export const messageDirection = pgEnum('message_direction', ['inbound', 'outbound'])
export const messageStatus = pgEnum('message_status', [
  'received',
  'queued',
  'sent',
  'delivered',
  'read',
  'failed',
])

/**
 * Messages of a conversation. Inbound ones are keyed by Meta's wamid (a message delivered three
 * times is stored once); outbound ones are rows first, sent by a job, their wamid set on acceptance.
 */
export const messages = pgTable(
  'messages',
  {
    tenantId: tenantRef(),
    id: idColumn(),
    conversationId: uuid('conversation_id').notNull(),
    direction: messageDirection('direction').notNull(),
    wamid: text('wamid'),
    type: text('type').notNull(),
    /** Text, caption or a summary for the thread; the full object is in `payload`. */
    body: text('body'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    status: messageStatus('status').notNull(),
    /** Outbound: the notification kind, to pick the approved template outside the 24-hour window. */
    templateKey: text('template_key'),
    sentAsTemplate: boolean('sent_as_template').notNull().default(false),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    error: jsonb('error').$type<Record<string, unknown>>(),
    /** Inbound: the time Meta says the reporter sent it. */
    sentAt: timestamp('sent_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('messages_wamid_unique').on(t.tenantId, t.wamid),
    foreignKey({
      columns: [t.tenantId, t.conversationId],
      foreignColumns: [conversations.tenantId, conversations.id],
    }),
    index('messages_conversation_idx').on(t.tenantId, t.conversationId, t.createdAt),
    index('messages_outbox_idx')
      .on(t.tenantId, t.status, t.nextAttemptAt)
      .where(sql`${t.direction} = 'outbound' and ${t.status} = 'queued'`),
    tenantIsolation(t.tenantId),
  ],
)

/** Status callbacks, deduplicated by (wamid, status); a status never moves a message backwards. */
export const messageStatuses = pgTable(
  'message_statuses',
  {
    tenantId: tenantRef(),
    wamid: text('wamid').notNull(),
    status: text('status').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.wamid, t.status] }), tenantIsolation(t.tenantId)],
)

export const attachmentStatus = pgEnum('attachment_status', ['pending', 'stored', 'failed'])

/**
 * Files of a complaint: WhatsApp media (downloaded by a job into Tanggap's storage, checked against
 * Meta's sha256 and size limits), scanned letters, field photos. The bytes live in storage under
 * `storageKey`; the row says what they are.
 */
export const attachments = pgTable(
  'attachments',
  {
    tenantId: tenantRef(),
    id: idColumn(),
    complaintId: uuid('complaint_id'),
    messageId: uuid('message_id'),
    kind: text('kind').notNull(),
    mimeType: text('mime_type'),
    fileName: text('file_name'),
    caption: text('caption'),
    sizeBytes: integer('size_bytes'),
    sha256: text('sha256'),
    /** WhatsApp media id, while the file is still to be fetched from Meta. */
    sourceMediaId: text('source_media_id'),
    storageKey: text('storage_key'),
    status: attachmentStatus('status').notNull().default('pending'),
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    /** The staff member who uploaded it (scanned letter, TRC photo); null for WhatsApp media. */
    uploadedBy: uuid('uploaded_by'),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.uploadedBy],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.complaintId],
      foreignColumns: [complaints.tenantId, complaints.id],
    }),
    foreignKey({ columns: [t.tenantId, t.messageId], foreignColumns: [messages.tenantId, messages.id] }),
    index('attachments_complaint_idx').on(t.tenantId, t.complaintId),
    index('attachments_pending_idx')
      .on(t.tenantId, t.status)
      .where(sql`${t.status} = 'pending'`),
    tenantIsolation(t.tenantId),
  ],
)
