import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import * as schema from './schema/index.ts'

export type Db = PostgresJsDatabase<typeof schema>
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
/** Anything queries can run on: the pool or a transaction. */
export type Queryable = Db | Tx

export type DatabaseUrls = { ownerUrl: string; appUrl: string }

type State = { app: Db; appSql: postgres.Sql; urls: DatabaseUrls }
let state: State | undefined

/**
 * Opens the application's pool: the `tanggap_app` role, subject to row-level security.
 * Called once at start-up (server, worker, CLI, each test worker).
 */
export function connectDatabase(urls: DatabaseUrls, { max = 10 }: { max?: number } = {}): Db {
  if (state) return state.app
  const appSql = postgres(urls.appUrl, {
    max,
    onnotice: () => {},
    connection: { application_name: 'tanggap' },
  })
  state = { app: drizzle(appSql, { schema }), appSql, urls }
  return state.app
}

export function db(): Db {
  if (!state) throw new Error('Database not connected: call connectDatabase() at start-up')
  return state.app
}

export function databaseUrls(): DatabaseUrls {
  if (!state) throw new Error('Database not connected')
  return state.urls
}

export async function closeDatabase() {
  const current = state
  state = undefined
  await current?.appSql.end({ timeout: 5 })
}
