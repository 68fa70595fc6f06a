import { and, eq, inArray } from 'drizzle-orm'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { db } from '#db/client.ts'
import { complaints, messages, webhookDeliveries } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { sopTenant } from '#db/test/sop-tenant.ts'
import {
  freePort,
  killAll,
  pool,
  startServer as startProcess,
  stopProcess,
  until,
} from '#db/test/processes.ts'
import { testOwnerUrl } from '#db/test/setup.ts'
import * as wa from '#db/test/whatsapp.ts'
import { signBody } from './signature.ts'

const { appPassword } = inject('testDatabase')

afterAll(() => killAll())

/** The real server (`npm start`'s entry) on this test file's database. */
async function startServer(port: number, workers: boolean) {
  return (await startProcess({ port, databaseUrl: testOwnerUrl, appPassword, workers })).child
}

describe('a crash between the 200 and the processing', () => {
  it('processes the stored message after a restart, exactly once', async () => {
    const env = await sopTenant('satpol-pp-kabupaten', { ticketPrefix: 'LALISA' })
    const { phoneNumberId } = await wa.whatsappNumber(env.tenant)
    const port = await freePort()

    // First life: no workers, so the job is queued but nobody takes it before the kill.
    const first = await startServer(port, false)
    const from = '6281299990001'
    const payload = JSON.stringify(
      wa.envelope(phoneNumberId, {
        contacts: [wa.contact(from)],
        messages: [wa.text(from, 'Ada keributan di depan balai desa sejak tadi malam.')],
      }),
    )
    const response = await fetch(`http://127.0.0.1:${port}/webhooks/whatsapp`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Hub-Signature-256': signBody(payload, wa.APP_SECRET),
      },
      body: payload,
    })
    expect(response.status).toBe(200)
    first.kill('SIGKILL')
    await new Promise((r) => first.once('exit', r))
    const [stored] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.body, payload))
    expect(stored?.status).toBe('received')
    expect(await withTenant(env.tenant.id, (tx) => tx.select().from(complaints))).toEqual([])

    // Second life, with workers: the queued job runs.
    const second = await startServer(port, true)
    const complaint = await until(
      async () => (await withTenant(env.tenant.id, (tx) => tx.select().from(complaints)))[0],
      45_000,
    )
    expect(complaint?.description).toBe('Ada keributan di depan balai desa sejak tadi malam.')
    // Give the sweep and any duplicate job time to do harm, then count.
    await new Promise((r) => setTimeout(r, 3_000))
    const after = await withTenant(env.tenant.id, async (tx) => ({
      complaints: await tx.select().from(complaints),
      inbound: await tx.select().from(messages).where(eq(messages.direction, 'inbound')),
    }))
    expect(after.complaints).toHaveLength(1)
    expect(after.inbound).toHaveLength(1)
    const [delivery] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, stored!.id))
    expect(delivery?.status).toBe('processed')
    second.kill('SIGTERM')
    await new Promise((r) => second.once('exit', r))
  }, 180_000)
})

describe('SIGKILL during a burst of 1,000 webhooks', () => {
  it('makes every acknowledged message exactly one stored message after the restart', async () => {
    const env = await sopTenant('satpol-pp-kabupaten', { ticketPrefix: 'BURST' })
    const { phoneNumberId } = await wa.whatsappNumber(env.tenant)
    const port = await freePort()
    const first = await startServer(port, true)
    const bodies = Array.from({ length: 1000 }, (_, i) => {
      const from = `62812444${String(i % 25).padStart(5, '0')}`
      const message = wa.text(from, `Laporan ke-${i} dari warga: lampu jalan padam di gang ${i}.`)
      const payload = JSON.stringify(
        wa.envelope(phoneNumberId, { contacts: [wa.contact(from)], messages: [message] }),
      )
      return { wamid: message.id, payload }
    })
    const acknowledged: string[] = []
    const refused: number[] = []
    let killed = false
    const started = Date.now()
    await pool(bodies, 25, async ({ wamid, payload }) => {
      const status = await fetch(`http://127.0.0.1:${port}/webhooks/whatsapp`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Hub-Signature-256': signBody(payload, wa.APP_SECRET),
        },
        body: payload,
      }).then(
        (r) => r.status,
        () => 0,
      )
      if (status === 200) acknowledged.push(wamid)
      else refused.push(status)
      // Killed in the middle of the burst, while requests are in flight.
      if (!killed && acknowledged.length >= 400) {
        killed = true
        first.kill('SIGKILL')
      }
    })
    await new Promise((r) => (first.exitCode !== null || first.signalCode ? r(null) : first.once('exit', r)))
    const burstMs = Date.now() - started
    expect(killed).toBe(true)
    // Nothing is acknowledged that is not stored, nothing is answered 5xx while the server lives.
    expect(refused.filter((s) => s !== 0)).toEqual([])

    const second = await startServer(port, true)
    const restarted = Date.now()
    const inboundOf = () =>
      withTenant(env.tenant.id, (tx) =>
        tx
          .select({ wamid: messages.wamid })
          .from(messages)
          .where(and(eq(messages.direction, 'inbound'), inArray(messages.wamid, acknowledged))),
      )
    const all = await until(
      async () => {
        const rows = await inboundOf()
        return rows.length >= acknowledged.length ? rows : undefined
      },
      90_000,
      1_000,
    )
    const recoveredMs = Date.now() - restarted
    console.log(
      `burst: ${bodies.length} sent, ${acknowledged.length} acknowledged before and around the SIGKILL, ` +
        `${refused.length} not (connection refused or reset) in ${burstMs} ms; all acknowledged stored ` +
        `${recoveredMs} ms after the restart`,
    )
    expect(all?.length).toBe(acknowledged.length)
    // Exactly once: no wamid twice, and nothing beyond what was sent.
    const stored = await withTenant(env.tenant.id, (tx) =>
      tx.select({ wamid: messages.wamid }).from(messages).where(eq(messages.direction, 'inbound')),
    )
    const wamids = stored.map((m) => m.wamid)
    expect(new Set(wamids).size).toBe(wamids.length)
    const sent = new Set(bodies.map((b) => b.wamid))
    expect(wamids.every((w) => sent.has(w!))).toBe(true)
    expect(await withTenant(env.tenant.id, (tx) => tx.select().from(complaints))).toHaveLength(25)
    await stopProcess(second)
  }, 150_000)
})
