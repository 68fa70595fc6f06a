import { sql } from 'drizzle-orm'
import {
  boolean,
  date,
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
import type { NotificationKind } from '#server/notifications/text.ts'
import type { SopDefinition } from '#server/sop/definition.ts'
import { idColumn, tenantIdColumn, tenantIsolation, timestamps } from './_shared.ts'
import { complaints } from './complaints.ts'
import { channelKind } from './enums.ts'
import { memberships } from './org.ts'
import { tenants } from './tenants.ts'

const tenantRef = () => tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' })

/** An SOP of a tenant: a name and a series of versions; complaints pin a version. */
export const sops = pgTable(
  'sops',
  {
    tenantId: tenantRef(),
    id: idColumn(),
    key: text('key').notNull(),
    nameId: text('name_id').notNull(),
    nameEn: text('name_en').notNull(),
    /** The document it transcribes, e.g. "SOP 320/008/Satpol PP.Blg/I/2020". */
    reference: text('reference'),
    /** Complaints arriving on these channels follow this SOP unless their category names another. */
    channels: channelKind('channels').array().notNull().default([]),
    /** The version new complaints start on. */
    publishedVersionId: uuid('published_version_id'),
    archived: boolean('archived').notNull().default(false),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('sops_key_unique').on(t.tenantId, t.key),
    tenantIsolation(t.tenantId),
  ],
)

export const sopVersionStatus = pgEnum('sop_version_status', ['draft', 'published', 'superseded'])

/** One version of an SOP. Published versions never change: editing one makes a new draft. */
export const sopVersions = pgTable(
  'sop_versions',
  {
    tenantId: tenantRef(),
    id: idColumn(),
    sopId: uuid('sop_id').notNull(),
    version: integer('version').notNull(),
    status: sopVersionStatus('status').notNull().default('draft'),
    definition: jsonb('definition').$type<SopDefinition>().notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: uuid('published_by'),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('sop_versions_number_unique').on(t.tenantId, t.sopId, t.version),
    foreignKey({ columns: [t.tenantId, t.sopId], foreignColumns: [sops.tenantId, sops.id] }).onDelete(
      'cascade',
    ),
    foreignKey({
      columns: [t.tenantId, t.publishedBy],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
    tenantIsolation(t.tenantId),
  ],
)

/**
 * One visit of a complaint to an SOP step: when it started, when it was due, when and how it ended.
 * The per-step figures (done within the limit, median, 90th percentile) are computed from here.
 */
export const complaintSteps = pgTable(
  'complaint_steps',
  {
    tenantId: tenantRef(),
    id: idColumn(),
    complaintId: uuid('complaint_id').notNull(),
    sopVersionId: uuid('sop_version_id').notNull(),
    stepKey: text('step_key').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    targetAt: timestamp('target_at', { withTimezone: true }),
    dueAt: timestamp('due_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    outcomeKey: text('outcome_key'),
    actorMembershipId: uuid('actor_membership_id'),
    breachedAt: timestamp('breached_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.complaintId],
      foreignColumns: [complaints.tenantId, complaints.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.sopVersionId],
      foreignColumns: [sopVersions.tenantId, sopVersions.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.actorMembershipId],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
    index('complaint_steps_complaint_idx').on(t.tenantId, t.complaintId, t.startedAt),
    index('complaint_steps_stats_idx').on(t.tenantId, t.stepKey, t.finishedAt),
    tenantIsolation(t.tenantId),
  ],
)

export const actionStatus = pgEnum('action_status', ['pending', 'done', 'failed'])

/**
 * The actions a step runs on entry (notify the reporter, notify a role, dispose, dispatch, letter),
 * written in the transition's transaction and carried out by a job after it commits.
 */
export const stepActions = pgTable(
  'step_actions',
  {
    tenantId: tenantRef(),
    id: idColumn(),
    complaintId: uuid('complaint_id').notNull(),
    stepKey: text('step_key').notNull(),
    kind: text('kind').notNull(),
    params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
    status: actionStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    result: jsonb('result').$type<Record<string, unknown>>(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.complaintId],
      foreignColumns: [complaints.tenantId, complaints.id],
    }),
    index('step_actions_pending_idx').on(t.tenantId, t.status, t.createdAt),
    tenantIsolation(t.tenantId),
  ],
)

/** In-app notifications (the bell). */
export const notifications = pgTable(
  'notifications',
  {
    tenantId: tenantRef(),
    id: idColumn(),
    membershipId: uuid('membership_id').notNull(),
    kind: text('kind').$type<NotificationKind>().notNull(),
    complaintId: uuid('complaint_id'),
    /** Parameters of the translated text (`notifications.kind.<kind>` in the locale files). */
    params: jsonb('params').$type<Record<string, string | number>>().notNull().default({}),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.membershipId],
      foreignColumns: [memberships.tenantId, memberships.id],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.tenantId, t.complaintId],
      foreignColumns: [complaints.tenantId, complaints.id],
    }),
    index('notifications_member_idx').on(t.tenantId, t.membershipId, t.createdAt),
    // The bell's count on every console page: only the unread rows, which stay few.
    index('notifications_unread_idx')
      .on(t.tenantId, t.membershipId)
      .where(sql`${t.readAt} is null`),
    tenantIsolation(t.tenantId),
  ],
)

export const holidayKind = pgEnum('holiday_kind', ['national', 'collective_leave', 'local'])

/** The tenant's non-working days: national holidays and collective leave preloaded, editable. */
export const tenantHolidays = pgTable(
  'tenant_holidays',
  {
    tenantId: tenantRef(),
    date: date('date', { mode: 'string' }).notNull(),
    nameId: text('name_id').notNull(),
    nameEn: text('name_en').notNull(),
    kind: holidayKind('kind').notNull(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.date] }), tenantIsolation(t.tenantId)],
)

/** Texts the platform sends a reporter, per tenant, kind and language (with the WhatsApp template name). */
export const messageTemplates = pgTable(
  'message_templates',
  {
    tenantId: tenantRef(),
    id: idColumn(),
    key: text('key').notNull(),
    language: text('language').notNull(),
    body: text('body').notNull(),
    /** The approved WhatsApp template used outside the 24-hour window. */
    whatsappTemplateName: text('whatsapp_template_name'),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('message_templates_key_unique').on(t.tenantId, t.key, t.language),
    tenantIsolation(t.tenantId),
  ],
)

export const emailStatus = pgEnum('email_status', ['queued', 'sent', 'outbox', 'failed'])

/** Mail is a row first; a job sends it over SMTP, or leaves it in the local outbox without SMTP_URL. */
export const emailMessages = pgTable(
  'email_messages',
  {
    tenantId: tenantRef(),
    id: idColumn(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    status: emailStatus('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** Held until then (work that can wait is not mailed at night). */
    sendAfter: timestamp('send_after', { withTimezone: true }),
    /** One mail per key and tenant, e.g. a supervisor's digest for one day. */
    dedupeKey: text('dedupe_key'),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('email_messages_dedupe_unique').on(t.tenantId, t.dedupeKey),
    index('email_messages_status_idx').on(t.tenantId, t.status),
    tenantIsolation(t.tenantId),
  ],
)
