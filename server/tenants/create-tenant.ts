import { eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import { db } from '#db/client.ts'
import { ROLE_PRESETS, type RolePresetKey } from '#db/presets.ts'
import { membershipRoles, memberships, roles, tenants, users } from '#db/schema/index.ts'
import { hashPassword } from '#server/auth/password.ts'
import { AppError } from '#server/errors.ts'
import { applyPreset, TENANT_PRESETS, type TenantPresetKey } from './setup.ts'

export const ZNewTenant = z.object({
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z][a-z0-9-]{1,38}[a-z0-9]$/),
  name: z.string().trim().min(3).max(200),
  serviceName: z.string().trim().min(2).max(60),
  regionName: z.string().trim().min(3).max(200),
  regionCode: z
    .string()
    .trim()
    .regex(/^\d{2}(\.\d{2})?$/)
    .optional(),
  timezone: z.enum(['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura']),
  ticketPrefix: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z][A-Z0-9]{1,11}$/),
  preset: z.enum(Object.keys(TENANT_PRESETS) as [TenantPresetKey, ...TenantPresetKey[]]),
  admin: z.object({
    email: z.string().trim().toLowerCase().email(),
    name: z.string().trim().min(2).max(200),
    /** Only for a new user; an existing user keeps their password. */
    password: z.string().min(10).max(200).optional(),
  }),
})
export type NewTenant = z.input<typeof ZNewTenant>

/**
 * A new agency from a preset, all in one transaction: the tenant, every role preset, the preset's
 * SOPs (published), message templates and holidays, and its first admin.
 */
export async function createTenantFromPreset(input: NewTenant, now = new Date()) {
  const values = ZNewTenant.parse(input)
  return db().transaction(async (tx) => {
    const [taken] = await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, values.slug))
    if (taken) throw new AppError('CONFLICT', 'platform.errors.slugTaken', { slug: values.slug })
    const [tenant] = await tx
      .insert(tenants)
      .values({
        slug: values.slug,
        name: values.name,
        serviceName: values.serviceName,
        regionName: values.regionName,
        regionCode: values.regionCode,
        timezone: values.timezone,
        ticketPrefix: values.ticketPrefix,
      })
      .returning()
    if (!tenant) throw new AppError('CONFLICT', 'platform.errors.slugTaken', { slug: values.slug })
    await tx.execute(sql`select set_config('app.tenant_id', ${tenant.id}, true)`)
    const created = await tx
      .insert(roles)
      .values(
        (Object.keys(ROLE_PRESETS) as RolePresetKey[]).map((key) => ({
          tenantId: tenant.id,
          key,
          nameId: ROLE_PRESETS[key].nameId,
          nameEn: ROLE_PRESETS[key].nameEn,
          permissions: [...ROLE_PRESETS[key].permissions],
        })),
      )
      .returning()
    await applyPreset(tx, tenant.id, values.preset, now)

    let [admin] = await tx.select().from(users).where(eq(users.email, values.admin.email))
    if (!admin) {
      if (!values.admin.password) throw new AppError('BAD_REQUEST', 'platform.errors.passwordRequired')
      ;[admin] = await tx
        .insert(users)
        .values({
          email: values.admin.email,
          name: values.admin.name,
          passwordHash: await hashPassword(values.admin.password),
        })
        .returning()
    }
    const [membership] = await tx
      .insert(memberships)
      .values({ tenantId: tenant.id, userId: admin!.id })
      .returning()
    const adminRole = created.find((r) => r.key === 'admin')!
    await tx
      .insert(membershipRoles)
      .values({ tenantId: tenant.id, membershipId: membership!.id, roleId: adminRole.id })
    return { tenant, adminUserId: admin!.id }
  })
}
