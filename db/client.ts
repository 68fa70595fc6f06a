import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import * as schema from './schema/index.ts'

export type Db = PostgresJsDatabase<typeof schema>
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
/** Anything queries can run on: the pool or a transaction. */
export type Queryable = Db | Tx

export type DatabaseUrls = { ownerUrl: string; appUrl: string }

type State = { app: Db; appSql: postgres.Sql; urls: DatabaseUrls; max: number }
let state: State | undefined

function openPool(urls: DatabaseUrls, max: number) {
  const appSql = postgres(urls.appUrl, {
    max,
    onnotice: () => {},
    connection: { application_name: 'tanggap' },
    // While the database is away, a new connection gives up after 5 s rather than 30 s.
    connect_timeout: 5,
  })
  return { app: drizzle(appSql, { schema }), appSql }
}

/**
 * Opens the application's pool: the `tanggap_app` role, subject to row-level security.
 * Called once at start-up (server, worker, CLI, each test worker).
 */
export function connectDatabase(urls: DatabaseUrls, { max = 10 }: { max?: number } = {}): Db {
  if (state) return state.app
  state = { ...openPool(urls, max), urls, max }
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

/** Thrown when the database did not answer in time: callers that must answer fast say 503. */
export class DatabaseUnavailableError extends Error {
  readonly code = 'DATABASE_UNAVAILABLE'
  constructor(message = 'The database did not answer in time') {
    super(message)
    this.name = 'DatabaseUnavailableError'
  }
}

/** Error codes that mean the connection to PostgreSQL is gone, not that a query was wrong. */
const CONNECTION_LOST = new Set([
  'DATABASE_UNAVAILABLE',
  // Sockets
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  // postgres.js
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  // PostgreSQL: admin shutdown, crash shutdown, cannot connect now, connection exceptions
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
])

/**
 * Is this error (or what caused it: drizzle wraps the driver's error) a lost connection to the
 * database rather than a fault of the query? pg (pg-boss's driver) says so in words only.
 */
export function isConnectionLost(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 6; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown }
    if (typeof code === 'string' && CONNECTION_LOST.has(code)) return true
    if (
      typeof message === 'string' &&
      /Connection terminated|connection (is )?closed|server closed the connection|not queryable|timeout exceeded when trying to connect/i.test(
        message,
      )
    )
      return true
    if (isPostgresNullSocketWrite(e)) return true
    e = (e as { cause?: unknown }).cause
  }
  return false
}

/**
 * postgres.js 3.4.9 (the newest release) can write to a connection whose socket is already gone:
 * a small write is flushed from a `setImmediate` that runs after the socket closed, and throws
 * outside any query (porsager/postgres issues 1066, 1154, 1208; the fixes, PRs 1168 and 1209, are
 * not released). The throw also leaves that connection holding the unsent bytes and a spent timer,
 * so it never sends its start-up message again: every query routed to it would wait for the
 * connect timeout. `survivePostgresNullSocketWrite` replaces the pool when this happens.
 */
export function isPostgresNullSocketWrite(error: unknown): boolean {
  if (!(error instanceof TypeError)) return false
  const stack = error.stack ?? ''
  return (
    /reading 'write'|evaluating 'socket\.write'/.test(error.message) &&
    /nextWrite/.test(stack) &&
    /[\\/]postgres[\\/](cjs[\\/])?src[\\/]connection\.[cm]?js/.test(stack)
  )
}

/**
 * After the null-socket write (above): a new pool with the same settings takes over at once, and
 * the old one is ended in the background, its in-flight queries given a few seconds.
 */
export function replacePool() {
  const current = state
  if (!current) return
  state = { ...openPool(current.urls, current.max), urls: current.urls, max: current.max }
  void current.appSql.end({ timeout: 5 }).catch(() => {})
}

/** Work on the database with a deadline: past it, `DatabaseUnavailableError` (the work goes on unseen). */
export async function withinDeadline<T>(work: PromiseLike<T>, ms: number): Promise<T> {
  // Once, as a real promise: a drizzle query is a lazy thenable that runs again on every
  // then/catch, so a second `.catch` on it would repeat an insert.
  const running = Promise.resolve(work)
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([
      running,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new DatabaseUnavailableError()), ms)
      }),
    ])
  } finally {
    clearTimeout(timer)
    // A late failure of the abandoned work is not an unhandled rejection.
    running.catch(() => {})
  }
}
