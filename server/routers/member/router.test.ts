import { TRPCError } from '@trpc/server'
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db } from '#db/client.ts'
import { createTenant, createUnit, createUser, type Tenant } from '#db/factories/index.ts'
import { membershipRoles, memberships, roles, users } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { anonymousCaller, callerFor, refusal } from '#db/test/callers.ts'
import { PERMISSIONS } from '#server/auth/permissions.ts'

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof TRPCError ? e.code : String(e)),
  )

async function roleIds(tenant: Tenant, keys: string[]) {
  const rows = await withTenant(tenant.id, (tx) =>
    tx.select({ id: roles.id, key: roles.key }).from(roles).where(eq(roles.tenantId, tenant.id)),
  )
  return keys.map((key) => {
    const row = rows.find((r) => r.key === key)
    if (!row) throw new Error(`no role ${key}`)
    return row.id
  })
}

/** A membership's role keys, active flag, unit and title as the database has them. */
async function stored(tenant: Tenant, membershipId: string) {
  return withTenant(tenant.id, async (tx) => {
    const [m] = await tx.select().from(memberships).where(eq(memberships.id, membershipId))
    const held = await tx
      .select({ key: roles.key })
      .from(membershipRoles)
      .innerJoin(
        roles,
        and(eq(roles.tenantId, membershipRoles.tenantId), eq(roles.id, membershipRoles.roleId)),
      )
      .where(eq(membershipRoles.membershipId, membershipId))
    return { active: m?.active, unitId: m?.unitId, title: m?.title, roles: held.map((r) => r.key).sort() }
  })
}

async function agency() {
  const tenant = await createTenant()
  const { user: admin, membership: adminMembership } = await createUser({
    tenant,
    roles: ['admin'],
    name: 'Admin Satu',
  })
  return { tenant, admin, adminMembership: adminMembership!, caller: await callerFor(admin.id, tenant.slug) }
}

