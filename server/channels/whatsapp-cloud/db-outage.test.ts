import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import postgres from 'postgres'
import { afterAll, describe, expect, it } from 'vitest'
import { startEmbeddedPostgres, type EmbeddedPostgres } from '#db/embedded.ts'
import { DEMO_APP_SECRET } from '#db/seed/demo.ts'
import { freePort, killAll, startServer, stopProcess, until } from '#db/test/processes.ts'
import * as wa from '#db/test/whatsapp.ts'
import { signBody } from './signature.ts'

/**
 * PostgreSQL stopped and started under the server's feet. The database is one of this test's own
 * (an embedded PostgreSQL on a port of its own), so stopping it touches nothing else.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tanggap-outage-'))
let pg: EmbeddedPostgres | undefined

afterAll(async () => {
  killAll()
  await pg?.stop()
  fs.rmSync(dataDir, { recursive: true, force: true })
  // As root the cluster lives where the postgres user can reach it (db/embedded.ts).
  if (pg && path.basename(path.dirname(pg.dataDir)).startsWith('tanggap-pg-'))
    fs.rmSync(path.dirname(pg.dataDir), { recursive: true, force: true })
})

const BALANGAN = '109000000000001'

type Sent = { wamid: string; status: number; ms: number; at: number }

describe('PostgreSQL stopped and started during load', () => {
  it('answers 503 within a second while it is down, never exits, recovers by itself and loses nothing acknowledged', async () => {
    const t0 = Date.now()
    const dbPort = await freePort()
    pg = await startEmbeddedPostgres({ dataDir, port: dbPort })
    const pgReady = Date.now()
    const port = await freePort()
    const server = await startServer({
      port,
      databaseUrl: pg.ownerUrl,
      appPassword: 'tanggap-outage-test',
      workers: true,
      env: { DEMO: '1' },
    })

    const serverReady = Date.now()
    const sent: Sent[] = []
    let stopLoad = false
    let counter = 0
    const post = async () => {
      const from = `62812555${String(counter % 10).padStart(5, '0')}`
      const message = wa.text(from, `Laporan beban ke-${counter++}: saluran air tersumbat di gang ini.`)
      const payload = JSON.stringify(
        wa.envelope(BALANGAN, { contacts: [wa.contact(from)], messages: [message] }),
      )
      const started = Date.now()
      const status = await fetch(`${server.url}/webhooks/whatsapp`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Hub-Signature-256': signBody(payload, DEMO_APP_SECRET),
        },
        body: payload,
        signal: AbortSignal.timeout(20_000),
      }).then(
        (r) => r.status,
        () => 0,
      )
      sent.push({ wamid: message.id, status, ms: Date.now() - started, at: started })
    }
    const load = Promise.all(
      Array.from({ length: 4 }, async () => {
        while (!stopLoad) {
          await post()
          await new Promise((r) => setTimeout(r, 50))
        }
      }),
    )

    await new Promise((r) => setTimeout(r, 3_000))
    const stoppedAt = Date.now()
    await pg.stop()
    const downFrom = Date.now()
    await new Promise((r) => setTimeout(r, 6_000))
    const health = await fetch(`${server.url}/healthz`).then((r) => r.status)
    const downUntil = Date.now()
    pg = await startEmbeddedPostgres({ dataDir, port: dbPort })
    const startedAgain = Date.now()
    // Recovered: the webhook acknowledges again, by itself.
    const recovered = await until(
      async () => sent.find((s) => s.at > startedAgain && s.status === 200),
      30_000,
      200,
    )
    const recoveredMs = Date.now() - startedAgain
    await new Promise((r) => setTimeout(r, 2_000))
    stopLoad = true
    await load

    const during = sent.filter((s) => s.at >= downFrom && s.at + s.ms <= downUntil)
    const acknowledged = sent.filter((s) => s.status === 200).map((s) => s.wamid)
    const statuses = (list: Sent[]) =>
      Object.entries(
        list.reduce<Record<number, number>>((n, s) => ({ ...n, [s.status]: (n[s.status] ?? 0) + 1 }), {}),
      )
        .map(([k, v]) => `${k}×${v}`)
        .join(' ')

    const owner = postgres(pg.ownerUrl, { max: 1, onnotice: () => {} })
    try {
      const stored = await until(
        async () => {
          const rows = await owner<{ wamid: string }[]>`
            select wamid from messages where direction = 'inbound' and wamid = any(${acknowledged})`
          return rows.length >= acknowledged.length ? rows : undefined
        },
        60_000,
        1_000,
      )
      console.log(
        `outage phases: PostgreSQL up ${pgReady - t0} ms, server up ${serverReady - pgReady} ms, ` +
          `load ${Date.now() - serverReady} ms until all acknowledged were stored`,
      )
      console.log(
        `outage: ${sent.length} webhooks; while down (${downUntil - downFrom} ms) ${statuses(during)}, ` +
          `slowest ${Math.max(...during.map((s) => s.ms))} ms; stop took ${downFrom - stoppedAt} ms; ` +
          `acknowledging again ${recoveredMs} ms after the restart; ${acknowledged.length} acknowledged, ` +
          `all stored as messages: ${stored?.length === acknowledged.length}; the server survived ` +
          `${(server.output().match(/carrying on/g) ?? []).length} lost-connection rejections and ` +
          `${(server.output().match(/replacing the pool/g) ?? []).length} null-socket writes`,
      )
      // While down: 503 (never 500, never a hang), each within a second (3 s on a loaded box).
      expect(during.length).toBeGreaterThan(10)
      expect(during.every((s) => s.status === 503)).toBe(true)
      expect(Math.max(...during.map((s) => s.ms))).toBeLessThan(3_000)
      expect(health).toBe(503)
      // Never exited, recovered by itself, and nothing acknowledged is lost or doubled.
      expect(server.exited(), server.output().slice(-3000)).toBe(false)
      expect(recovered).toBeDefined()
      expect(stored?.length).toBe(acknowledged.length)
      const [row] = await owner<{ count: string }[]>`
        select count(*) from messages where direction = 'inbound' and wamid = any(${acknowledged})`
      expect(Number(row?.count)).toBe(acknowledged.length)
      expect(await fetch(`${server.url}/healthz`).then((r) => r.status)).toBe(200)
    } finally {
      await owner.end()
    }
    await stopProcess(server.child)
  }, 180_000)
})
