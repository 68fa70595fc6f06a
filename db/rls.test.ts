import { eq, is, sql } from 'drizzle-orm'
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core'
import postgres from 'postgres'
import { describe, expect, it } from 'vitest'
import { db } from './client.ts'
import { createCategory, createComplaint, createTenant, createUnit, createUser } from './factories/index.ts'
import * as s from './schema/index.ts'
import { withTenant } from './tenant.ts'
import { testOwnerUrl } from './test/setup.ts'

const tenantTables = Object.values(s as Record<string, unknown>).filter(
  (value): value is PgTable =>
    is(value, PgTable) && getTableConfig(value).columns.some((c) => c.name === 'tenant_id'),
)

async function twoTenantsWithData() {
  const a = await createTenant()
  const b = await createTenant()
  for (const tenant of [a, b]) {
    const unit = await createUnit(tenant, { kind: 'division', name: 'Bidang' })
    await createCategory(tenant, { defaultUnitId: unit.id })
    await createUser({ tenant, roles: ['operator'] })
    const complaint = await createComplaint(tenant)
    await withTenant(tenant.id, (tx) =>
      tx
        .insert(s.complaintEvents)
        .values({ tenantId: tenant.id, complaintId: complaint.id, kind: 'created' }),
    )
  }
  return { a, b }
}

/** Tables twoTenantsWithData() fills for both tenants. */
const seeded = [
  'units',
  'categories',
  'roles',
  'memberships',
  'membership_roles',
  'complaints',
  'complaint_events',
  'ticket_counters',
]

/** drizzle wraps the driver's error; the PostgreSQL message is its cause. */
function causeOf(error: unknown): string {
  return String((error as { cause?: unknown }).cause ?? error)
}

describe('row-level security', () => {
  it('is enabled, with a tenant policy, on every table that has a tenant_id', async () => {
    const names = tenantTables.map((t) => getTableConfig(t).name).sort()
    expect(names).toEqual(
      expect.arrayContaining(['complaints', 'complaint_events', 'memberships', 'sop_versions', 'units']),
    )
    const rows = await db().execute(sql`
      select c.relname as name, c.relrowsecurity as rls,
        exists (select 1 from pg_policies p where p.tablename = c.relname and p.policyname = 'tenant_isolation') as policy
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r'`)
    for (const name of names) {
      expect(rows.find((r) => r.name === name)).toEqual({ name, rls: true, policy: true })
    }
  })

  it('shows the application role no tenant row without tenant context', async () => {
    await twoTenantsWithData()
    for (const table of tenantTables) {
      const name = getTableConfig(table).name
      const rows = await db().execute(sql.raw(`select count(*)::int as n from "${name}"`))
      expect({ name, n: rows[0]?.n }).toEqual({ name, n: 0 })
    }
    // The owner sees them: the rows exist, RLS hides them.
    const owner = postgres(testOwnerUrl, { max: 1 })
    try {
      const [row] = await owner`select count(*)::int as n from complaints`
      expect(row?.n).toBeGreaterThanOrEqual(2)
    } finally {
      await owner.end()
    }
  })

  it('shows each tenant only its own rows', async () => {
    const { a, b } = await twoTenantsWithData()
    for (const table of tenantTables) {
      const name = getTableConfig(table).name
      const rows = await withTenant(a.id, (tx) =>
        tx.execute(sql.raw(`select distinct tenant_id from "${name}"`)),
      )
      expect({ name, others: rows.filter((r) => r.tenant_id !== a.id) }).toEqual({ name, others: [] })
      if (seeded.includes(name))
        expect({ name, ids: rows.map((r) => r.tenant_id) }).toEqual({ name, ids: [a.id] })
    }
    const seenFromB = await withTenant(b.id, (tx) =>
      tx.select().from(s.complaints).where(eq(s.complaints.tenantId, a.id)),
    )
    expect(seenFromB).toEqual([])
  })

  it("refuses to write a row into another tenant's space", async () => {
    const { a, b } = await twoTenantsWithData()
    const refused = await withTenant(a.id, (tx) =>
      tx.insert(s.units).values({ tenantId: b.id, kind: 'division', name: 'Penyusup' }),
    ).catch(causeOf)
    expect(refused).toMatch(/row-level security/)
    const updated = await withTenant(a.id, (tx) =>
      tx.update(s.units).set({ name: 'diubah' }).where(eq(s.units.tenantId, b.id)).returning(),
    )
    expect(updated).toEqual([])
    const names = await withTenant(b.id, (tx) => tx.select({ name: s.units.name }).from(s.units))
    expect(names).toEqual([{ name: 'Bidang' }])
  })

  it('connects as a role that owns no table and cannot bypass RLS', async () => {
    const [role] = await db().execute(
      sql`select rolsuper, rolbypassrls, current_user as name from pg_roles where rolname = current_user`,
    )
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, name: 'tanggap_app' })
    const owned = await db().execute(
      sql`select tablename from pg_tables where schemaname = 'public' and tableowner = current_user`,
    )
    expect(owned).toEqual([])
  })

  it('keeps complaint_events append-only, for the owner too', async () => {
    const { a } = await twoTenantsWithData()
    await expect(
      withTenant(a.id, (tx) =>
        tx.update(s.complaintEvents).set({ kind: 'forged' }).where(eq(s.complaintEvents.tenantId, a.id)),
      ),
    ).rejects.toThrow()
    const owner = postgres(testOwnerUrl, { max: 1, onnotice: () => {} })
    try {
      await expect(owner`delete from complaint_events`).rejects.toThrow(/append-only/)
      await expect(owner`update complaint_events set kind = 'forged'`).rejects.toThrow(/append-only/)
      const [row] = await owner`select count(*)::int as n from complaint_events where kind = 'created'`
      expect(row?.n).toBeGreaterThanOrEqual(2)
    } finally {
      await owner.end()
    }
  })
})
