import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import { fileURLToPath } from 'node:url'
import { and, asc, eq } from 'drizzle-orm'
import PgBoss from 'pg-boss'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { db } from '#db/client.ts'
import { createUser } from '#db/factories/index.ts'
import { conversations, messages, reporters, users } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { sopTenant } from '#db/test/sop-tenant.ts'
import { testOwnerUrl } from '#db/test/setup.ts'
import * as wa from '#db/test/whatsapp.ts'
import { lucia } from '#server/auth/lucia.ts'
import { queueReporterMessage } from './outbound.ts'
import { signBody } from './signature.ts'

/**
 * Faults on the way out, with real processes: the server (webhook, Graph simulator, workers) or a
 * web process and a separate worker, real HTTP between them, the test's own database.
 */
const root = fileURLToPath(new URL('../../..', import.meta.url))
const { appPassword } = inject('testDatabase')
const children: ChildProcess[] = []

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
})

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port
      server.close(() => resolve(port))
    })
  })
}

type Started = { child: ChildProcess; output: () => string }

/** `server/index.ts` (web, simulator, workers unless told not to) or `server/worker.ts` alone. */
async function start(entry: 'server/index.ts' | 'server/worker.ts', port: number, workers = true) {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
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
    if (child.exitCode !== null) throw new Error(`${entry} exited: ${output}`)
    const ready =
      entry === 'server/worker.ts'
        ? output.includes('worker berjalan')
        : await fetch(`http://127.0.0.1:${port}/healthz`).then(
            (r) => r.ok,
            () => false,
          )
    if (ready) return { child, output: () => output } satisfies Started
    if (Date.now() > deadline) throw new Error(`${entry} did not start: ${output}`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

async function stop({ child }: Started, signal: NodeJS.Signals = 'SIGTERM') {
  if (child.exitCode !== null) return
  const exited = new Promise((r) => child.once('exit', r))
  child.kill(signal)
  await exited
}

/** A signed-in platform admin's cookie: the simulator's records and switches are theirs only. */
async function platformAdminCookie() {
  const { user } = await createUser({})
  await db().update(users).set({ isPlatformAdmin: true }).where(eq(users.id, user.id))
  const session = await lucia().createSession(user.id, {})
  return lucia().createSessionCookie(session.id).serialize().split(';')[0]!
}

type Sent = { to: string; wamid: string; body: Record<string, unknown> }

function simulator(port: number, cookie: string) {
  const base = `http://127.0.0.1:${port}/dev/graph`
  return {
    failNext: async (to: string, failures: string[]) => {
      const response = await fetch(`${base}/fail`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: cookie },
        body: JSON.stringify({ to, failures }),
      })
      expect(response.status).toBe(200)
    },
    sent: async (): Promise<Sent[]> => {
      const response = await fetch(`${base}/sent`, { headers: { Cookie: cookie } })
      expect(response.status).toBe(200)
      return ((await response.json()) as { data: Sent[] }).data
    },
  }
}

/** A reporter who wrote just now (the 24-hour window is open), with their conversation. */
async function reporterWithConversation(tenantId: string, channelId: string, waId: string) {
  return withTenant(tenantId, async (tx) => {
    const [reporter] = await tx
      .insert(reporters)
      .values({ tenantId, waId, phone: `+${waId}`, name: `Warga ${waId.slice(-4)}` })
      .returning()
    const [conversation] = await tx
      .insert(conversations)
      .values({
        tenantId,
        channelId,
        reporterId: reporter!.id,
        lastInboundAt: new Date(),
        state: 'complaint_open',
      })
      .returning()
    return conversation!
  })
}

/** An inbound message from a new citizen: its processing job also sends what the tenant has queued. */
async function citizenWrites(port: number, phoneNumberId: string, from: string) {
  const payload = JSON.stringify(
    wa.envelope(phoneNumberId, {
      contacts: [wa.contact(from)],
      messages: [wa.text(from, 'Ada genangan air besar menutup jalan di depan sekolah.')],
    }),
  )
  const response = await fetch(`http://127.0.0.1:${port}/webhooks/whatsapp`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': signBody(payload, wa.APP_SECRET) },
    body: payload,
  })
  expect(response.status).toBe(200)
}

