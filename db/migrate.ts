import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { drizzle } from 'drizzle-orm/postgres-js'
import { migrate } from 'drizzle-orm/postgres-js/migrator'
import postgres from 'postgres'

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations')
const APP_ROLE = 'tanggap_app'
// Any constant: one process migrates at a time (web and worker may start together).
const MIGRATION_LOCK = 7_202_611

/**
 * Creates (or updates the password of) the application role: LOGIN, no table of its own, no
 * BYPASSRLS. Roles are cluster-wide, so every database of the cluster shares it.
 */
export async function ensureAppRole(sql: postgres.Sql, password: string) {
  const existing = await sql`select 1 from pg_roles where rolname = ${APP_ROLE}`
  const quoted = password.replaceAll("'", "''")
  if (existing.length === 0) {
    await sql
      .unsafe(
        `create role ${APP_ROLE} login nosuperuser nobypassrls nocreatedb nocreaterole password '${quoted}'`,
      )
      .catch((error: { code?: string }) => {
        // Another process created it between our check and now.
        if (error.code !== '42710') throw error
      })
  } else {
    await sql.unsafe(`alter role ${APP_ROLE} login nosuperuser nobypassrls password '${quoted}'`)
  }
}

/** Applies the committed drizzle-kit migrations as the owner. Idempotent and safe to run concurrently. */
export async function migrateDatabase({ ownerUrl, appPassword }: { ownerUrl: string; appPassword: string }) {
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => {} })
  try {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`
    await ensureAppRole(sql, appPassword)
    const database = (await sql`select current_database() as name`)[0]?.name as string
    await sql.unsafe(`grant connect on database "${database.replaceAll('"', '""')}" to ${APP_ROLE}`)
    await migrate(drizzle(sql), { migrationsFolder })
    await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`
  } finally {
    await sql.end({ timeout: 5 })
  }
}
