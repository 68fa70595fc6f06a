import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { installGlobals, type ServerBuild } from '@remix-run/node'
import fc from 'fast-check'
import type { ZodTypeAny } from 'zod'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  changedTables,
  databaseFingerprint,
  sessionCookieFor,
  startHttpApp,
  trpcHttp,
} from '#db/test/http-app.ts'
import { matrixWorld, type MatrixWorld } from '#db/test/matrix-world.ts'
import { arbitraryFor, mutate, NASTY_STRINGS, wrongValue } from '#db/test/zod-arbitrary.ts'
import { ROUTE_MATRIX } from './access-matrix.ts'
import { appRouter } from './_app.ts'

/**
 * Fuzzing: every tRPC procedure's input, schema-shaped and mutated, over real HTTP as a
 * signed-in demo admin of both tenants (and the platform), and the Remix routes' form posts; no 5xx,
 * the server still answers afterwards, and a refused call stores nothing.
 */

installGlobals({ nativeFetch: true })
const BUILD_PATH = path.resolve('build/index.js')
type Procedure = { _def: { type: string; inputs: ZodTypeAny[] } }
const procedures = appRouter._def.procedures as unknown as Record<string, Procedure>

/**
 * Not fuzzed, with the reason: each reaches out of the process to an address in its input or to the
 * WhatsApp Cloud API (the simulator's citizen side fetches and posts to the `origin` it is given).
 */
const NOT_FUZZED: Record<string, string> = {
  'dev.sendCitizenMessage': 'posts a webhook to the origin in its input',
  'dev.getCitizenChat': 'fetches from the origin in its input',
  'channel.sendTest': 'sends a message through the Cloud API',
}
const SHAPED_RUNS = Number(process.env.FUZZ_RUNS ?? 20)
const MUTATED_RUNS = Math.ceil(SHAPED_RUNS / 2)

let world: MatrixWorld
let app: Awaited<ReturnType<typeof startHttpApp>>
let cookie = ''
let pool: string[] = []
const counts = { calls: 0, refused: 0, accepted: 0, serverErrors: 0, procedures: 0, posts: 0, routes: 0 }
const started = Date.now()

beforeAll(async () => {
  if (!fs.existsSync(BUILD_PATH))
    throw new Error('No Remix build: run `npm run build` first (`npm test` does).')
  const build = (await import(pathToFileURL(BUILD_PATH).href)) as ServerBuild
  world = await matrixWorld()
  app = await startHttpApp(build)
  // The platform admin is an admin of both demo tenants: every procedure is open to them.
  cookie = (await sessionCookieFor('admin@tanggap.demo')).cookie
  pool = [...Object.values(world.ids.balangan), ...Object.values(world.ids.tangerang)].filter(
    (v): v is string => typeof v === 'string',
  )
}, 120_000)

afterAll(async () => {
  console.log(
    `fuzz: ${counts.calls} tRPC calls to ${counts.procedures} procedures (${counts.accepted} accepted, ${counts.refused} refused with 4xx), ` +
      `${counts.posts} form posts to ${counts.routes} routes, ${counts.serverErrors} answers of 5xx, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  )
  await app?.close()
  await world?.cleanup()
})

/** After each call: a refused call must have changed no row (an accepted one moves the baseline on). */
async function checkStored(baseline: { value: Record<string, string> }, status: number, what: unknown) {
  const now = await databaseFingerprint()
  if (status >= 400) {
    const changed = changedTables(baseline.value, now)
    expect({ what, status, changed }).toEqual({ what, status, changed: [] })
  }
  baseline.value = now
}

describe('fuzzing', () => {
  it('answers every procedure’s random and mutated input with no 5xx, storing nothing it refuses', async () => {
    const baseline = { value: await databaseFingerprint() }
    // Every procedure is fuzzed to the end; the first failure of each is collected and shown together.
    const failures: { name: string; failure: string }[] = []
    for (const [name, procedure] of Object.entries(procedures)) {
      if (NOT_FUZZED[name]) continue
      counts.procedures++
      const schema = procedure._def.inputs[0]
      const shaped = schema ? arbitraryFor(schema, pool) : fc.constant(undefined)
      const mutated = fc
        .tuple(
          shaped,
          fc.nat(),
          wrongValue,
          fc.constantFrom('replace', 'drop', 'extra') as fc.Arbitrary<'replace' | 'drop' | 'extra'>,
        )
        .map(([v, n, x, how]) => mutate(v, n, x, how))
      const method = procedure._def.type === 'query' ? 'GET' : 'POST'
      for (const [arbitrary, numRuns] of [
        [shaped, SHAPED_RUNS],
        [mutated, MUTATED_RUNS],
      ] as const) {
        const result = await fc.check(
          fc.asyncProperty(arbitrary, fc.constantFrom('balangan', 'tangerang'), async (input, tenant) => {
            counts.calls++
            const res = await trpcHttp(app.url, name, input, { cookie, tenant, method })
            if (res.status >= 500) counts.serverErrors++
            if (res.status >= 500) throw new Error(`${res.status}: ${res.text.slice(0, 200)}`)
            if (res.status >= 400) counts.refused++
            else counts.accepted++
            await checkStored(baseline, res.status, { name, input })
          }),
          { numRuns, endOnFailure: true },
        )
        if (result.failed) {
          failures.push({
            name,
            failure: `${JSON.stringify(result.counterexample)}: ${String((result.errorInstance as Error | undefined)?.message ?? result.errorInstance).slice(0, 400)}`,
          })
          break
        }
      }
    }
    expect(failures).toEqual([])
    // Still up, and still answering.
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200)
  }, 300_000)

  it('answers random and mutated form posts to every /t/:tenant action with no 5xx, storing nothing it refuses', async () => {
    const baseline = { value: await databaseFingerprint() }
    const own = world.ids.balangan
    for (const [id, entry] of Object.entries(ROUTE_MATRIX)) {
      const bases = [...(entry.posts?.(own) ?? []), ...(entry.foreignPosts?.(own, own) ?? [])]
      if (bases.length === 0) continue
      counts.routes++
      const field = fc.oneof(
        { weight: 4, arbitrary: fc.string({ maxLength: 60 }) },
        { weight: 2, arbitrary: fc.constantFrom(...pool) },
        { weight: 2, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
      )
      const form = fc
        .tuple(
          fc.constantFrom(...bases),
          fc.dictionary(
            fc.constantFrom(...new Set(bases.flatMap((b) => Object.keys(b.body))), 'intent', 'x'),
            field,
            {
              maxKeys: 4,
            },
          ),
        )
        .map(([base, changes]) => ({
          path: base.path ?? entry.path(own),
          body: { ...base.body, ...changes },
        }))
      await fc.assert(
        fc.asyncProperty(form, async ({ path: to, body }) => {
          counts.posts++
          const params = new URLSearchParams()
          for (const [k, v] of Object.entries(body))
            for (const one of Array.isArray(v) ? v : [v]) params.append(k, one)
          const res = await fetch(`${app.url}/t/balangan${to}`, {
            method: 'POST',
            headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
            body: params,
            redirect: 'manual',
          })
          const text = await res.text()
          if (res.status >= 500) counts.serverErrors++
          expect({ id, body, status: res.status < 500 ? 'no 5xx' : text.slice(0, 300) }).toEqual({
            id,
            body,
            status: 'no 5xx',
          })
          await checkStored(baseline, res.status, { id, body })
        }),
        { numRuns: SHAPED_RUNS, endOnFailure: true },
      )
    }
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200)
  }, 300_000)
})
