import { sql } from 'drizzle-orm'
import { db, type Tx } from './client.ts'

/**
 * Runs `fn` in a transaction bound to one tenant: row-level security shows and accepts only that
 * tenant's rows. Every tenant query goes through here (decision 002).
 */
export async function withTenant<T>(
  tenantId: string,
  fn: (tx: Tx) => Promise<T>,
  /** Run after a successful commit (never after a rollback), e.g. to wake a job that reads the rows. */
  afterCommit: readonly (() => void | Promise<void>)[] = [],
): Promise<T> {
  const result = await db().transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true)`)
    return fn(tx)
  })
  for (const run of afterCommit)
    await Promise.resolve(run()).catch((error: unknown) => console.error('after commit:', error))
  return result
}

/** A transaction that may read the signed-in user's own memberships across tenants (the switcher). */
export async function withUser<T>(userId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db().transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.user_id', ${userId}, true)`)
    return fn(tx)
  })
}