const outbound = (tenantId: string) =>
  withTenant(tenantId, (tx) =>
    tx
      .select({
        id: messages.id,
        conversationId: messages.conversationId,
        body: messages.body,
        status: messages.status,
        wamid: messages.wamid,
        error: messages.error,
        to: reporters.waId,
      })
      .from(messages)
      .innerJoin(
        conversations,
        and(eq(conversations.tenantId, messages.tenantId), eq(conversations.id, messages.conversationId)),
      )
      .innerJoin(
        reporters,
        and(eq(reporters.tenantId, conversations.tenantId), eq(reporters.id, conversations.reporterId)),
      )
      .where(eq(messages.direction, 'outbound'))
      .orderBy(asc(messages.createdAt)),
  )

const settled = (status: string) => status === 'delivered' || status === 'read' || status === 'failed'

async function until(probe: () => Promise<boolean>, ms: number) {
  const deadline = Date.now() + ms
  for (;;) {
    if (await probe()) return true
    if (Date.now() > deadline) return false
    await new Promise((r) => setTimeout(r, 500))
  }
}

/** The labels (`<a1>`, `<b3>` ...) of what the simulator accepted for one number, in the order it got them. */
const labelsOf = (sent: Sent[], to: string) =>
  sent.filter((s) => s.to === to).flatMap((s) => JSON.stringify(s.body).match(/<[a-z]\d+>/g) ?? [])

describe('the Graph API failing', () => {
  it('ends every outbound message delivered or failed with its reason, in order per reporter, none sent twice', async () => {
    const env = await sopTenant('satpol-pp-kabupaten', {
      ticketPrefix: 'LALISA',
      businessHours: { start: '00:00', end: '24:00' },
      workingDays: [1, 2, 3, 4, 5, 6, 7],
    })
    const { phoneNumberId, channel } = await wa.whatsappNumber(env.tenant)
    const port = await freePort()
    const server = await start('server/index.ts', port)
    const sim = simulator(port, await platformAdminCookie())

    // One reporter per kind of trouble; their first message meets it. `f` has no approved template,
    // so a 131047 fails its first message; 131026 (not on WhatsApp) fails `g`'s first.
    const plans = [
      { label: 'a', failures: ['429', '429'] },
      { label: 'b', failures: ['500'] },
      { label: 'c', failures: ['timeout'] },
      { label: 'd', failures: ['slow'] },
      { label: 'e', failures: ['131047'], template: true },
      { label: 'f', failures: ['131047'] },
      { label: 'g', failures: ['131026'] },
      { label: 'h', failures: ['429', '500', 'timeout'] },
      { label: 'i', failures: [] },
    ]
    const reporterOf = new Map<string, { to: string; conversationId: string; queued: string[] }>()
    for (const [n, plan] of plans.entries()) {
      const to = `62812555000${n}`
      const conversation = await reporterWithConversation(env.tenant.id, channel.id, to)
      await sim.failNext(to, plan.failures)
      reporterOf.set(plan.label, { to, conversationId: conversation.id, queued: [] })
    }
    const queue = async (from: number, count: number) => {
      for (const plan of plans) {
        const reporter = reporterOf.get(plan.label)!
        await withTenant(env.tenant.id, async (tx) => {
          for (let k = from; k < from + count; k++) {
            const label = `<${plan.label}${k}>`
            await queueReporterMessage({
              tx,
              tenantId: env.tenant.id,
              conversationId: reporter.conversationId,
              text: `Pesan ${label} untuk pelapor`,
              params: { label },
              whatsappTemplateName: plan.template ? 'pemberitahuan_aduan' : null,
            })
            reporter.queued.push(label)
          }
        })
      }
    }
    const startedAt = Date.now()
    await queue(1, 3)
    await citizenWrites(port, phoneNumberId, '6281255509901')
    // While the first send run waits on `c`'s timeout, more is queued and other jobs send too: the
    // next delivery, and a send job (another queue, so another worker loop, at the same time).
    await new Promise((r) => setTimeout(r, 4_000))
    await queue(4, 2)
    await citizenWrites(port, phoneNumberId, '6281255509902')
    const boss = new PgBoss({
      connectionString: testOwnerUrl,
      schema: 'pgboss',
      supervise: false,
      schedule: false,
    })
    await boss.start()
    await boss.send('whatsapp-send', { tenantId: env.tenant.id })
    await boss.stop({ graceful: true, timeout: 5_000 })

    const done = await until(
      async () => (await outbound(env.tenant.id)).every((m) => settled(m.status)),
      200_000,
    )
    const seconds = (Date.now() - startedAt) / 1000
    // Time for a duplicate send to do harm before counting.
    await new Promise((r) => setTimeout(r, 3_000))
    const rows = await outbound(env.tenant.id)
    const sent = await sim.sent()
    console.log(
      `Graph faults: ${rows.length} outbound messages, ${rows.filter((m) => m.status === 'failed').length} failed, ` +
        `${sent.length} accepted by the simulator, settled ${done ? `in ${seconds.toFixed(1)} s` : 'NOT within 200 s'}`,
    )
    expect(
      rows.filter((m) => !settled(m.status)).map((m) => ({ body: m.body, status: m.status, error: m.error })),
    ).toEqual([])

    for (const plan of plans) {
      const reporter = reporterOf.get(plan.label)!
      const mine = rows.filter((m) => m.conversationId === reporter.conversationId)
      const failsFirst = plan.label === 'f' || plan.label === 'g'
      expect({ label: plan.label, statuses: mine.map((m) => m.status === 'failed') }).toEqual({
        label: plan.label,
        statuses: reporter.queued.map((_, k) => failsFirst && k === 0),
      })
      // Accepted once each, in the order they were queued.
      expect({ label: plan.label, sent: labelsOf(sent, reporter.to) }).toEqual({
        label: plan.label,
        sent: reporter.queued.filter((_, k) => !(failsFirst && k === 0)),
      })
    }
    const failed = Object.fromEntries(
      rows.filter((m) => m.status === 'failed').map((m) => [m.body?.match(/<[a-z]\d+>/)?.[0], m.error]),
    )
    expect(failed).toEqual({
      '<f1>': expect.objectContaining({ reason: expect.stringMatching(/template/) }),
      '<g1>': expect.objectContaining({ code: 131026, message: 'Message undeliverable' }),
    })
    // `e` went as its approved template after the 131047.
    expect(sent.find((s) => JSON.stringify(s.body).includes('<e1>'))?.body).toMatchObject({
      type: 'template',
      template: { name: 'pemberitahuan_aduan' },
    })
    // The citizens who wrote in: every reply accepted once, under the wamid the row keeps.
    for (const to of ['6281255509901', '6281255509902']) {
      const mine = rows.filter((m) => m.to === to)
      expect(mine.length).toBeGreaterThan(0)
      expect(
        sent
          .filter((s) => s.to === to)
          .map((s) => s.wamid)
          .sort(),
      ).toEqual(mine.map((m) => m.wamid).sort())
    }
    await stop(server)
  }, 300_000)
})

