import fs from 'node:fs'
import { TRPCError } from '@trpc/server'
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { resources } from '#app/locales/index.ts'
import { createTenant, createUser, type Tenant } from '#db/factories/index.ts'
import { ROLE_PRESETS } from '#db/presets.ts'
import { roles } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { callerFor, refusal } from '#db/test/callers.ts'
import { PERMISSIONS } from '#server/auth/permissions.ts'
import { roleKeyFromName } from '#server/members/access.ts'

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof TRPCError ? e.code : String(e)),
  )

async function roleRow(tenant: Tenant, key: string) {
  const [row] = await withTenant(tenant.id, (tx) =>
    tx
      .select()
      .from(roles)
      .where(and(eq(roles.tenantId, tenant.id), eq(roles.key, key))),
  )
  if (!row) throw new Error(`no role ${key}`)
  return row
}

async function agency() {
  const tenant = await createTenant()
  const { user, membership } = await createUser({ tenant, roles: ['admin'] })
  return { tenant, admin: user, adminMembership: membership!, caller: await callerFor(user.id, tenant.slug) }
}

describe('role router', () => {
  it('lists the roles with their permissions and how many active members hold each', async () => {
    const { tenant, caller } = await agency()
    await createUser({ tenant, roles: ['operator'] })
    await createUser({ tenant, roles: ['operator', 'trc'] })
    const list = await caller.role.find()
    expect(list.map((r) => r.key).sort()).toEqual(Object.keys(ROLE_PRESETS).sort())
    expect(list.find((r) => r.key === 'operator')).toMatchObject({
      nameId: 'Operator / Petugas Layanan',
      members: 2,
      locked: false,
      permissions: [...ROLE_PRESETS.operator.permissions].sort(
        (x, y) => PERMISSIONS.indexOf(x) - PERMISSIONS.indexOf(y),
      ),
    })
    expect(list.find((r) => r.key === 'admin')).toMatchObject({ members: 1, locked: true })
    expect(list.find((r) => r.key === 'regent')?.members).toBe(0)
  })

  it('creates a custom role that grants exactly the chosen permissions to a member holding it', async () => {
    const { tenant, caller } = await agency()
    const created = await caller.role.create({
      nameId: 'Petugas Pos Jaga',
      nameEn: 'Guard post officer',
      permissions: ['complaint.view', 'complaint.note', 'dashboard.view', 'complaint.view'],
    })
    expect(created.key).toBe('petugas_pos_jaga')
    expect(await roleRow(tenant, 'petugas_pos_jaga')).toMatchObject({
      nameId: 'Petugas Pos Jaga',
      nameEn: 'Guard post officer',
      permissions: ['dashboard.view', 'complaint.view', 'complaint.note'],
    })
    const { user } = await createUser({ tenant, roles: [created.key] })
    const holder = await callerFor(user.id, tenant.slug)
    const shell = await holder.tenant.getShell()
    expect(shell.roles.map((r) => r.key)).toEqual(['petugas_pos_jaga'])
    expect(shell.permissions).toEqual(['complaint.note', 'complaint.view', 'dashboard.view'])
    expect(await codeOf(holder.complaint.getIntakeOptions())).toBe('FORBIDDEN')

    // Changing the role changes what its holders may do, from their next request.
    await caller.role.update({
      roleId: created.id,
      nameId: 'Petugas Pos Jaga Malam',
      nameEn: '',
      permissions: ['dashboard.view', 'complaint.view', 'complaint.create'],
    })
    expect(await roleRow(tenant, 'petugas_pos_jaga')).toMatchObject({
      nameId: 'Petugas Pos Jaga Malam',
      nameEn: 'Petugas Pos Jaga Malam',
    })
    expect((await holder.tenant.getShell()).permissions).toEqual([
      'complaint.create',
      'complaint.view',
      'dashboard.view',
    ])
    expect(await codeOf(holder.complaint.getIntakeOptions())).toBe('resolved')
    expect(await caller.role.get({ roleId: created.id })).toMatchObject({
      key: 'petugas_pos_jaga',
      locked: false,
      heldBySelf: false,
    })
  })

  it('makes keys from names, unique per tenant, and refuses a name already used', async () => {
    const { tenant, caller } = await agency()
    expect((await caller.role.create({ nameId: 'Operator', permissions: [] })).key).toBe('operator_2')
    expect((await caller.role.create({ nameId: 'Staf Ruang Kendali (Malam)', permissions: [] })).key).toBe(
      'staf_ruang_kendali_malam',
    )
    await expect(caller.role.create({ nameId: 'operator ', permissions: [] })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'roles.errors.nameTaken',
    })
    await expect(caller.role.create({ nameId: '  ', permissions: [] })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'roles.errors.nameRequired',
    })
    const trc = await roleRow(tenant, 'trc')
    await expect(
      caller.role.update({ roleId: trc.id, nameId: 'Petugas Piket', permissions: [] }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: 'roles.errors.nameTaken' })
    expect(roleKeyFromName('Pétugas  Lapangan!', new Set())).toBe('petugas_lapangan')
    expect(roleKeyFromName('***', new Set(['peran']))).toBe('peran_2')
  })

  it('keeps every permission on the admin preset, which may still be renamed', async () => {
    const { tenant, caller } = await agency()
    const admin = await roleRow(tenant, 'admin')
    await expect(
      caller.role.update({
        roleId: admin.id,
        nameId: admin.nameId,
        permissions: PERMISSIONS.filter((p) => p !== 'channel.manage'),
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'roles.errors.adminKeepsAll' })
    expect((await roleRow(tenant, 'admin')).permissions).toEqual([...PERMISSIONS])
    await caller.role.update({ roleId: admin.id, nameId: 'Admin LA-LISA', permissions: [...PERMISSIONS] })
    expect(await roleRow(tenant, 'admin')).toMatchObject({ nameId: 'Admin LA-LISA', nameEn: 'Admin LA-LISA' })
  })

  it("refuses an admin taking 'user.manage' from the only role that gives it to them", async () => {
    const tenant = await createTenant()
    const { user } = await createUser({ tenant, roles: ['admin'] })
    const setup = await callerFor(user.id, tenant.slug)
    const keeper = await setup.role.create({ nameId: 'Pengelola Pengguna', permissions: ['user.manage'] })
    const { user: manager } = await createUser({ tenant, roles: [keeper.key] })
    const caller = await callerFor(manager.id, tenant.slug)
    await expect(
      caller.role.update({
        roleId: keeper.id,
        nameId: 'Pengelola Pengguna',
        permissions: ['dashboard.view'],
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'roles.errors.selfLockout' })
    expect((await roleRow(tenant, keeper.key)).permissions).toEqual(['user.manage'])
    // The admin, who holds user.manage through another role, may.
    await setup.role.update({
      roleId: keeper.id,
      nameId: 'Pengelola Pengguna',
      permissions: ['dashboard.view'],
    })
    expect(await codeOf(caller.role.find())).toBe('FORBIDDEN')
  })

  it("refuses a role without 'user.manage' with 403", async () => {
    const tenant = await createTenant()
    const { user } = await createUser({ tenant, roles: ['head', 'operator'] })
    const head = await callerFor(user.id, tenant.slug)
    const trc = await roleRow(tenant, 'trc')
    expect(await codeOf(head.role.find())).toBe('FORBIDDEN')
    expect(await codeOf(head.role.get({ roleId: trc.id }))).toBe('FORBIDDEN')
    expect(await codeOf(head.role.create({ nameId: 'Baru', permissions: [...PERMISSIONS] }))).toBe(
      'FORBIDDEN',
    )
    expect(
      await codeOf(head.role.update({ roleId: trc.id, nameId: 'TRC', permissions: [...PERMISSIONS] })),
    ).toBe('FORBIDDEN')
    expect((await roleRow(tenant, 'trc')).permissions).toEqual([...ROLE_PRESETS.trc.permissions])
  })

  it('lets someone who manages users but is not an admin give only the permissions they hold', async () => {
    const { tenant, caller } = await agency()
    // The agency makes a "user desk" role: it may manage users and see complaints, nothing more.
    const desk = await caller.role.create({
      nameId: 'Pengelola Pengguna',
      permissions: ['user.manage', 'complaint.view'],
    })
    const { user, membership } = await createUser({ tenant, roles: [desk.key] })
    const manager = await callerFor(user.id, tenant.slug)
    expect(
      await refusal(
        manager.role.create({ nameId: 'Semua', permissions: ['complaint.view', 'tenant.settings'] }),
      ),
    ).toEqual({ code: 'FORBIDDEN', messageKey: 'roles.errors.beyondOwn' })
    // Nor by widening their own role.
    expect(
      await refusal(
        manager.role.update({ roleId: desk.id, nameId: 'Pengelola Pengguna', permissions: [...PERMISSIONS] }),
      ),
    ).toEqual({ code: 'FORBIDDEN', messageKey: 'roles.errors.beyondOwn' })
    // Nor by giving themselves, or a newcomer, the admin role.
    const admin = await roleRow(tenant, 'admin')
    expect(
      await refusal(
        manager.member.update({
          membershipId: membership!.id,
          roleIds: [desk.id, admin.id],
          unitId: null,
          title: null,
        }),
      ),
    ).toEqual({ code: 'FORBIDDEN', messageKey: 'users.errors.beyondOwn' })
    expect(
      await refusal(
        manager.member.invite({
          email: 'baru@contoh.go.id',
          roleIds: [admin.id],
        }),
      ),
    ).toEqual({ code: 'FORBIDDEN', messageKey: 'users.errors.beyondOwn' })
    // Within their own permissions all is allowed: a viewer role, given to a newcomer.
    const viewer = await manager.role.create({ nameId: 'Pemantau', permissions: ['complaint.view'] })
    await manager.member.invite({
      email: 'pemantau@contoh.go.id',
      roleIds: [viewer.id],
    })
    expect((await roleRow(tenant, desk.key)).permissions).toEqual(['complaint.view', 'user.manage'])
  })

  it('refuses a user manager who narrows a role holding permissions they lack; the role stays', async () => {
    const { tenant, caller } = await agency()
    const desk = await caller.role.create({
      nameId: 'Pengelola Pengguna',
      permissions: ['user.manage', 'complaint.view'],
    })
    const { user } = await createUser({ tenant, roles: [desk.key] })
    const manager = await callerFor(user.id, tenant.slug)
    const head = await roleRow(tenant, 'head')
    // Taking report.generate away from the head of agency is not theirs to do.
    expect(
      await refusal(
        manager.role.update({ roleId: head.id, nameId: head.nameId, permissions: ['complaint.view'] }),
      ),
    ).toEqual({ code: 'FORBIDDEN', messageKey: 'members.errors.roleBeyondOwn' })
    expect(await roleRow(tenant, 'head')).toEqual(head)
  })

  it("answers 404 to tenant A's admin for tenant B's roles, and B's roles stay as they were", async () => {
    const a = await agency()
    const b = await agency()
    const bTrc = await roleRow(b.tenant, 'trc')
    const bAdmin = await roleRow(b.tenant, 'admin')
    const viaB = await callerFor(a.admin.id, b.tenant.slug)
    expect(await codeOf(viaB.role.find())).toBe('NOT_FOUND')
    expect(await codeOf(viaB.role.get({ roleId: bTrc.id }))).toBe('NOT_FOUND')
    expect(await codeOf(viaB.role.create({ nameId: 'Penyusup', permissions: [...PERMISSIONS] }))).toBe(
      'NOT_FOUND',
    )
    expect(
      await codeOf(viaB.role.update({ roleId: bTrc.id, nameId: 'TRC', permissions: [...PERMISSIONS] })),
    ).toBe('NOT_FOUND')
    expect(await codeOf(a.caller.role.get({ roleId: bTrc.id }))).toBe('NOT_FOUND')
    expect(
      await codeOf(a.caller.role.update({ roleId: bTrc.id, nameId: 'TRC', permissions: [...PERMISSIONS] })),
    ).toBe('NOT_FOUND')
    expect(
      await codeOf(
        a.caller.role.update({ roleId: bAdmin.id, nameId: 'Diambil alih', permissions: [...PERMISSIONS] }),
      ),
    ).toBe('NOT_FOUND')
    expect((await a.caller.role.find()).map((r) => r.id)).not.toContain(bTrc.id)
    expect(await roleRow(b.tenant, 'trc')).toEqual(bTrc)
    expect(await roleRow(b.tenant, 'admin')).toEqual(bAdmin)
    const bRoles = await withTenant(b.tenant.id, (tx) => tx.select().from(roles))
    expect(bRoles.map((r) => r.key).sort()).toEqual(Object.keys(ROLE_PRESETS).sort())
  })
})

