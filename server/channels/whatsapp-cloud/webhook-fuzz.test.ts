import fc from 'fast-check'
import { eq, inArray, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.ts'
import { messages, webhookDeliveries } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { sopTenant } from '#db/test/sop-tenant.ts'
import { testOwnerUrl } from '#db/test/setup.ts'
import { until } from '#db/test/processes.ts'
import * as wa from '#db/test/whatsapp.ts'
import { jobQueue, startJobs, stopJobs } from '#server/jobs/boss.ts'
import { payloadProblem } from './payload.ts'
import { signBody } from './signature.ts'

/**
 * Fuzzing the real webhook: genuine bodies mutated at random places, random bodies and random
 * headers, signed and unsigned, with the job workers processing what is stored. No answer is a
 * 5xx, nothing stored fails processing, and a genuine message sent in between is processed promptly.
 */
let server: Awaited<ReturnType<typeof wa.startTestServer>>

beforeAll(async () => {
  await startJobs({ ownerUrl: testOwnerUrl, work: true })
  server = await wa.startTestServer((deliveryId) => {
    void jobQueue().send('whatsapp-delivery', { deliveryId })
  })
})
afterAll(async () => {
  await server.close()
  await stopJobs()
})

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/** Every path into a JSON value, for mutations to aim at. */
function pathsOf(value: Json, at: (string | number)[] = []): (string | number)[][] {
  const here = [at]
  if (Array.isArray(value)) return here.concat(value.flatMap((v, i) => pathsOf(v, [...at, i])))
  if (value && typeof value === 'object')
    return here.concat(Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...at, k])))
  return here
}

function mutate(value: Json, path: (string | number)[], replacement: unknown, remove: boolean): unknown {
  if (path.length === 0) return replacement
  const copy = structuredClone(value) as Record<string | number, unknown>
  let node = copy
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>
  const last = path.at(-1)!
  if (remove) delete node[last]
  else node[last] = replacement
  return copy
}

