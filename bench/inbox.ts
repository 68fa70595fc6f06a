/**
 * Inbox at scale: a million complaints across 100 tenants, then the inbox's main queries (default
 * view, overdue filter, search, a deep keyset page) through the real tRPC procedure, row-level
 * security included. Prints the figures; asserts nothing.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:inbox [-- --complaints 1000000 --tenants 100]
 *
 * It works in its own database (tanggap_bench), made fresh each run.
 */
import { randomBytes } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import postgres from 'postgres'
import { closeDatabase, connectDatabase } from '#db/client.ts'
import { migrateDatabase } from '#db/migrate.ts'
import { createUser } from '#db/factories/index.ts'
import { tenants } from '#db/schema/index.ts'
import { lucia } from '#server/auth/lucia.ts'
import { setEncryptionKey } from '#server/crypto.ts'
import { createCaller } from '#server/routers/_app.ts'
import { createTenantFromPreset } from '#server/tenants/create-tenant.ts'

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? Number(process.argv[i + 1]) : fallback
}
const COMPLAINTS = arg('complaints', 1_000_000)
const TENANTS = arg('tenants', 100)
const RUNS = arg('runs', 20)
const server = process.env.DATABASE_URL
if (!server)
  throw new Error('Set DATABASE_URL to a PostgreSQL server (the bench makes its own database there)')
const APP_PASSWORD = process.env.APP_DB_PASSWORD ?? 'tanggap-app-local'

const url = (database: string, user?: string) => {
  const u = new URL(server)
  u.pathname = `/${database}`
  if (user) {
    u.username = user
    u.password = APP_PASSWORD
  }
  return u.toString()
}

const admin = postgres(server, { max: 1, onnotice: () => {} })
await admin.unsafe('drop database if exists tanggap_bench with (force)')
await admin.unsafe('create database tanggap_bench')
await admin.end()
await migrateDatabase({ ownerUrl: url('tanggap_bench'), appPassword: APP_PASSWORD })
setEncryptionKey(randomBytes(32).toString('base64'))
connectDatabase({ ownerUrl: url('tanggap_bench'), appUrl: url('tanggap_bench', 'tanggap_app') }, { max: 4 })
const owner = postgres(url('tanggap_bench'), { max: 1, onnotice: () => {} })

let t = performance.now()
for (let i = 0; i < TENANTS; i++) {
  await createTenantFromPreset({
    slug: `bench-${i}`,
    name: `Satpol PP Bench ${i}`,
    serviceName: 'BENCH',
    regionName: `Kabupaten ${i}`,
    timezone: 'Asia/Makassar',
    ticketPrefix: `B${i}`,
    preset: 'satpol-pp-kabupaten',
    admin: { email: `admin@bench-${i}.test`, name: 'Admin', password: 'bench-password-1' },
  })
}
console.log(`${TENANTS} tenants with their SOPs: ${((performance.now() - t) / 1000).toFixed(1)} s`)

// The complaints in one statement per tenant, as the owner; the search indexes are built after.
t = performance.now()
await owner`drop index complaints_search_trgm_idx`
const perTenant = Math.ceil(COMPLAINTS / TENANTS)
await owner.unsafe(`
  insert into complaints (tenant_id, ticket_number, channel, description, status, sop_version_id, current_step_key,
    step_started_at, step_due_at, created_at)
  select t.id,
    t.ticket_prefix || '-2026-' || lpad(g::text, 6, '0'),
    (array['whatsapp','web','walk_in','letter','phone','social']::channel_kind[])[1 + g % 6],
    (array['Pedagang kaki lima di trotoar','Bangunan liar di bantaran sungai','Balap liar setiap malam','Reklame liar di pohon',
           'Keributan warga di pasar','Parkir liar menutup jalan','Pengemis di lampu merah','Sampah dibakar di lahan kosong'])[1 + g % 8]
      || ' dekat ' || md5(g::text),
    (case when g % 10 < 7 then 'resolved' else 'in_progress' end)::complaint_status,
    v.id,
    case when g % 10 < 7 then null else 'periksa' end,
    case when g % 10 < 7 then null else now() - (g % 600) * interval '1 minute' end,
    case when g % 10 < 7 then null else now() - (g % 600) * interval '1 minute' + interval '5 minutes' end,
    now() - (g % 730) * interval '1 day' - (g % 1440) * interval '1 minute'
  from tenants t
  join sops s on s.tenant_id = t.id and s.key = 'la-lisa'
  join sop_versions v on v.tenant_id = t.id and v.id = s.published_version_id
  cross join generate_series(1, ${perTenant}) g`)
console.log(
  `${(perTenant * TENANTS).toLocaleString('en')} complaints inserted: ${((performance.now() - t) / 1000).toFixed(1)} s`,
)
t = performance.now()
await owner`create index complaints_search_trgm_idx on complaints using gin ((ticket_number || ' ' || description) gin_trgm_ops)`
await owner`analyze`
console.log(`search index built and statistics gathered: ${((performance.now() - t) / 1000).toFixed(1)} s`)

// One tenant's operator, through the real procedure (membership, permissions, RLS, the query).
const [tenant] = await owner<
  { id: string; slug: string }[]
>`select id, slug from tenants where slug = 'bench-42' or slug = 'bench-0' order by slug desc limit 1`
const { user } = await createUser({ email: 'operator@bench.test', name: 'Operator' })
const { addMembership } = await import('#db/factories/index.ts')
const [tenantRow] = await (
  await import('#db/client.ts')
)
  .db()
  .select()
  .from(tenants)
  .where((await import('drizzle-orm')).eq(tenants.id, tenant!.id))
await addMembership({ tenant: tenantRow!, user, roles: ['operator'] })
const session = await lucia().createSession(user.id, {})
const validated = await lucia().validateSession(session.id)
const caller = createCaller({
  user: validated.user,
  session: validated.session,
  tenantSlug: tenant!.slug,
  ip: '127.0.0.1',
})

async function measure(name: string, fn: () => Promise<{ items: unknown[] }>) {
  await fn()
  const times: number[] = []
  let rows = 0
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now()
    rows = (await fn()).items.length
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(1)
  console.log(
    `${name.padEnd(44)} p50 ${at(0.5).padStart(7)} ms   p95 ${at(0.95).padStart(7)} ms   (${rows} rows)`,
  )
}

console.log(
  `\nInbox of one tenant (${perTenant.toLocaleString('en')} complaints of ${(perTenant * TENANTS).toLocaleString('en')}), ${RUNS} runs each:`,
)
await measure('default view (running, newest first)', () => caller.inbox.find({}))
await measure('all statuses, newest first', () => caller.inbox.find({ status: 'any' }))
await measure('overdue filter', () => caller.inbox.find({ view: 'overdue' }))
await measure('most urgent first', () => caller.inbox.find({ sort: 'urgent' }))
await measure('waiting for me (steps of my roles)', () => caller.inbox.find({ view: 'waiting' }))
await measure('search "balap liar"', () => caller.inbox.find({ q: 'balap liar', status: 'any' }))
await measure('search a ticket number', () => caller.inbox.find({ q: 'B42-2026-004242', status: 'any' }))
const deep = await caller.inbox.find({ status: 'any', limit: 100 })
let cursor = deep.nextCursor ?? undefined
for (let i = 0; i < 50 && cursor; i++)
  cursor = (await caller.inbox.find({ status: 'any', limit: 100, cursor })).nextCursor ?? undefined
await measure('page 52 by keyset (all statuses)', () => caller.inbox.find({ status: 'any', cursor }))

await owner.end()
await closeDatabase()
