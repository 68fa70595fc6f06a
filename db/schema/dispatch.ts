import {
  doublePrecision,
  foreignKey,
  index,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core'
import { idColumn, tenantIdColumn, tenantIsolation, timestamps } from './_shared.ts'
import { complaints } from './complaints.ts'
import { memberships, units } from './org.ts'
import { tenants } from './tenants.ts'

const tenantRef = () => tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' })

export const dispatchStatus = pgEnum('dispatch_status', [
  'assigned',
  'departed',
  'arrived',
  'finished',
  'cancelled',
])

/** A complaint sent to a TRC post: the team's trip and field report (departed, arrived where, findings). */
export const dispatches = pgTable(
  'dispatches',
  {
    tenantId: tenantRef(),
    id: idColumn(),
    complaintId: uuid('complaint_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    dispatchedBy: uuid('dispatched_by'),
    status: dispatchStatus('status').notNull().default('assigned'),
    departedAt: timestamp('departed_at', { withTimezone: true }),
    arrivedAt: timestamp('arrived_at', { withTimezone: true }),
    arrivedLatitude: doublePrecision('arrived_latitude'),
    arrivedLongitude: doublePrecision('arrived_longitude'),
    findings: text('findings'),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    finishedBy: uuid('finished_by'),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.complaintId],
      foreignColumns: [complaints.tenantId, complaints.id],
    }),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [units.tenantId, units.id] }),
    foreignKey({
      columns: [t.tenantId, t.dispatchedBy],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.finishedBy],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
    index('dispatches_unit_idx').on(t.tenantId, t.unitId, t.status),
    index('dispatches_complaint_idx').on(t.tenantId, t.complaintId),
    tenantIsolation(t.tenantId),
  ],
)
