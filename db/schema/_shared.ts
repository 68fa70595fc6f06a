import { sql } from 'drizzle-orm'
import { pgPolicy, pgRole, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core'

/** The role the application connects as: owns no table, has no BYPASSRLS (docs/decisions/002). */
export const appRole = pgRole('tanggap_app').existing()

/** The tenant of the current transaction, set by `withTenant`; NULL outside one, which matches no row. */
export const currentTenantId = sql`nullif(current_setting('app.tenant_id', true), '')::uuid`
/** The signed-in user of the current transaction, set by `withUser` (memberships only). */
export const currentUserId = sql`nullif(current_setting('app.user_id', true), '')::uuid`

export function tenantIsolation(tenantId: AnyPgColumn) {
  return pgPolicy('tenant_isolation', {
    as: 'permissive',
    for: 'all',
    to: appRole,
    using: sql`${tenantId} = ${currentTenantId}`,
    withCheck: sql`${tenantId} = ${currentTenantId}`,
  })
}

export const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
}

export const tenantIdColumn = () => uuid('tenant_id').notNull()
export const idColumn = () => uuid('id').notNull().defaultRandom()
