import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db } from '#db/client.ts'
import { createTenant, createUser, type Tenant } from '#db/factories/index.ts'
import { invitations, memberships, roles, users } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { anonymousCaller, callerFor, refusal } from '#db/test/callers.ts'
import { startSmtpServerForFile } from '#db/test/smtp.ts'
import { deliverQueuedEmails } from '#server/mail/queue.ts'
import { acceptInvitation } from '#server/members/invitations.ts'

const smtp = startSmtpServerForFile()

async function roleId(tenant: Tenant, key: string) {
  const [row] = await withTenant(tenant.id, (tx) =>
    tx
      .select({ id: roles.id })
      .from(roles)
      .where(and(eq(roles.tenantId, tenant.id), eq(roles.key, key))),
  )
  if (!row) throw new Error(`no role ${key}`)
  return row.id
}

/** Sends the tenant's queued mail over SMTP and returns the invitation link's token sent to `to`. */
async function tokenFromMailbox(tenant: Tenant, to: string) {
  await deliverQueuedEmails(tenant.id)
  const mail = smtp.received.filter((m) => m.to === to).at(-1)
  const token = /\/invitation\/([A-Za-z0-9_-]{20,100})/.exec(mail?.raw ?? '')?.[1]
  if (!token) throw new Error(`no invitation mail to ${to}`)
  return token
}

async function agency() {
  const tenant = await createTenant({ name: 'Satpol PP Kabupaten Uji', serviceName: 'LAPOR-UJI' })
  const { user, membership } = await createUser({ tenant, roles: ['admin'], name: 'Admin Uji' })
  return { tenant, admin: user, adminMembership: membership!, caller: await callerFor(user.id, tenant.slug) }
}

