import fs from 'node:fs'
import path from 'node:path'
import {
  closeDatabase,
  connectDatabase,
  isConnectionLost,
  isPostgresNullSocketWrite,
  replacePool,
  type DatabaseUrls,
} from '#db/client.ts'
import { startEmbeddedPostgres, type EmbeddedPostgres } from '#db/embedded.ts'
import { migrateDatabase } from '#db/migrate.ts'
import { env, isProduction, publicUrl } from './env.ts'
import { DEMO_APP_SECRET } from '#db/seed/demo.ts'
import { setGraphConfig } from './channels/whatsapp-cloud/graph.ts'
import { setPlatformAppSecret } from './channels/whatsapp-cloud/routing.ts'
import { generateEncryptionKey, setEncryptionKey } from './crypto.ts'

export type DatabaseRuntime = DatabaseUrls & {
  demo: boolean
  embedded?: EmbeddedPostgres
  stop: () => Promise<void>
}

/** The application role's URL for a server given as DATABASE_URL: same server, role tanggap_app. */
function appUrlFor(ownerUrl: string, password: string): string {
  const url = new URL(ownerUrl)
  url.username = 'tanggap_app'
  url.password = password
  return url.toString()
}

function appPasswordForServer(): string {
  if (env.APP_DB_PASSWORD) return env.APP_DB_PASSWORD
  if (isProduction && !env.DATABASE_APP_URL) {
    throw new Error(
      'Set APP_DB_PASSWORD (or DATABASE_APP_URL) in production: the application role needs its own password',
    )
  }
  return 'tanggap-app-local'
}

/** Demo data needs an encryption key for the channel secrets; outside production one is kept in DATA_DIR. */
function configureEncryption() {
  if (env.ENCRYPTION_KEY) return setEncryptionKey(env.ENCRYPTION_KEY)
  if (isProduction)
    throw new Error('Set ENCRYPTION_KEY (32 bytes, base64): channel secrets are encrypted with it')
  const file = path.resolve(env.DATA_DIR, 'encryption-key')
  fs.mkdirSync(path.dirname(file), { recursive: true })
  if (!fs.existsSync(file)) fs.writeFileSync(file, generateEncryptionKey(), { mode: 0o600 })
  setEncryptionKey(fs.readFileSync(file, 'utf8').trim())
}

let guarded = false

/**
 * A lost database connection never ends the process; it answers 503 meanwhile and reconnects by
 * itself (postgres.js and pg-boss's pool both reconnect on the next query). Two things in our
 * drivers would otherwise kill it when PostgreSQL goes away:
 *
 * - pg-boss 10 completes and fails a worker's jobs without awaiting the query, so a connection lost
 *   at that moment is an unhandled rejection (Node's default: exit). Newer pg-boss needs Node 22.
 * - postgres.js 3.4.9 writes to a socket that is already gone and throws from a timer
 *   (`isPostgresNullSocketWrite`); the pool is replaced, as that connection is spoiled for good.
 *
 * Everything else that nothing caught is a bug, and ends the process as Node would.
 */
export function surviveDatabaseOutages() {
  if (guarded) return
  guarded = true
  process.on('uncaughtException', (error) => {
    if (isPostgresNullSocketWrite(error)) {
      console.error(
        'postgres.js wrote to a closed connection (porsager/postgres#1208); replacing the pool:',
        error.message,
      )
      replacePool()
      return
    }
    console.error('Uncaught exception:', error)
    process.exit(1)
  })
  process.on('unhandledRejection', (reason) => {
    if (isConnectionLost(reason)) {
      console.error('Database connection lost in background work; carrying on:', String(reason))
      return
    }
    console.error('Unhandled rejection:', reason)
    process.exit(1)
  })
}

/**
 * Finds the database (DATABASE_URL, else an embedded PostgreSQL in DATA_DIR), migrates it as the
 * owner and connects the application pool as `tanggap_app`.
 */
export async function startDatabase(): Promise<DatabaseRuntime> {
  surviveDatabaseOutages()
  configureEncryption()
  let urls: DatabaseUrls
  let appPassword: string
  let embedded: EmbeddedPostgres | undefined
  if (env.DATABASE_URL) {
    appPassword = appPasswordForServer()
    urls = {
      ownerUrl: env.DATABASE_URL,
      appUrl: env.DATABASE_APP_URL ?? appUrlFor(env.DATABASE_URL, appPassword),
    }
  } else {
    if (isProduction && !env.DEMO) {
      throw new Error('Set DATABASE_URL in production: the embedded PostgreSQL is for demo and development')
    }
    embedded = await startEmbeddedPostgres({ dataDir: env.DATA_DIR })
    appPassword = decodeURIComponent(new URL(embedded.appUrl).password)
    urls = { ownerUrl: embedded.ownerUrl, appUrl: embedded.appUrl }
  }
  try {
    await migrateDatabase({ ownerUrl: urls.ownerUrl, appPassword })
  } catch (error) {
    await embedded?.stop()
    throw error
  }
  connectDatabase(urls)
  const demo = env.DEMO ?? embedded !== undefined
  return {
    ...urls,
    demo,
    embedded,
    stop: async () => {
      await closeDatabase()
      await embedded?.stop()
    },
  }
}

/**
 * In demo mode the WhatsApp adapter talks to the built-in simulator and trusts the demo app secret,
 * unless configuration says otherwise; in production it talks to Meta (docs/decisions/007).
 */
export function configureWhatsapp(demo: boolean) {
  if (!demo) return
  if (!env.WHATSAPP_APP_SECRET) setPlatformAppSecret(DEMO_APP_SECRET)
  if (!env.GRAPH_API_BASE_URL)
    setGraphConfig({
      baseUrl: `${publicUrl()}/dev/graph`,
      version: env.GRAPH_API_VERSION,
    })
}
