import { and, eq, inArray, ne, sql } from 'drizzle-orm'
import type { Tx } from '#db/client.ts'
import { membershipRoles, memberships, roles, units } from '#db/schema/index.ts'
import { isPermission, PERMISSIONS, type Permission } from '#server/auth/permissions.ts'
import { AppError } from '#server/errors.ts'
import type { TenantContext } from '#server/trpc/trpc.ts'

/** The preset role that always holds every permission, so a tenant can never lose its administration. */
export const ADMIN_ROLE_KEY = 'admin'

type RoleRow = { id: string; key: string; permissions: string[] }

/** The tenant's roles with these ids; an id of another tenant (or of no role) is a 404, like any other. */
export async function loadTenantRoles({
  tx,
  tenantId,
  roleIds,
}: {
  tx: Tx
  tenantId: string
  roleIds: readonly string[]
}): Promise<RoleRow[]> {
  const wanted = [...new Set(roleIds)]
  if (wanted.length === 0) return []
  const found = await tx
    .select({ id: roles.id, key: roles.key, permissions: roles.permissions })
    .from(roles)
    .where(and(eq(roles.tenantId, tenantId), inArray(roles.id, wanted)))
  if (found.length !== wanted.length) throw new AppError('NOT_FOUND', 'errors.notFound')
  return found
}

/** A unit of this tenant, or a 404. */
export async function assertTenantUnit({
  tx,
  tenantId,
  unitId,
}: {
  tx: Tx
  tenantId: string
  unitId: string
}) {
  const [unit] = await tx
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.tenantId, tenantId), eq(units.id, unitId)))
  if (!unit) throw new AppError('NOT_FOUND', 'errors.notFound')
}

/** A membership of this tenant, or a 404 (missing and another tenant's look the same). */
export async function loadMembership({
  tx,
  tenantId,
  membershipId,
}: {
  tx: Tx
  tenantId: string
  membershipId: string
}) {
  const [membership] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.id, membershipId)))
  if (!membership) throw new AppError('NOT_FOUND', 'errors.notFound')
  return membership
}

/** Replaces a membership's roles. */
export async function setMembershipRoles({
  tx,
  tenantId,
  membershipId,
  roleIds,
}: {
  tx: Tx
  tenantId: string
  membershipId: string
  roleIds: readonly string[]
}) {
  await tx
    .delete(membershipRoles)
    .where(and(eq(membershipRoles.tenantId, tenantId), eq(membershipRoles.membershipId, membershipId)))
  const unique = [...new Set(roleIds)]
  if (unique.length > 0)
    await tx.insert(membershipRoles).values(unique.map((roleId) => ({ tenantId, membershipId, roleId })))
}

export function permissionsOf(list: readonly { permissions: readonly string[] }[]): Set<Permission> {
  return new Set(list.flatMap((r) => r.permissions).filter(isPermission))
}

/**
 * Nobody hands out what they do not hold: a member who manages users but is not an admin cannot
 * give a role, or a person, permissions beyond their own (and so cannot make themselves admin).
 */
export function assertGrantable(own: ReadonlySet<string>, granted: Iterable<string>, messageKey: string) {
  const beyond = PERMISSIONS.filter((p) => [...granted].includes(p) && !own.has(p))
  if (beyond.length > 0) throw new AppError('FORBIDDEN', messageKey, { permissions: beyond.join(', ') })
}

/** Permissions in the one order of PERMISSIONS, without duplicates. */
export function normalisePermissions(list: readonly Permission[]): Permission[] {
  const wanted = new Set(list)
  return PERMISSIONS.filter((p) => wanted.has(p))
}

/**
 * A role key from its Indonesian name ("Petugas Pos Jaga" -> "petugas_pos_jaga"), made unique among
 * the tenant's keys. Keys are what SOP steps name, so they never change after creation.
 */
export function roleKeyFromName(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 40)
      .replace(/_+$/, '') || 'peran'
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) {
    const candidate = `${base}_${n}`
    if (!taken.has(candidate)) return candidate
  }
}