describe('invitations', () => {
  it('goes out by e-mail through the mailer with a link that works once; the mail names the agency and roles', async () => {
    const { tenant, caller } = await agency()
    await caller.member.invite({ email: 'lurah@contoh.go.id', roleIds: [await roleId(tenant, 'operator')] })
    const token = await tokenFromMailbox(tenant, 'lurah@contoh.go.id')
    const mail = smtp.received.find((m) => m.to === 'lurah@contoh.go.id')!
    expect(mail.raw).toContain('Satpol PP Kabupaten Uji')
    expect(mail.raw).toContain('Admin Uji mengundang Anda ke LAPOR-UJI')
    expect(mail.raw).toContain('Operator / Petugas Layanan')
    // Only the token's hash is stored.
    const rows = await withTenant(tenant.id, (tx) => tx.select().from(invitations))
    expect(JSON.stringify(rows)).not.toContain(token)
    await anonymousCaller().member.acceptInvitation({
      token,
      name: 'Pak Lurah',
      password: 'kata-sandi-lurah',
    })
    expect(await anonymousCaller().member.getInvitation({ token })).toMatchObject({ state: 'used' })
  })

  it('a new invitation to the same address replaces the old link; a withdrawn or expired one no longer works', async () => {
    const { tenant, caller } = await agency()
    const operator = await roleId(tenant, 'operator')
    await caller.member.invite({ email: 'dua-kali@contoh.go.id', roleIds: [operator] })
    const first = await tokenFromMailbox(tenant, 'dua-kali@contoh.go.id')
    await caller.member.invite({ email: 'dua-kali@contoh.go.id', roleIds: [operator] })
    const second = await tokenFromMailbox(tenant, 'dua-kali@contoh.go.id')
    expect(second).not.toBe(first)
    expect(
      await refusal(
        anonymousCaller().member.acceptInvitation({ token: first, name: 'A', password: 'panjang-sekali' }),
      ),
    ).toEqual({ code: 'CONFLICT', messageKey: 'members.invitations.errors.used' })
    expect((await caller.member.findInvitations()).map((i) => i.email)).toEqual(['dua-kali@contoh.go.id'])

    const [open] = await caller.member.findInvitations()
    await caller.member.revokeInvitation({ invitationId: open!.id })
    expect(
      await refusal(
        anonymousCaller().member.acceptInvitation({ token: second, name: 'A', password: 'panjang-sekali' }),
      ),
    ).toEqual({ code: 'CONFLICT', messageKey: 'members.invitations.errors.used' })
    expect(await caller.member.findInvitations()).toEqual([])

    await caller.member.invite({ email: 'terlambat@contoh.go.id', roleIds: [operator] })
    const late = await tokenFromMailbox(tenant, 'terlambat@contoh.go.id')
    const inEightDays = new Date(Date.now() + 8 * 24 * 60 * 60 * 1000)
    await expect(
      acceptInvitation({ token: late, name: 'Terlambat', password: 'panjang-sekali', now: inEightDays }),
    ).rejects.toMatchObject({ code: 'CONFLICT', messageKey: 'members.invitations.errors.expired' })
    expect(await db().select().from(users).where(eq(users.email, 'terlambat@contoh.go.id'))).toEqual([])
    expect(await db().select().from(users).where(eq(users.email, 'dua-kali@contoh.go.id'))).toEqual([])
  })

  it('is void when the inviter can no longer give its roles by the time it is accepted', async () => {
    const { tenant, caller } = await agency()
    const desk = await caller.role.create({
      nameId: 'Pengelola Pengguna',
      permissions: ['user.manage', 'complaint.view', 'complaint.note'],
    })
    const viewer = await caller.role.create({
      nameId: 'Pemantau',
      permissions: ['complaint.view', 'complaint.note'],
    })
    const { user, membership } = await createUser({ tenant, roles: [desk.key] })
    const manager = await callerFor(user.id, tenant.slug)
    await manager.member.invite({ email: 'pemantau@contoh.go.id', roleIds: [viewer.id] })
    const token = await tokenFromMailbox(tenant, 'pemantau@contoh.go.id')
    await caller.member.deactivate({ membershipId: membership!.id })
    expect(
      await refusal(
        anonymousCaller().member.acceptInvitation({ token, name: 'Pemantau', password: 'panjang-sekali' }),
      ),
    ).toEqual({ code: 'CONFLICT', messageKey: 'members.invitations.errors.noLongerValid' })
    expect(await db().select().from(users).where(eq(users.email, 'pemantau@contoh.go.id'))).toEqual([])
    // Back, and still holding what the role gives: the same link works.
    await caller.member.reactivate({ membershipId: membership!.id })
    await anonymousCaller().member.acceptInvitation({ token, name: 'Pemantau', password: 'panjang-sekali' })
    const [member] = await withTenant(tenant.id, (tx) =>
      tx
        .select({ id: memberships.id })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(eq(users.email, 'pemantau@contoh.go.id')),
    )
    expect(member).toBeDefined()
  })

  it("an invitation joins only its own tenant; another tenant's admin cannot see or withdraw it", async () => {
    const a = await agency()
    const b = await agency()
    await b.caller.member.invite({
      email: 'hanya-b@contoh.go.id',
      roleIds: [await roleId(b.tenant, 'operator')],
    })
    const token = await tokenFromMailbox(b.tenant, 'hanya-b@contoh.go.id')
    const [bInvitation] = await b.caller.member.findInvitations()
    expect(await refusal(a.caller.member.revokeInvitation({ invitationId: bInvitation!.id }))).toEqual({
      code: 'NOT_FOUND',
      messageKey: 'errors.notFound',
    })
    expect(await a.caller.member.findInvitations()).toEqual([])
    const viaB = await callerFor(a.admin.id, b.tenant.slug)
    expect(await refusal(viaB.member.findInvitations())).toEqual({
      code: 'NOT_FOUND',
      messageKey: 'errors.notFound',
    })
    // A made-up token and a truncated one are simply not found.
    expect(await refusal(anonymousCaller().member.getInvitation({ token: 'x'.repeat(43) }))).toEqual({
      code: 'NOT_FOUND',
      messageKey: 'errors.notFound',
    })
    expect(await refusal(anonymousCaller().member.getInvitation({ token: token.slice(0, 30) }))).toEqual({
      code: 'NOT_FOUND',
      messageKey: 'errors.notFound',
    })
    const accepted = await anonymousCaller().member.acceptInvitation({
      token,
      name: 'Hanya B',
      password: 'panjang-sekali',
    })
    expect(accepted.tenantSlug).toBe(b.tenant.slug)
    const [user] = await db().select().from(users).where(eq(users.email, 'hanya-b@contoh.go.id'))
    expect((await (await callerFor(user!.id, b.tenant.slug)).tenant.getShell()).tenant.slug).toBe(
      b.tenant.slug,
    )
    expect(await refusal((await callerFor(user!.id, a.tenant.slug)).tenant.getShell())).toMatchObject({
      code: 'NOT_FOUND',
    })
  })
})
