import {
  createCategory,
  createComplaint,
  createTenant,
  createUser,
  type Tenant,
} from '#db/factories/index.ts'
import type { ChannelKind } from '#db/schema/enums.ts'
import { withTenant } from '#db/tenant.ts'
import { startComplaintOnSop } from '#server/sop/engine.ts'
import { applyPreset, type TenantPresetKey } from '#server/tenants/setup.ts'

const ROLES = [
  'admin',
  'operator',
  'duty_officer',
  'admin_staff',
  'supervisor',
  'head_of_division',
  'trc',
  'secretary',
  'head',
  'opd_officer',
] as const

/** A tenant with a preset's SOPs and one member per role, for SOP engine tests. */
export async function sopTenant(preset: TenantPresetKey, values: Partial<Tenant> = {}) {
  const tenant = await createTenant({
    timezone: preset === 'satpol-pp-kabupaten' ? 'Asia/Makassar' : 'Asia/Jakarta',
    ...values,
  })
  await withTenant(tenant.id, (tx) => applyPreset(tx, tenant.id, preset, new Date('2026-06-01T00:00:00Z')))
  const members: Record<string, { membershipId: string; userId: string; roleKeys: string[] }> = {}
  for (const role of ROLES) {
    const { user, membership } = await createUser({ tenant, roles: [role] })
    members[role] = { membershipId: membership!.id, userId: user.id, roleKeys: [role] }
  }
  const category = await createCategory(tenant)
  const member = (role: (typeof ROLES)[number]) => members[role]!
  /** A complaint started on its SOP at `now`; `values` can set e.g. its createdAt or kecamatan. */
  async function newComplaint(
    channel: ChannelKind,
    now: Date,
    values: Partial<Parameters<typeof createComplaint>[1]> = {},
  ) {
    const complaint = await createComplaint(tenant, {
      channel,
      categoryId: category.id,
      ...values,
      status: 'draft',
    })
    return withTenant(tenant.id, (tx) =>
      startComplaintOnSop({ tx, tenant, complaintId: complaint.id, actor: null, now }),
    )
  }
  return { tenant, member, category, newComplaint }
}