const nasty = fc.oneof(
  fc.anything(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    '\udfff\ud800',
    '',
    ' ',
    'NaN',
    '-1',
    '1e400',
    '9'.repeat(40),
  ),
  fc.double(),
  fc.integer(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.string({ minLength: 3000, maxLength: 5000 }),
)

describe('webhook fuzzing', () => {
  it('never answers 5xx, stores nothing processing fails on, and still processes genuine messages promptly', async () => {
    const env = await sopTenant('satpol-pp-kabupaten', {
      ticketPrefix: 'FUZZ',
      businessHours: { start: '00:00', end: '24:00' },
      workingDays: [1, 2, 3, 4, 5, 6, 7],
    })
    const { phoneNumberId } = await wa.whatsappNumber(env.tenant)
    const genuineBody = (i: number) => {
      const from = `62812666${String(i % 7).padStart(5, '0')}`
      return wa.envelope(phoneNumberId, {
        contacts: [wa.contact(from, `Warga ${i}`)],
        messages: [
          i % 3 === 0
            ? wa.image(from, `Foto kejadian ${i}`)
            : i % 3 === 1
              ? wa.location(from, -2.33, 115.46)
              : wa.text(from, `Laporan ${i}: ada genangan air di jalan desa.`),
        ],
        statuses: [wa.status(wa.wamid(), 'delivered', from)],
      }) as unknown as Json
    }
    const fivexx: string[] = []
    const counts = { requests: 0, acknowledged: 0, refused: 0, unsendable: 0 }
    const genuine: { wamid: string; postedAt: number }[] = []

    const post = async (raw: string, headers: Record<string, string>) => {
      counts.requests++
      let status: number
      try {
        status = (await fetch(`${server.url}/webhooks/whatsapp`, { method: 'POST', headers, body: raw }))
          .status
      } catch {
        // fetch itself refuses some header values (control characters): nothing was sent.
        counts.unsendable++
        return
      }
      if (status >= 500) fivexx.push(`${status}: ${String(raw).slice(0, 300)}`)
      else if (status === 200) counts.acknowledged++
      else counts.refused++
      // Every 25 requests, a genuine message among the fuzz.
      if (counts.requests % 25 === 0) {
        const from = '6281266699999'
        const message = wa.text(from, `Aduan sungguhan nomor ${counts.requests} di tengah serangan.`)
        const body = JSON.stringify(
          wa.envelope(phoneNumberId, { contacts: [wa.contact(from)], messages: [message] }),
        )
        const response = await fetch(`${server.url}/webhooks/whatsapp`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'X-Hub-Signature-256': signBody(body, wa.APP_SECRET),
          },
          body,
        })
        expect(response.status).toBe(200)
        genuine.push({ wamid: message.id, postedAt: Date.now() })
      }
    }

    const signed = (payload: string, sign: boolean) => ({
      'Content-Type': 'application/json',
      ...(sign ? { 'X-Hub-Signature-256': signBody(payload, wa.APP_SECRET) } : {}),
    })

    // 1. Genuine bodies, mutated at up to three random places, signed with the number's secret.
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.array(fc.tuple(fc.nat(), nasty, fc.boolean()), { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        async (seed, mutations, sign) => {
          let body: unknown = genuineBody(seed)
          for (const [at, replacement, remove] of mutations) {
            const paths = pathsOf(body as Json)
            body = mutate(body as Json, paths[at % paths.length]!, replacement, remove && at % 4 === 0)
          }
          let payload: string
          try {
            payload = JSON.stringify(body) ?? 'null'
          } catch {
            payload = String(body)
          }
          await post(payload, signed(payload, sign || seed % 5 !== 0))
        },
      ),
      { numRuns: 500 },
    )
    // 2. Random bodies, JSON or not, signed.
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.json(),
          fc.string({ unit: 'binary' }),
          fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b).toString('latin1')),
        ),
        async (payload) => post(payload, signed(payload, true)),
      ),
      { numRuns: 250 },
    )
    // 3. Random headers on a genuine body: signatures, content types, none at all.
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom('content-type', 'x-hub-signature-256', 'content-encoding', 'x-forwarded-for'),
          fc.oneof(
            fc.string(),
            fc.stringMatching(/^sha256=[0-9a-f]{0,70}$/),
            fc.constantFrom('sha256=', 'sha1=abc', 'gzip', 'application/x-www-form-urlencoded', 'text/plain'),
          ),
        ),
        fc.nat(),
        async (headers, seed) => post(JSON.stringify(genuineBody(seed)), headers),
      ),
      { numRuns: 250 },
    )

    console.log(
      `webhook fuzz: ${counts.requests} fuzzed requests (${counts.acknowledged} acknowledged, ` +
        `${counts.refused} refused with 4xx, ${counts.unsendable} not sendable by fetch), ${genuine.length} genuine`,
    )
    expect(fivexx).toEqual([])

    // Genuine messages among the fuzz: each stored within 10 s of its 200.
    const wamids = genuine.map((g) => g.wamid)
    const stored = await until(
      async () => {
        const rows = await withTenant(env.tenant.id, (tx) =>
          tx
            .select({ wamid: messages.wamid, createdAt: messages.createdAt })
            .from(messages)
            .where(inArray(messages.wamid, wamids)),
        )
        return rows.length === wamids.length ? rows : undefined
      },
      30_000,
      250,
    )
    expect(stored?.length).toBe(wamids.length)
    const latency = stored!.map(
      (row) => row.createdAt.getTime() - genuine.find((g) => g.wamid === row.wamid)!.postedAt,
    )
    console.log(`genuine messages during the fuzz: slowest stored ${Math.max(...latency)} ms after its 200`)
    expect(Math.max(...latency)).toBeLessThan(10_000)

    // No stored garbage: every stored body is one processing accepts, and none failed.
    await until(
      async () => {
        const [row] = await db()
          .select({ n: sql<number>`count(*)` })
          .from(webhookDeliveries)
          .where(eq(webhookDeliveries.status, 'received'))
        return Number(row!.n) === 0 ? true : undefined
      },
      30_000,
      500,
    )
    const deliveries = await db().select().from(webhookDeliveries)
    expect(deliveries.filter((d) => d.status === 'failed').map((d) => d.error)).toEqual([])
    expect(deliveries.filter((d) => payloadProblem(JSON.parse(d.body)) !== null)).toEqual([])
  }, 180_000)
})