describe('a worker killed mid-job', () => {
  it('runs the send again after a SIGKILL during the request, and the reporter gets each message once', async () => {
    const env = await sopTenant('satpol-pp-kabupaten', {
      ticketPrefix: 'LALISA',
      businessHours: { start: '00:00', end: '24:00' },
      workingDays: [1, 2, 3, 4, 5, 6, 7],
    })
    const { phoneNumberId } = await wa.whatsappNumber(env.tenant)
    const port = await freePort()
    // The web process (webhook, simulator) stays up; the jobs run in a worker process of their own.
    const web = await start('server/index.ts', port, false)
    const sim = simulator(port, await platformAdminCookie())
    const from = '6281255508801'
    // Meta takes the acknowledgement but its answer is late: the worker is killed while it waits.
    await sim.failNext(from, ['slow'])
    const worker = await start('server/worker.ts', port)
    await citizenWrites(port, phoneNumberId, from)
    const accepted = await until(async () => (await sim.sent()).some((s) => s.to === from), 45_000)
    expect(accepted).toBe(true)
    await stop(worker, 'SIGKILL')
    const before = await outbound(env.tenant.id)
    expect(before.length).toBeGreaterThan(0)
    expect(before.every((m) => m.wamid === null)).toBe(true)

    const again = await start('server/worker.ts', port)
    const done = await until(async () => {
      const rows = await outbound(env.tenant.id)
      return rows.length > 0 && rows.every((m) => settled(m.status))
    }, 150_000)
    await new Promise((r) => setTimeout(r, 3_000))
    const rows = await outbound(env.tenant.id)
    const sent = (await sim.sent()).filter((s) => s.to === from)
    console.log(
      `Worker SIGKILL mid-send: ${rows.length} messages to the reporter, ${sent.length} accepted by the simulator`,
    )
    expect(done).toBe(true)
    expect(rows.map((m) => m.status).filter((s) => s !== 'delivered' && s !== 'read')).toEqual([])
    // Each message accepted exactly once, in the order queued, under the wamid its row keeps.
    expect(sent.map((s) => s.wamid)).toEqual(rows.map((m) => m.wamid))
    await stop(again)
    await stop(web)
  }, 240_000)
})