/** Two roles with one name cannot be told apart in a checkbox list: a name is used once per tenant. */
export async function assertRoleNameFree({
  tx,
  tenantId,
  nameId,
  exceptRoleId = null,
}: {
  tx: Tx
  tenantId: string
  nameId: string
  exceptRoleId?: string | null
}) {
  const [same] = await tx
    .select({ id: roles.id })
    .from(roles)
    .where(
      and(
        eq(roles.tenantId, tenantId),
        sql`lower(${roles.nameId}) = lower(${nameId})`,
        exceptRoleId ? ne(roles.id, exceptRoleId) : undefined,
      ),
    )
  if (same) throw new AppError('CONFLICT', 'roles.errors.nameTaken', { name: nameId })
}

/** The permissions a membership holds through its roles (whether or not it is active). */
export async function membershipPermissions({
  tx,
  tenantId,
  membershipId,
}: {
  tx: Tx
  tenantId: string
  membershipId: string
}): Promise<Set<Permission>> {
  const rows = await tx
    .select({ permissions: roles.permissions })
    .from(membershipRoles)
    .innerJoin(roles, and(eq(roles.tenantId, membershipRoles.tenantId), eq(roles.id, membershipRoles.roleId)))
    .where(and(eq(membershipRoles.tenantId, tenantId), eq(membershipRoles.membershipId, membershipId)))
  return permissionsOf(rows)
}

/**
 * How many active members hold every permission (what the admin preset holds), through one role
 * or several together.
 */
export async function countFullAdmins({ tx, tenantId }: { tx: Tx; tenantId: string }): Promise<number> {
  const rows = await tx.execute(sql`
    select count(*)::int as n from (
      select m.id
      from ${memberships} m
      join ${membershipRoles} mr on mr.tenant_id = m.tenant_id and mr.membership_id = m.id
      join ${roles} r on r.tenant_id = mr.tenant_id and r.id = mr.role_id
      cross join lateral unnest(r.permissions) as p(permission)
      where m.tenant_id = ${tenantId} and m.active
        and p.permission = any(${sql.raw(`array[${PERMISSIONS.map((x) => `'${x}'`).join(',')}]::text[]`)})
      group by m.id
      having count(distinct p.permission) = ${PERMISSIONS.length}
    ) full_admins`)
  return Number((rows[0] as { n: number } | undefined)?.n ?? 0)
}

/**
 * Nobody changes the access of someone who holds more than they do: the actor must hold every
 * permission of the target's roles, before the change and after it.
 */
export function assertCovers(own: ReadonlySet<string>, target: Iterable<string>, messageKey: string) {
  assertGrantable(own, target, messageKey)
}

/**
 * Runs one change to the tenant's members or roles: one at a time per tenant (an advisory lock, so
 * two admins deactivating each other cannot both succeed), with the actor's permissions read afresh
 * after the lock (an actor deactivated a moment ago is refused), and refused when it would leave the
 * tenant without an active member holding every permission. A refusal rolls the change back.
 */
export async function memberChange<T>(
  ctx: Pick<TenantContext, 'tx' | 'tenant' | 'membership'>,
  change: (own: ReadonlySet<Permission>) => Promise<T>,
): Promise<T> {
  const { tx } = ctx
  const tenantId = ctx.tenant.id
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtext('tanggap.member-change'), hashtext(${tenantId}))`,
  )
  const [actor] = await tx
    .select({ active: memberships.active })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.id, ctx.membership.id)))
  if (!actor?.active) throw new AppError('NOT_FOUND', 'errors.notFound')
  const own = await membershipPermissions({ tx, tenantId, membershipId: ctx.membership.id })
  if (!own.has('user.manage')) throw new AppError('FORBIDDEN', 'errors.forbidden')
  const before = await countFullAdmins({ tx, tenantId })
  const result = await change(own)
  if (before > 0 && (await countFullAdmins({ tx, tenantId })) === 0)
    throw new AppError('FORBIDDEN', 'members.errors.lastAdmin')
  return result
}
