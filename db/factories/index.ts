import { randomBytes } from 'node:crypto'
import { and, eq, inArray } from 'drizzle-orm'
import { hashPassword } from '#server/auth/password.ts'
import { nextTicketNumber } from '#server/complaints/ticket.ts'
import { encryptSecret } from '#server/crypto.ts'
import { db } from '../client.ts'
import { ROLE_PRESETS, type RolePresetKey } from '../presets.ts'
import * as s from '../schema/index.ts'
import { withTenant } from '../tenant.ts'

/**
 * One set of factories for the demo seed, vitest and Playwright (docs/style.md rule 14). They write
 * through the application role, inside `withTenant`, so they obey row-level security like the app.
 */

export type Tenant = typeof s.tenants.$inferSelect
export type User = typeof s.users.$inferSelect
type TenantInput = Partial<typeof s.tenants.$inferInsert>

const unique = () => randomBytes(4).toString('hex')

export async function createTenant(
  input: TenantInput & { roles?: readonly RolePresetKey[] } = {},
): Promise<Tenant> {
  const { roles = Object.keys(ROLE_PRESETS) as RolePresetKey[], ...values } = input
  const slug = values.slug ?? `t-${unique()}`
  const [tenant] = await db()
    .insert(s.tenants)
    .values({
      slug,
      name: `Instansi ${slug}`,
      serviceName: 'Layanan Aduan',
      regionName: 'Kabupaten Contoh',
      timezone: 'Asia/Jakarta',
      ticketPrefix: slug
        .replace(/[^a-z0-9]/gi, '')
        .toUpperCase()
        .slice(0, 10),
      ...values,
    })
    .returning()
  if (!tenant) throw new Error('tenant not created')
  if (roles.length > 0) {
    await withTenant(tenant.id, (tx) =>
      tx.insert(s.roles).values(
        roles.map((key) => {
          const preset = ROLE_PRESETS[key]
          return {
            tenantId: tenant.id,
            key,
            nameId: preset.nameId,
            nameEn: preset.nameEn,
            permissions: [...preset.permissions],
          }
        }),
      ),
    )
  }
  return tenant
}

export async function renameRole(tenant: Tenant, key: string, names: { nameId: string; nameEn: string }) {
  await withTenant(tenant.id, (tx) =>
    tx
      .update(s.roles)
      .set(names)
      .where(and(eq(s.roles.tenantId, tenant.id), eq(s.roles.key, key))),
  )
}

let defaultHash: Promise<string> | undefined

export async function createUser({
  tenant,
  roles = [],
  email,
  name,
  password,
  passwordHash,
  unitId,
  title,
  language,
}: {
  tenant?: Tenant
  roles?: readonly string[]
  email?: string
  name?: string
  password?: string
  passwordHash?: string
  unitId?: string
  title?: string
  language?: string
}): Promise<{ user: User; membership?: typeof s.memberships.$inferSelect }> {
  const hashValue =
    passwordHash ??
    (password ? await hashPassword(password) : await (defaultHash ??= hashPassword('tanggap-test')))
  const address = (email ?? `user-${unique()}@test.tanggap`).toLowerCase()
  const [user] = await db()
    .insert(s.users)
    .values({
      email: address,
      name: name ?? address.split('@')[0] ?? address,
      passwordHash: hashValue,
      language,
    })
    .returning()
  if (!user) throw new Error('user not created')
  if (!tenant) return { user }
  const membership = await addMembership({ tenant, user, roles, unitId, title })
  return { user, membership }
}

export async function addMembership({
  tenant,
  user,
  roles,
  unitId,
  title,
}: {
  tenant: Tenant
  user: User
  roles: readonly string[]
  unitId?: string
  title?: string
}) {
  return withTenant(tenant.id, async (tx) => {
    const [membership] = await tx
      .insert(s.memberships)
      .values({ tenantId: tenant.id, userId: user.id, unitId, title })
      .returning()
    if (!membership) throw new Error('membership not created')
    if (roles.length > 0) {
      const found = await tx
        .select({ id: s.roles.id, key: s.roles.key })
        .from(s.roles)
        .where(and(eq(s.roles.tenantId, tenant.id), inArray(s.roles.key, [...roles])))
      const missing = roles.filter((r) => !found.some((f) => f.key === r))
      if (missing.length > 0) throw new Error(`unknown roles for ${tenant.slug}: ${missing.join(', ')}`)
      await tx
        .insert(s.membershipRoles)
        .values(found.map((r) => ({ tenantId: tenant.id, membershipId: membership.id, roleId: r.id })))
    }
    return membership
  })
}

export async function createUnit(tenant: Tenant, values: Omit<typeof s.units.$inferInsert, 'tenantId'>) {
  return insertOne(tenant, s.units, values)
}

export async function createArea(tenant: Tenant, values: Omit<typeof s.areas.$inferInsert, 'tenantId'>) {
  return insertOne(tenant, s.areas, values)
}

export async function createCategory(
  tenant: Tenant,
  values: Partial<Omit<typeof s.categories.$inferInsert, 'tenantId'>> = {},
) {
  const key = values.key ?? `cat-${unique()}`
  return insertOne(tenant, s.categories, { key, nameId: key, nameEn: key, ...values })
}

export async function createWhatsappChannel(
  tenant: Tenant,
  values: {
    phoneNumberId: string
    displayNumber: string
    verifyToken: string
    appSecret?: string
    accessToken: string
    /** Seeded and test numbers are approved unless a test says otherwise. */
    approval?: 'pending' | 'approved'
  },
) {
  const approval = values.approval ?? 'approved'
  return insertOne(tenant, s.channels, {
    approval,
    approvedAt: approval === 'approved' ? new Date() : null,
    kind: 'whatsapp',
    name: `WhatsApp ${values.displayNumber}`,
    phoneNumberId: values.phoneNumberId,
    displayNumber: values.displayNumber,
    verifyToken: values.verifyToken,
    appSecretEnc: values.appSecret ? encryptSecret(values.appSecret) : null,
    accessTokenEnc: encryptSecret(values.accessToken),
  })
}

export async function createComplaint(
  tenant: Tenant,
  values: Partial<Omit<typeof s.complaints.$inferInsert, 'tenantId'>> = {},
) {
  return withTenant(tenant.id, async (tx) => {
    const ticketNumber =
      values.ticketNumber ?? (await nextTicketNumber(tx, tenant, new Date().getUTCFullYear()))
    const [complaint] = await tx
      .insert(s.complaints)
      .values({ channel: 'web', description: 'Laporan uji', ...values, tenantId: tenant.id, ticketNumber })
      .returning()
    if (!complaint) throw new Error('complaint not created')
    return complaint
  })
}

type TenantTable = typeof s.units | typeof s.areas | typeof s.categories | typeof s.channels

async function insertOne<T extends TenantTable>(
  tenant: Tenant,
  table: T,
  values: Omit<T['$inferInsert'], 'tenantId'>,
) {
  return withTenant(tenant.id, async (tx) => {
    const rows = (await tx
      .insert(table)
      .values({ ...values, tenantId: tenant.id } as never)
      .returning()) as T['$inferSelect'][]
    const row = rows[0]
    if (!row) throw new Error('row not created')
    return row
  })
}
