import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import { fileURLToPath } from 'node:url'
import { eq } from 'drizzle-orm'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { db } from '#db/client.ts'
import { complaints, messages, webhookDeliveries } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { sopTenant } from '#db/test/sop-tenant.ts'
import { testOwnerUrl } from '#db/test/setup.ts'
import * as wa from '#db/test/whatsapp.ts'
import { signBody } from './signature.ts'

const root = fileURLToPath(new URL('../../..', import.meta.url))
const { appPassword } = inject('testDatabase')
const children: ChildProcess[] = []

afterAll(() => {
  for (const child of children) child.kill('SIGKILL')
})

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port
      server.close(() => resolve(port))
    })
  })
}

/** The real server (`npm start`'s entry) on this test file's database. */
async function startServer(port: number, workers: boolean) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      PORT: String(port),
      DATABASE_URL: testOwnerUrl,
      APP_DB_PASSWORD: appPassword,
      ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      DEMO: '0',
      WORKERS: workers ? '1' : '0',
      GRAPH_API_BASE_URL: `http://127.0.0.1:${port}/dev/graph`,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
    },
  })
  children.push(child)
  let output = ''
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()))
  const deadline = Date.now() + 90_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`)
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) return child
    if (Date.now() > deadline) throw new Error(`server did not answer: ${output}`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

async function until<T>(probe: () => Promise<T | undefined>, ms: number): Promise<T | undefined> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await probe()
    if (value !== undefined || Date.now() > deadline) return value
    await new Promise((r) => setTimeout(r, 300))
  }
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
