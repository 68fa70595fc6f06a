import { sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  doublePrecision,
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
import { channelKind } from './enums.ts'
import { areas, categories, memberships, units } from './org.ts'
import { sopVersions } from './sop.ts'
import { tenants } from './tenants.ts'

const tenantRef = () => tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' })

/** A person who reports. Keyed on the WhatsApp id or business-scoped user id when they come that way. */
export const reporters = pgTable(
  'reporters',
  {
    tenantId: tenantRef(),
    id: idColumn(),
    name: text('name'),
    phone: text('phone'),
    email: text('email'),
    waId: text('wa_id'),
    waUserId: text('wa_user_id'),
    /** Asked to stay anonymous: identity visible only with reporter.view_pii. */
    anonymous: boolean('anonymous').notNull().default(false),
    language: text('language'),
    /** Erased on request (UU 27/2022): identity removed, complaints kept. */
    erasedAt: timestamp('erased_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('reporters_wa_id_unique').on(t.tenantId, t.waId),
    unique('reporters_wa_user_id_unique').on(t.tenantId, t.waUserId),
    tenantIsolation(t.tenantId),
  ],
)

export const complaintStatus = pgEnum('complaint_status', [
  'draft',
  'open',
  'in_progress',
  'resolved',
  'rejected',
  'closed',
])
export const complaintPriority = pgEnum('complaint_priority', ['low', 'normal', 'high', 'urgent'])

export const complaints = pgTable(
  'complaints',
  {
    tenantId: tenantRef(),
    id: idColumn(),
    /** e.g. LALISA-2026-000123, unique per tenant. */
    ticketNumber: text('ticket_number').notNull(),
    /** Hash of the secret printed on the receipt, for public tracking. */
    trackingSecretHash: text('tracking_secret_hash'),
    channel: channelKind('channel').notNull(),
    channelId: uuid('channel_id'),
    reporterId: uuid('reporter_id'),
    description: text('description').notNull(),
    categoryId: uuid('category_id'),
    kecamatanId: uuid('kecamatan_id'),
    villageId: uuid('village_id'),
    locationText: text('location_text'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    status: complaintStatus('status').notNull().default('open'),
    priority: complaintPriority('priority').notNull().default('normal'),
    /** The SOP version the complaint started on, and where it stands in it (SOP engine). */
    sopVersionId: uuid('sop_version_id'),
    currentStepKey: text('current_step_key'),
    stepStartedAt: timestamp('step_started_at', { withTimezone: true }),
    stepDueAt: timestamp('step_due_at', { withTimezone: true }),
    stepBreachedAt: timestamp('step_breached_at', { withTimezone: true }),
    assigneeMembershipId: uuid('assignee_membership_id'),
    assigneeUnitId: uuid('assignee_unit_id'),
    /** Optimistic concurrency: every transition bumps it. */
    version: integer('version').notNull().default(0),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** Link to the post or message a social-media or email complaint came from. */
    sourceUrl: text('source_url'),
    /** Set when this complaint was closed as the same report as another: its reporter follows that one. */
    mergedIntoId: uuid('merged_into_id'),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('complaints_ticket_unique').on(t.tenantId, t.ticketNumber),
    foreignKey({ columns: [t.tenantId, t.reporterId], foreignColumns: [reporters.tenantId, reporters.id] }),
    foreignKey({ columns: [t.tenantId, t.categoryId], foreignColumns: [categories.tenantId, categories.id] }),
    foreignKey({ columns: [t.tenantId, t.kecamatanId], foreignColumns: [areas.tenantId, areas.id] }),
    foreignKey({ columns: [t.tenantId, t.villageId], foreignColumns: [areas.tenantId, areas.id] }),
    foreignKey({
      columns: [t.tenantId, t.assigneeMembershipId],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
    foreignKey({ columns: [t.tenantId, t.assigneeUnitId], foreignColumns: [units.tenantId, units.id] }),
    foreignKey({
      columns: [t.tenantId, t.sopVersionId],
      foreignColumns: [sopVersions.tenantId, sopVersions.id],
    }),
    foreignKey({ columns: [t.tenantId, t.mergedIntoId], foreignColumns: [t.tenantId, t.id] }),
    index('complaints_merged_idx')
      .on(t.tenantId, t.mergedIntoId)
      .where(sql`${t.mergedIntoId} is not null`),
    index('complaints_created_idx').on(t.tenantId, t.createdAt, t.id),
    index('complaints_status_idx').on(t.tenantId, t.status, t.createdAt),
    // The SLA scan walks this index: its cost grows with overdue steps, not with complaints.
    index('complaints_step_due_idx')
      .on(t.tenantId, t.stepDueAt)
      .where(sql`${t.stepBreachedAt} is null and ${t.status} in ('open', 'in_progress')`),
    tenantIsolation(t.tenantId),
  ],
)

/** The audit trail. Append-only: a trigger refuses UPDATE and DELETE (migration 0001). */
export const complaintEvents = pgTable(
  'complaint_events',
  {
    tenantId: tenantRef(),
    id: idColumn(),
    complaintId: uuid('complaint_id').notNull(),
    kind: text('kind').notNull(),
    actorMembershipId: uuid('actor_membership_id'),
    fromStepKey: text('from_step_key'),
    toStepKey: text('to_step_key'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.complaintId],
      foreignColumns: [complaints.tenantId, complaints.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.actorMembershipId],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
    index('complaint_events_complaint_idx').on(t.tenantId, t.complaintId, t.createdAt),
    tenantIsolation(t.tenantId),
  ],
)

/** Per tenant and year, the last ticket number handed out. */
export const ticketCounters = pgTable(
  'ticket_counters',
  {
    tenantId: tenantRef(),
    year: integer('year').notNull(),
    last: bigint('last', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.year] }), tenantIsolation(t.tenantId)],
)