describe('users and roles texts', () => {
  const lookup = (language: 'id' | 'en', key: string) =>
    key
      .split('.')
      .reduce<unknown>(
        (node, part) => (node as Record<string, unknown> | undefined)?.[part],
        resources[language].common,
      )

  it('give every permission a label in Indonesian and English', () => {
    for (const permission of PERMISSIONS) {
      expect({ permission, id: typeof lookup('id', `permissions.${permission}`) }).toEqual({
        permission,
        id: 'string',
      })
      expect({ permission, en: typeof lookup('en', `permissions.${permission}`) }).toEqual({
        permission,
        en: 'string',
      })
    }
  })

  it('hold every message key the member and role procedures can answer with', () => {
    const dirs = ['server/routers/member', 'server/routers/role', 'server/members']
    const keys = new Set<string>()
    for (const dir of dirs) {
      for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
        const text = fs.readFileSync(`${dir}/${file}`, 'utf8')
        for (const match of text.matchAll(/'((?:users|roles|errors)\.[a-zA-Z.]+)'/g)) keys.add(match[1]!)
      }
    }
    expect(keys.size).toBeGreaterThan(10)
    for (const key of keys) {
      expect({ key, id: typeof lookup('id', key), en: typeof lookup('en', key) }).toEqual({
        key,
        id: 'string',
        en: 'string',
      })
    }
  })
})
