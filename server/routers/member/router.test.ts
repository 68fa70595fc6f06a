import { TRPCError } from '@trpc/server'
import { and, desc, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db } from '#db/client.ts'
import { createTenant, createUnit, createUser, type Tenant } from '#db/factories/index.ts'
import { emailMessages, invitations, membershipRoles, memberships, roles, users } from '#db/schema/index.ts'
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

/** The token of the link in the last invitation mail to `email` (mail is a row first). */
async function invitationToken(tenant: Tenant, email: string) {
  const mails = await withTenant(tenant.id, (tx) =>
    tx.select().from(emailMessages).where(eq(emailMessages.to, email)).orderBy(desc(emailMessages.createdAt)),
  )
  const token = /\/invitation\/([A-Za-z0-9_-]+)/.exec(mails[0]?.text ?? '')?.[1]
  if (!token) throw new Error(`no invitation mail to ${email}`)
  return token
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
  it('invites a new person by e-mail; they accept with their own name and password, get the roles and unit, and sign in', async () => {
    const { tenant, caller } = await agency()
    const post = await createUnit(tenant, { kind: 'trc_post', name: 'Pos TRC Juai' })
    const [piket] = await roleIds(tenant, ['duty_officer'])
    const invited = await caller.member.invite({
      email: '  Piket2@Balangan.Demo ',
      roleIds: [piket!],
      unitId: post.id,
      title: 'Petugas piket malam',
    })
    expect(Object.keys(invited).sort()).toEqual(['email', 'expiresAt'])
    expect(invited.email).toBe('piket2@balangan.demo')
    // Nobody is added, and no account exists, until the invitee accepts.
    expect(await db().select().from(users).where(eq(users.email, 'piket2@balangan.demo'))).toEqual([])
    expect((await caller.member.find()).members.map((m) => m.name)).toEqual(['Admin Satu'])
    expect((await caller.member.findInvitations()).map((i) => [i.email, i.roles.map((r) => r.id)])).toEqual([
      ['piket2@balangan.demo', [piket]],
    ])

    const token = await invitationToken(tenant, 'piket2@balangan.demo')
    expect(await anonymousCaller().member.getInvitation({ token })).toMatchObject({
      state: 'open',
      email: 'piket2@balangan.demo',
      needsPassword: true,
      tenantSlug: tenant.slug,
    })
    const accepted = await anonymousCaller().member.acceptInvitation({
      token,
      name: 'Sari Piket',
      password: 'rahasia-sari-1',
    })
    expect(accepted).toEqual({ tenantSlug: tenant.slug, email: 'piket2@balangan.demo', createdUser: true })

    const [user] = await db().select().from(users).where(eq(users.email, 'piket2@balangan.demo'))
    expect(user).toMatchObject({ name: 'Sari Piket' })
    expect(user!.passwordHash).not.toContain('rahasia-sari-1')
    const { members } = await caller.member.find()
    const added = members.find((m) => m.email === 'piket2@balangan.demo')!
    expect(await stored(tenant, added.membershipId)).toEqual({
      active: true,
      unitId: post.id,
      title: 'Petugas piket malam',
      roles: ['duty_officer'],
    })
    expect(await caller.member.findInvitations()).toEqual([])

    const signedIn = await anonymousCaller().auth.signIn({
      email: 'piket2@balangan.demo',
      password: 'rahasia-sari-1',
    })
    expect(signedIn.landingPath).toBe(`/t/${tenant.slug}`)
    const shell = await (await callerFor(user!.id, tenant.slug)).tenant.getShell()
    expect(shell.roles.map((r) => r.key)).toEqual(['duty_officer'])
    expect(shell.permissions).toContain('complaint.create')
    expect(shell.permissions).not.toContain('user.manage')
    expect(added).toMatchObject({
      name: 'Sari Piket',
      active: true,
      isSelf: false,
      unit: { id: post.id, name: 'Pos TRC Juai' },
      roles: [{ key: 'duty_officer', nameId: 'Petugas Piket' }],
    })

    // The link works once.
    expect(
      await refusal(
        anonymousCaller().member.acceptInvitation({ token, name: 'X', password: 'lain-lagi-123' }),
      ),
    ).toEqual({ code: 'CONFLICT', messageKey: 'members.invitations.errors.used' })
  })

  it('answers an address with an account elsewhere exactly as a new one, names nobody, and adds them only when they accept', async () => {
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
    const forExisting = await caller.member.invite({ email: 'RINA@contoh.go.id', roleIds: [operator!] })
    const forNew = await caller.member.invite({ email: 'orang-baru@contoh.go.id', roleIds: [operator!] })
    const shape = (answer: { email: string; expiresAt: string }) => ({
      keys: Object.keys(answer).sort(),
      expiresInDays: Math.round((Date.parse(answer.expiresAt) - Date.now()) / 86_400_000),
    })
    expect(shape(forExisting)).toEqual(shape(forNew))
    expect(JSON.stringify(forExisting)).not.toContain('Rina')
    // Not a member here until Rina accepts: no consent, no membership.
    expect(await codeOf((await callerFor(existing.id, tenant.slug)).tenant.getShell())).toBe('NOT_FOUND')
    expect((await caller.member.find()).members.map((m) => m.email)).not.toContain('rina@contoh.go.id')

    // Rina follows the link: no password is asked for, and a name or password sent is not used.
    const token = await invitationToken(tenant, 'rina@contoh.go.id')
    expect(await anonymousCaller().member.getInvitation({ token })).toMatchObject({ needsPassword: false })
    expect(
      await anonymousCaller().member.acceptInvitation({
        token,
        name: 'Nama Lain',
        password: 'kata-sandi-baru-x',
      }),
    ).toMatchObject({ createdUser: false })
    const rows = await db().select().from(users).where(eq(users.email, 'rina@contoh.go.id'))
    expect(rows.map((u) => [u.id, u.name])).toEqual([[existing.id, 'Rina']])
    await expect(
      anonymousCaller().auth.signIn({ email: 'rina@contoh.go.id', password: 'kata-sandi-baru-x' }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
    await anonymousCaller().auth.signIn({ email: 'rina@contoh.go.id', password: 'milik-rina-sendiri' })
    const shellHere = await (await callerFor(existing.id, tenant.slug)).tenant.getShell()
    const shellThere = await (await callerFor(existing.id, other.slug)).tenant.getShell()
    expect([shellHere.tenant.slug, shellThere.tenant.slug]).toEqual([tenant.slug, other.slug])

    // A second time: already a member (of this tenant, which the admin sees in the list anyway).
    await expect(
      caller.member.invite({ email: 'rina@contoh.go.id', roleIds: [operator!] }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: 'users.errors.alreadyMember' })
  })

  it('asks for a role; the new invitee for a name and a password of 10 characters; stores nothing when refused', async () => {
    const { tenant, caller } = await agency()
    const [operator] = await roleIds(tenant, ['operator'])
    await expect(caller.member.invite({ email: 'baru@contoh.go.id', roleIds: [] })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'users.errors.roleRequired',
    })
    expect(await codeOf(caller.member.invite({ email: 'bukan email', roleIds: [operator!] }))).toBe(
      'BAD_REQUEST',
    )
    expect(await caller.member.findInvitations()).toEqual([])
    await caller.member.invite({ email: 'baru@contoh.go.id', roleIds: [operator!] })
    const token = await invitationToken(tenant, 'baru@contoh.go.id')
    expect(
      await refusal(anonymousCaller().member.acceptInvitation({ token, password: 'cukup-panjang' })),
    ).toEqual({ code: 'BAD_REQUEST', messageKey: 'members.invitations.errors.nameRequired' })
    expect(
      await refusal(
        anonymousCaller().member.acceptInvitation({ token, name: 'Baru', password: '123456789' }),
      ),
    ).toEqual({ code: 'BAD_REQUEST', messageKey: 'members.invitations.errors.passwordTooShort' })
    expect(await db().select().from(users).where(eq(users.email, 'baru@contoh.go.id'))).toEqual([])
    expect(await anonymousCaller().member.getInvitation({ token })).toMatchObject({ state: 'open' })
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
        operator.member.invite({
          email: 'x@contoh.go.id',
          roleIds: [op!],
        }),
      ),
    ).toBe('FORBIDDEN')
    expect(await codeOf(operator.member.findInvitations())).toBe('FORBIDDEN')
    expect(
      await codeOf(
        operator.member.update({ membershipId: membership!.id, roleIds: [op!], unitId: null, title: null }),
      ),
    ).toBe('FORBIDDEN')
    expect(await codeOf(operator.member.deactivate({ membershipId: membership!.id }))).toBe('FORBIDDEN')
    expect(await codeOf(operator.member.reactivate({ membershipId: membership!.id }))).toBe('FORBIDDEN')
    expect(await db().select().from(users).where(eq(users.email, 'x@contoh.go.id'))).toEqual([])
    expect(await withTenant(tenant.id, (tx) => tx.select().from(invitations))).toEqual([])
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
        viaB.member.invite({
          email: 'penyusup@contoh.go.id',
          roleIds: [bAdminRole!],
        }),
      ),
    ).toBe('NOT_FOUND')
    expect(await codeOf(viaB.member.findInvitations())).toBe('NOT_FOUND')
    // B's open invitation: neither listed, withdrawn nor re-sent through A.
    await b.caller.member.invite({ email: 'undangan-b@contoh.go.id', roleIds: [bAdminRole!] })
    const [bInvitation] = await b.caller.member.findInvitations()
    expect(await codeOf(viaB.member.revokeInvitation({ invitationId: bInvitation!.id }))).toBe('NOT_FOUND')

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
        own.member.invite({
          email: 'baru@contoh.go.id',
          roleIds: [bAdminRole!],
        }),
      ),
    ).toBe('NOT_FOUND')
    expect(await codeOf(own.member.revokeInvitation({ invitationId: bInvitation!.id }))).toBe('NOT_FOUND')
    expect(await own.member.findInvitations()).toEqual([])
    // A's list holds only A's people, never B's.
    const { members } = await own.member.find({ query: 'contoh.go.id' })
    expect(members).toEqual([])
    expect((await own.member.find()).members.map((m) => m.email)).not.toContain(bUser.email)

    expect(await stored(b.tenant, bMember!.id)).toEqual(before)
    expect(await stored(a.tenant, aMember!.id)).toMatchObject({ roles: ['operator'], unitId: null })
    expect(await db().select().from(users).where(eq(users.email, 'baru@contoh.go.id'))).toEqual([])
    expect(await db().select().from(users).where(eq(users.email, 'penyusup@contoh.go.id'))).toEqual([])
    expect((await b.caller.member.findInvitations()).map((i) => i.id)).toEqual([bInvitation!.id])
    expect(await withTenant(a.tenant.id, (tx) => tx.select().from(invitations))).toEqual([])
  })

  it('refuses to add a deactivated member again and says to reactivate them', async () => {
    const { tenant, caller } = await agency()
    const { user, membership } = await createUser({ tenant, roles: ['trc'] })
    await caller.member.deactivate({ membershipId: membership!.id })
    const [trc] = await roleIds(tenant, ['trc'])
    await expect(caller.member.invite({ email: user.email, roleIds: [trc!] })).rejects.toMatchObject({
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

    // The edit form says so before anything is tried.
    expect((await manager.member.get({ membershipId: adminMembership.id })).member.manageable).toBe(false)
    expect((await manager.member.get({ membershipId: viewer!.id })).member.manageable).toBe(true)
    expect((await adminCaller.member.get({ membershipId: head!.id })).member.manageable).toBe(true)

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
