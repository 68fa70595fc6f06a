import { sql } from 'drizzle-orm'
import {
  boolean,
  doublePrecision,
  foreignKey,
  index,
  pgEnum,
  pgPolicy,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { appRole, currentUserId, idColumn, tenantIdColumn, tenantIsolation, timestamps } from './_shared.ts'
import { users } from './auth.ts'
import { channelKind } from './enums.ts'
import { sops } from './sop.ts'
import { tenants } from './tenants.ts'

const tenantRef = () => tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' })

/** A role of one tenant; its permissions are the typed strings of server/auth/permissions.ts. */
export const roles = pgTable(
  'roles',
  {
    tenantId: tenantRef(),
    id: idColumn(),
    /** Stable key of the preset it came from (operator, kabid, ...) or a key the admin chose. */
    key: text('key').notNull(),
    nameId: text('name_id').notNull(),
    nameEn: text('name_en').notNull(),
    permissions: text('permissions')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('roles_key_unique').on(t.tenantId, t.key),
    tenantIsolation(t.tenantId),
  ],
)

export const unitKind = pgEnum('unit_kind', ['division', 'trc_post', 'opd', 'control_room'])

/** The agency's own divisions, its TRC posts and the OPD offices it disposes complaints to. */
export const units = pgTable(
  'units',
  {
    tenantId: tenantRef(),
    id: idColumn(),
    kind: unitKind('kind').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    parentId: uuid('parent_id'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    address: text('address'),
    email: text('email'),
    phone: text('phone'),
    active: boolean('active').notNull().default(true),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.parentId], foreignColumns: [t.tenantId, t.id] }),
    index('units_kind_idx').on(t.tenantId, t.kind),
    tenantIsolation(t.tenantId),
  ],
)

export const memberships = pgTable(
  'memberships',
  {
    tenantId: tenantRef(),
    id: idColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The unit the member works in (an OPD officer's office, a TRC member's post). */
    unitId: uuid('unit_id'),
    title: text('title'),
    active: boolean('active').notNull().default(true),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('memberships_user_unique').on(t.tenantId, t.userId),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [units.tenantId, units.id] }),
    index('memberships_user_idx').on(t.userId),
    tenantIsolation(t.tenantId),
    // A signed-in user may list their own memberships across tenants (the tenant switcher).
    pgPolicy('own_memberships', {
      as: 'permissive',
      for: 'select',
      to: appRole,
      using: sql`${t.userId} = ${currentUserId}`,
    }),
  ],
)

export const membershipRoles = pgTable(
  'membership_roles',
  {
    tenantId: tenantRef(),
    membershipId: uuid('membership_id').notNull(),
    roleId: uuid('role_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.membershipId, t.roleId] }),
    foreignKey({
      columns: [t.tenantId, t.membershipId],
      foreignColumns: [memberships.tenantId, memberships.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.roleId], foreignColumns: [roles.tenantId, roles.id] }).onDelete(
      'cascade',
    ),
    tenantIsolation(t.tenantId),
  ],
)

export const areaKind = pgEnum('area_kind', ['kecamatan', 'village'])

/** Administrative areas a tenant serves: kecamatan and their villages, with Kemendagri codes. */
export const areas = pgTable(
  'areas',
  {
    tenantId: tenantRef(),
    id: idColumn(),
    kind: areaKind('kind').notNull(),
    code: text('code'),
    name: text('name').notNull(),
    parentId: uuid('parent_id'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.parentId], foreignColumns: [t.tenantId, t.id] }),
    unique('areas_name_unique').on(t.tenantId, t.kind, t.parentId, t.name),
    tenantIsolation(t.tenantId),
  ],
)

export const categories = pgTable(
  'categories',
  {
    tenantId: tenantRef(),
    id: idColumn(),
    key: text('key').notNull(),
    nameId: text('name_id').notNull(),
    nameEn: text('name_en').notNull(),
    defaultUnitId: uuid('default_unit_id'),
    /** The SOP a new complaint of this category follows. */
    defaultSopId: uuid('default_sop_id'),
    active: boolean('active').notNull().default(true),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('categories_key_unique').on(t.tenantId, t.key),
    foreignKey({ columns: [t.tenantId, t.defaultUnitId], foreignColumns: [units.tenantId, units.id] }),
    foreignKey({ columns: [t.tenantId, t.defaultSopId], foreignColumns: [sops.tenantId, sops.id] }),
    tenantIsolation(t.tenantId),
  ],
)

/**
 * A WhatsApp number a tenant claims is checked with the Graph API, then waits for a platform admin:
 * until approved it opens no complaint and sends nothing (the webhook finds no route for it).
 */
export const channelApproval = pgEnum('channel_approval', ['pending', 'approved'])

export const channels = pgTable(
  'channels',
  {
    tenantId: tenantRef(),
    id: idColumn(),
    kind: channelKind('kind').notNull(),
    name: text('name').notNull(),
    /** WhatsApp Cloud API: the number's id, unique across the platform because the webhook routes by it. */
    phoneNumberId: text('phone_number_id').unique(),
    displayNumber: text('display_number'),
    verifyToken: text('verify_token'),
    /** Encrypted with ENCRYPTION_KEY (server/crypto.ts); null: the platform app's secret applies. */
    appSecretEnc: text('app_secret_enc'),
    accessTokenEnc: text('access_token_enc'),
    healthy: boolean('healthy').notNull().default(true),
    active: boolean('active').notNull().default(true),
    approval: channelApproval('approval').notNull().default('pending'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), tenantIsolation(t.tenantId)],
)

/**
 * An invitation to join the tenant, sent by e-mail: the person is added only when they
 * follow the link and accept (setting a password if they have no account yet). Only the sha256 of
 * the link's token is stored. At most one open invitation per address and tenant.
 */
export const invitations = pgTable(
  'invitations',
  {
    tenantId: tenantRef(),
    id: idColumn(),
    /** Stored lower-case. */
    email: text('email').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** The roles the membership gets on acceptance (the tenant's own; checked again then). */
    roleIds: uuid('role_ids').array().notNull(),
    unitId: uuid('unit_id'),
    title: text('title'),
    invitedByMembershipId: uuid('invited_by_membership_id').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('invitations_token_unique').on(t.tokenHash),
    uniqueIndex('invitations_open_unique')
      .on(t.tenantId, t.email)
      .where(sql`${t.acceptedAt} is null and ${t.revokedAt} is null`),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [units.tenantId, units.id] }),
    foreignKey({
      columns: [t.tenantId, t.invitedByMembershipId],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
    tenantIsolation(t.tenantId),
  ],
)
