import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import type { Server } from 'node:http'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { installGlobals } from '@remix-run/node'
import type { ServerBuild } from '@remix-run/node'
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from '#db/seed/demo.ts'
import { configureWhatsapp, startDatabase } from './database.ts'
import { env } from './env.ts'
import { createHttpApp } from './http.ts'
import { startJobs, stopJobs } from './jobs/boss.ts'

// nativeFetch: the polyfilled Headers lack getSetCookie, which the tRPC adapter needs.
installGlobals({ nativeFetch: true })

const BUILD_PATH = path.resolve('build/index.js')

function ensureBuild() {
  if (fs.existsSync(BUILD_PATH)) return
  console.log('Membangun aplikasi (sekali saja)... / Building the app (first start only)...')
  const result = spawnSync(path.resolve('node_modules/.bin/remix'), ['build'], { stdio: 'inherit' })
  if (result.status !== 0) throw new Error('remix build failed')
}

async function main() {
  const startedAt = Date.now()
  ensureBuild()
  const database = await startDatabase()
  configureWhatsapp(database.demo)
  let build: ServerBuild
  try {
    if (database.demo) {
      const outcome = await seedDemo()
      if (outcome === 'seeded') console.log('Data demo dibuat. / Demo data seeded.')
      if (outcome === 'older') {
        console.log('Data demo dari versi lama dipakai apa adanya; hapus folder data untuk data demo baru.')
        console.log(
          'Demo data from an older version is kept as is; delete the data folder for fresh demo data.',
        )
      }
    }
    build = (await import(pathToFileURL(BUILD_PATH).href)) as ServerBuild
    await startJobs({ ownerUrl: database.ownerUrl, work: env.WORKERS })
  } catch (error) {
    // Leave no embedded PostgreSQL running behind a failed start.
    await database.stop()
    throw error
  }
  const app = createHttpApp({ build, demo: database.demo })
  // Demo mode knows everyone's password: it listens on this machine only unless HOST says otherwise.
  const hosts = env.HOST ? [env.HOST] : database.demo ? ['127.0.0.1', '::1'] : [undefined]
  const first = await listen(app, env.PORT, hosts[0], false)
  const address = first!.address()
  const port = typeof address === 'object' && address ? address.port : env.PORT
  // The same port on the other addresses (PORT=0 picks one on the first).
  const servers = [first, ...(await Promise.all(hosts.slice(1).map((host) => listen(app, port, host, true))))]
  const url = `http://localhost:${port}`
  const lines = [
    '',
    `Tanggap berjalan di ${url}  (siap dalam ${((Date.now() - startedAt) / 1000).toFixed(1)} s)`,
    database.embedded ? `Basis data tertanam: ${database.embedded.dataDir}` : 'Basis data: DATABASE_URL',
  ]
  if (database.demo) {
    lines.push(`Mode demo. Masuk di ${url}/login dengan kata sandi "${DEMO_PASSWORD}":`)
    for (const login of DEMO_LOGINS)
      lines.push(`  ${login.email.padEnd(28)} ${login.role.padEnd(18)} ${login.tenant}`)
    if (!env.HOST)
      lines.push(
        'Hanya dari komputer ini (HOST untuk alamat lain). / This machine only (set HOST to listen elsewhere).',
      )
  }
  console.log(lines.join('\n'))

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`${signal}: berhenti... / stopping...`)
    for (const open of servers) {
      open?.close()
      open?.closeAllConnections()
    }
    await stopJobs()
    await database.stop()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}

/**
 * Listens on one address. The second loopback address (::1) is optional: on a machine without
 * IPv6 it is skipped (null), 127.0.0.1 still answers.
 */
function listen(
  app: ReturnType<typeof createHttpApp>,
  port: number,
  host: string | undefined,
  optional: boolean,
) {
  return new Promise<Server | null>((resolve, reject) => {
    const server = host === undefined ? app.listen(port) : app.listen(port, host)
    server.once('listening', () => resolve(server))
    server.once('error', (error: NodeJS.ErrnoException) =>
      optional && ['EADDRNOTAVAIL', 'EAFNOSUPPORT'].includes(error.code ?? '')
        ? resolve(null)
        : reject(error),
    )
  })
}

main().catch((error: unknown) => {
  console.error('Tanggap gagal dimulai / failed to start:', error)
  process.exit(1)
})