describe('member router', () => {
  it('adds a new user with roles and a unit; they can sign in with the initial password', async () => {
    const { tenant, caller } = await agency()
    const post = await createUnit(tenant, { kind: 'trc_post', name: 'Pos TRC Juai' })
    const [piket] = await roleIds(tenant, ['duty_officer'])
    const added = await caller.member.create({
      email: '  Piket2@Balangan.Demo ',
      name: 'Sari Piket',
      password: 'awal-rahasia-1',
      roleIds: [piket!],
      unitId: post.id,
      title: 'Petugas piket malam',
    })
    expect(added).toMatchObject({ name: 'Sari Piket', createdUser: true })

    const [user] = await db().select().from(users).where(eq(users.email, 'piket2@balangan.demo'))
    expect(user).toMatchObject({ name: 'Sari Piket' })
    expect(user!.passwordHash).not.toContain('awal-rahasia-1')
    expect(await stored(tenant, added.membershipId)).toEqual({
      active: true,
      unitId: post.id,
      title: 'Petugas piket malam',
      roles: ['duty_officer'],
    })

    const signedIn = await anonymousCaller().auth.signIn({
      email: 'piket2@balangan.demo',
      password: 'awal-rahasia-1',
    })
    expect(signedIn.landingPath).toBe(`/t/${tenant.slug}`)
    const shell = await (await callerFor(user!.id, tenant.slug)).tenant.getShell()
    expect(shell.roles.map((r) => r.key)).toEqual(['duty_officer'])
    expect(shell.permissions).toContain('complaint.create')
    expect(shell.permissions).not.toContain('user.manage')

    const { members } = await caller.member.find()
    expect(members.map((m) => m.name).sort()).toEqual(['Admin Satu', 'Sari Piket'])
    expect(members.find((m) => m.email === 'piket2@balangan.demo')).toMatchObject({
      name: 'Sari Piket',
      active: true,
      isSelf: false,
      unit: { id: post.id, name: 'Pos TRC Juai' },
      roles: [{ key: 'duty_officer', nameId: 'Petugas Piket' }],
    })
  })

  it('adds an existing user of another tenant: same user row, a second membership, their password unchanged', async () => {
    const other = await createTenant()
    const { user: existing } = await createUser({
      tenant: other,
      roles: ['operator'],
      email: 'rina@contoh.go.id',
      name: 'Rina',
      password: 'milik-rina-sendiri',
    })
    const { tenant, caller } = await agency()
    const [operator] = await roleIds(tenant, ['operator'])
    const added = await caller.member.create({
      email: 'RINA@contoh.go.id',
      name: 'Nama Lain',
      password: 'kata-sandi-baru-admin',
      roleIds: [operator!],
    })
    expect(added).toMatchObject({ name: 'Rina', createdUser: false })
    const rows = await db().select().from(users).where(eq(users.email, 'rina@contoh.go.id'))
    expect(rows.map((u) => [u.id, u.name])).toEqual([[existing.id, 'Rina']])
    // Another tenant's admin never sets this user's password.
    await expect(
      anonymousCaller().auth.signIn({ email: 'rina@contoh.go.id', password: 'kata-sandi-baru-admin' }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
    await anonymousCaller().auth.signIn({ email: 'rina@contoh.go.id', password: 'milik-rina-sendiri' })
    const shellHere = await (await callerFor(existing.id, tenant.slug)).tenant.getShell()
    const shellThere = await (await callerFor(existing.id, other.slug)).tenant.getShell()
    expect([shellHere.tenant.slug, shellThere.tenant.slug]).toEqual([tenant.slug, other.slug])

    // A second time: already a member.
    await expect(
      caller.member.create({ email: 'rina@contoh.go.id', roleIds: [operator!] }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: 'users.errors.alreadyMember' })
  })

  it('asks for a name, an initial password of 10 characters and a role; stores nothing when refused', async () => {
    const { tenant, caller } = await agency()
    const [operator] = await roleIds(tenant, ['operator'])
    await expect(
      caller.member.create({ email: 'baru@contoh.go.id', password: 'cukup-panjang', roleIds: [operator!] }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'users.errors.nameRequired' })
    await expect(
      caller.member.create({
        email: 'baru@contoh.go.id',
        name: 'Baru',
        password: '123456789',
        roleIds: [operator!],
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'users.errors.passwordTooShort' })
    await expect(
      caller.member.create({ email: 'baru@contoh.go.id', name: 'Baru', password: '1234567890', roleIds: [] }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'users.errors.roleRequired' })
    expect(await codeOf(caller.member.create({ email: 'bukan email', roleIds: [operator!] }))).toBe(
      'BAD_REQUEST',
    )
    expect(await db().select().from(users).where(eq(users.email, 'baru@contoh.go.id'))).toEqual([])
  })

  it("changes a member's roles, unit and title; their permissions follow", async () => {
    const { tenant, caller } = await agency()
    const unit = await createUnit(tenant, { kind: 'division', name: 'Bidang Trantibum' })
    const { user, membership } = await createUser({ tenant, roles: ['operator'] })
    const ids = await roleIds(tenant, ['supervisor', 'trc'])
    await caller.member.update({
      membershipId: membership!.id,
      roleIds: ids,
      unitId: unit.id,
      title: 'Kasi Ops',
    })
    expect(await stored(tenant, membership!.id)).toEqual({
      active: true,
      unitId: unit.id,
      title: 'Kasi Ops',
      roles: ['supervisor', 'trc'],
    })
    const shell = await (await callerFor(user.id, tenant.slug)).tenant.getShell()
    expect(shell.permissions).toContain('dispatch.perform')
    expect(shell.permissions).not.toContain('complaint.create')
    const got = await caller.member.get({ membershipId: membership!.id })
    expect(got.member.roleIds.sort()).toEqual([...ids].sort())
    expect(got.roles.map((r) => r.key)).toContain('admin')
    expect(got.units.map((u) => u.name)).toEqual(['Bidang Trantibum'])

    await caller.member.update({ membershipId: membership!.id, roleIds: ids, unitId: null, title: '' })
    expect(await stored(tenant, membership!.id)).toMatchObject({ unitId: null, title: null })
    await expect(
      caller.member.update({ membershipId: membership!.id, roleIds: [], unitId: null, title: null }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'users.errors.roleRequired' })
  })

  it('deactivates a member (404 on the tenant from then on) and reactivates them; the row stays', async () => {
    const { tenant, caller } = await agency()
    const { user, membership } = await createUser({ tenant, roles: ['operator'] })
    const member = await callerFor(user.id, tenant.slug)
    expect((await member.tenant.getShell()).tenant.slug).toBe(tenant.slug)

    await caller.member.deactivate({ membershipId: membership!.id })
    expect(await codeOf(member.tenant.getShell())).toBe('NOT_FOUND')
    expect(await stored(tenant, membership!.id)).toMatchObject({ active: false, roles: ['operator'] })
    const { members } = await caller.member.find({ status: 'inactive' })
    expect(members.map((m) => m.membershipId)).toEqual([membership!.id])

    await caller.member.reactivate({ membershipId: membership!.id })
    expect((await member.tenant.getShell()).roles.map((r) => r.key)).toEqual(['operator'])
  })

  it('refuses an admin who removes their own admin role or deactivates themselves; another admin may', async () => {
    const { tenant, caller, adminMembership } = await agency()
    const [operator, admin] = await roleIds(tenant, ['operator', 'admin'])
    await expect(
      caller.member.update({
        membershipId: adminMembership.id,
        roleIds: [operator!],
        unitId: null,
        title: null,
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'users.errors.selfRemoveAdmin' })
    await expect(caller.member.deactivate({ membershipId: adminMembership.id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'users.errors.selfDeactivate',
    })
    expect(await stored(tenant, adminMembership.id)).toMatchObject({ active: true, roles: ['admin'] })

    // Keeping the admin role while adding another is fine.
    await caller.member.update({
      membershipId: adminMembership.id,
      roleIds: [admin!, operator!],
      unitId: null,
      title: 'Kepala Subbag Umum',
    })
    expect(await stored(tenant, adminMembership.id)).toMatchObject({ roles: ['admin', 'operator'] })

    const { user: second } = await createUser({ tenant, roles: ['admin'] })
    const other = await callerFor(second.id, tenant.slug)
    await other.member.update({
      membershipId: adminMembership.id,
      roleIds: [operator!],
      unitId: null,
      title: null,
    })
    await other.member.deactivate({ membershipId: adminMembership.id })
    expect(await stored(tenant, adminMembership.id)).toMatchObject({ active: false, roles: ['operator'] })
  })

  it('finds members by part of a name or email', async () => {
    const { tenant, caller } = await agency()
    await createUser({ tenant, roles: ['trc'], name: 'Joko Susilo', email: 'joko@balangan.demo' })
    await createUser({ tenant, roles: ['trc'], name: 'Dewi', email: 'dewi_100%@balangan.demo' })
    expect((await caller.member.find({ query: 'susi' })).members.map((m) => m.name)).toEqual(['Joko Susilo'])
    expect((await caller.member.find({ query: 'DEWI_' })).members.map((m) => m.name)).toEqual(['Dewi'])
    // LIKE wildcards are searched for literally.
    expect((await caller.member.find({ query: '100%' })).members.map((m) => m.name)).toEqual(['Dewi'])
    expect((await caller.member.find({ query: '_' })).members.map((m) => m.name)).toEqual(['Dewi'])
    expect((await caller.member.find({ query: 'tidak-ada' })).members).toEqual([])
  })

  it("refuses a role without 'user.manage' with 403", async () => {
    const tenant = await createTenant()
    const { user, membership } = await createUser({ tenant, roles: ['operator', 'head'] })
    const operator = await callerFor(user.id, tenant.slug)
    const [op] = await roleIds(tenant, ['operator'])
    expect(await codeOf(operator.member.find())).toBe('FORBIDDEN')
    expect(await codeOf(operator.member.getOptions())).toBe('FORBIDDEN')
    expect(await codeOf(operator.member.get({ membershipId: membership!.id }))).toBe('FORBIDDEN')
    expect(
      await codeOf(
        operator.member.create({
          email: 'x@contoh.go.id',
          name: 'X',
          password: 'panjang-sekali',
          roleIds: [op!],
        }),
      ),
    ).toBe('FORBIDDEN')
    expect(
      await codeOf(
        operator.member.update({ membershipId: membership!.id, roleIds: [op!], unitId: null, title: null }),
      ),
    ).toBe('FORBIDDEN')
    expect(await codeOf(operator.member.deactivate({ membershipId: membership!.id }))).toBe('FORBIDDEN')
    expect(await db().select().from(users).where(eq(users.email, 'x@contoh.go.id'))).toEqual([])
  })

  it("answers 404 to tenant A's admin for tenant B's members, roles and units, and B stays as it was", async () => {
    const a = await agency()
    const b = await agency()
    const bUnit = await createUnit(b.tenant, { kind: 'opd', name: 'Dinas PUPR' })
    const { user: bUser, membership: bMember } = await createUser({
      tenant: b.tenant,
      roles: ['operator'],
      email: 'operator-b@contoh.go.id',
    })
    const before = await stored(b.tenant, bMember!.id)
    const [aOperator] = await roleIds(a.tenant, ['operator'])
    const [bAdminRole] = await roleIds(b.tenant, ['admin'])

    // Through B's URL: not a member of B, so nothing of B exists.
    const viaB = await callerFor(a.admin.id, b.tenant.slug)
    expect(await codeOf(viaB.member.find())).toBe('NOT_FOUND')
    expect(await codeOf(viaB.member.getOptions())).toBe('NOT_FOUND')
    expect(await codeOf(viaB.member.get({ membershipId: bMember!.id }))).toBe('NOT_FOUND')
    expect(
      await codeOf(
        viaB.member.update({ membershipId: bMember!.id, roleIds: [bAdminRole!], unitId: null, title: null }),
      ),
    ).toBe('NOT_FOUND')
    expect(await codeOf(viaB.member.deactivate({ membershipId: bMember!.id }))).toBe('NOT_FOUND')
    expect(
      await codeOf(
        viaB.member.create({
          email: 'penyusup@contoh.go.id',
          name: 'P',
          password: 'panjang-sekali',
          roleIds: [bAdminRole!],
        }),
      ),
    ).toBe('NOT_FOUND')

    // Through A's URL with B's ids.
    const own = a.caller
    expect(await codeOf(own.member.get({ membershipId: bMember!.id }))).toBe('NOT_FOUND')
    expect(
      await codeOf(
        own.member.update({ membershipId: bMember!.id, roleIds: [aOperator!], unitId: null, title: 'x' }),
      ),
    ).toBe('NOT_FOUND')
    expect(await codeOf(own.member.deactivate({ membershipId: bMember!.id }))).toBe('NOT_FOUND')
    expect(await codeOf(own.member.reactivate({ membershipId: bMember!.id }))).toBe('NOT_FOUND')
    // B's role or unit on A's own member or a new one: not found either.
    const { membership: aMember } = await createUser({ tenant: a.tenant, roles: ['operator'] })
    expect(
      await codeOf(
        own.member.update({ membershipId: aMember!.id, roleIds: [bAdminRole!], unitId: null, title: null }),
      ),
    ).toBe('NOT_FOUND')
    expect(
      await codeOf(
        own.member.update({
          membershipId: aMember!.id,
          roleIds: [aOperator!],
          unitId: bUnit.id,
          title: null,
        }),
      ),
    ).toBe('NOT_FOUND')
    expect(
      await codeOf(
        own.member.create({
          email: 'baru@contoh.go.id',
          name: 'Baru',
          password: 'panjang-sekali',
          roleIds: [bAdminRole!],
        }),
      ),
    ).toBe('NOT_FOUND')
    // A's list holds only A's people, never B's.
    const { members } = await own.member.find({ query: 'contoh.go.id' })
    expect(members).toEqual([])
    expect((await own.member.find()).members.map((m) => m.email)).not.toContain(bUser.email)

    expect(await stored(b.tenant, bMember!.id)).toEqual(before)
    expect(await stored(a.tenant, aMember!.id)).toMatchObject({ roles: ['operator'], unitId: null })
    expect(await db().select().from(users).where(eq(users.email, 'baru@contoh.go.id'))).toEqual([])
    expect(await db().select().from(users).where(eq(users.email, 'penyusup@contoh.go.id'))).toEqual([])
  })

  it('refuses to add a deactivated member again and says to reactivate them', async () => {
    const { tenant, caller } = await agency()
    const { user, membership } = await createUser({ tenant, roles: ['trc'] })
    await caller.member.deactivate({ membershipId: membership!.id })
    const [trc] = await roleIds(tenant, ['trc'])
    await expect(caller.member.create({ email: user.email, roleIds: [trc!] })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'users.errors.alreadyMemberInactive',
    })
  })
})

describe('member changes stay within what the actor holds, and an admin always remains', () => {
  /** An agency with its admin and a "user desk" role that manages users and sees complaints, nothing more. */
  async function withDesk() {
    const base = await agency()
    const desk = await base.caller.role.create({
      nameId: 'Pengelola Pengguna',
      permissions: ['user.manage', 'complaint.view'],
    })
    const { user, membership } = await createUser({ tenant: base.tenant, roles: [desk.key] })
    return { ...base, desk, deskMembership: membership!, manager: await callerFor(user.id, base.tenant.slug) }
  }

  it('refuses a lesser user manager who strips, deactivates or reactivates someone holding more; stores nothing', async () => {
    const { tenant, caller: adminCaller, adminMembership, desk, manager } = await withDesk()
    const { membership: head } = await createUser({ tenant, roles: ['head'] })
    const { membership: viewer } = await createUser({ tenant, roles: [desk.key] })

    // The agency admin: neither stripped of the admin role nor deactivated.
    expect(
      await refusal(
        manager.member.update({
          membershipId: adminMembership.id,
          roleIds: [desk.id],
          unitId: null,
          title: null,
        }),
      ),
    ).toEqual({ code: 'FORBIDDEN', messageKey: 'members.errors.targetBeyondOwn' })
    expect(await refusal(manager.member.deactivate({ membershipId: adminMembership.id }))).toEqual({
      code: 'FORBIDDEN',
      messageKey: 'members.errors.targetBeyondOwn',
    })
    expect(await stored(tenant, adminMembership.id)).toMatchObject({ active: true, roles: ['admin'] })

    // A deactivated head of agency is not brought back by someone who could not have made them.
    await adminCaller.member.deactivate({ membershipId: head!.id })
    expect(await refusal(manager.member.reactivate({ membershipId: head!.id }))).toEqual({
      code: 'FORBIDDEN',
      messageKey: 'members.errors.targetBeyondOwn',
    })
    expect(await stored(tenant, head!.id)).toMatchObject({ active: false, roles: ['head'] })

    // Someone within the manager's own permissions: all of it is allowed.
    await manager.member.deactivate({ membershipId: viewer!.id })
    await manager.member.reactivate({ membershipId: viewer!.id })
    expect(await stored(tenant, viewer!.id)).toMatchObject({ active: true, roles: [desk.key] })
  })

  it('keeps an active member holding every permission: the last one cannot be removed, even by themselves', async () => {
    const { tenant, caller, adminMembership } = await agency()
    const [admin] = await roleIds(tenant, ['admin'])
    // A second full administrator through a custom role holding every permission.
    const all = await caller.role.create({ nameId: 'Pengelola Utama', permissions: [...PERMISSIONS] })
    const { user: second, membership: secondMembership } = await createUser({ tenant, roles: [all.key] })
    const other = await callerFor(second.id, tenant.slug)
    await other.member.deactivate({ membershipId: adminMembership.id })

    // Now the second is the only one holding everything: they cannot narrow themselves...
    const desk = await other.role.create({ nameId: 'Meja Pengguna', permissions: ['user.manage'] })
    expect(
      await refusal(
        other.member.update({
          membershipId: secondMembership!.id,
          roleIds: [desk.id],
          unitId: null,
          title: null,
        }),
      ),
    ).toEqual({ code: 'FORBIDDEN', messageKey: 'members.errors.lastAdmin' })
    // ...nor their role.
    expect(
      await refusal(
        other.role.update({
          roleId: all.id,
          nameId: 'Pengelola Utama',
          permissions: PERMISSIONS.filter((p) => p !== 'tenant.settings'),
        }),
      ),
    ).toEqual({ code: 'FORBIDDEN', messageKey: 'members.errors.lastAdmin' })
    expect(await stored(tenant, secondMembership!.id)).toMatchObject({ active: true, roles: [all.key] })
    const [allRow] = await withTenant(tenant.id, (tx) => tx.select().from(roles).where(eq(roles.id, all.id)))
    expect(allRow!.permissions).toEqual([...PERMISSIONS])

    // With the admin back, the same change is fine.
    await other.member.reactivate({ membershipId: adminMembership.id })
    await other.member.update({
      membershipId: secondMembership!.id,
      roleIds: [desk.id],
      unitId: null,
      title: null,
    })
    expect(await stored(tenant, adminMembership.id)).toMatchObject({ active: true, roles: ['admin'] })
    expect(admin).toBeDefined()
  })

  it('two admins deactivating each other at the same moment: one wins, an admin remains', async () => {
    // Ten agencies, each with two admins who deactivate each other at once; repeated so the two
    // transactions really overlap.
    const pairs = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const { tenant, caller, adminMembership } = await agency()
        const { user, membership } = await createUser({ tenant, roles: ['admin'] })
        return {
          tenant,
          first: { caller, membershipId: adminMembership.id },
          second: { caller: await callerFor(user.id, tenant.slug), membershipId: membership!.id },
        }
      }),
    )
    await Promise.allSettled(
      pairs.flatMap(({ first, second }) => [
        first.caller.member.deactivate({ membershipId: second.membershipId }),
        second.caller.member.deactivate({ membershipId: first.membershipId }),
      ]),
    )
    for (const { tenant, first, second } of pairs) {
      const states = [
        (await stored(tenant, first.membershipId)).active,
        (await stored(tenant, second.membershipId)).active,
      ]
      expect(states.sort()).toEqual([false, true])
    }
  })
})
