import { createHash, randomBytes } from 'node:crypto'
import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm'
import { createElement } from 'react'
import type { Tx } from '#db/client.ts'
import { db } from '#db/client.ts'
import { invitations, memberships, roles, tenants, users } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { InvitationEmail } from '#emails/invitation.tsx'
import { hashPassword } from '#server/auth/password.ts'
import { publicUrl } from '#server/env.ts'
import { AppError } from '#server/errors.ts'
import { translator } from '#server/i18n/translate.ts'
import { queueEmail } from '#server/mail/queue.ts'
import { membershipPermissions, permissionsOf, setMembershipRoles } from './access.ts'

/** How long an invitation link works. */
export const INVITATION_DAYS = 7
/** The shortest password a new user may choose when accepting. */
export const MIN_PASSWORD_LENGTH = 10

const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex')

/** The address a token's link opens. */
export const invitationUrl = (token: string) => `${publicUrl()}/invitation/${token}`

/**
 * Writes the invitation and its e-mail (rows first, in the caller's transaction). An open
 * invitation to the same address is replaced, so its old link stops working. The caller has
 * checked the roles, unit and the inviter's right to give them.
 */
export async function writeInvitation({
  tx,
  tenant,
  inviter,
  email,
  roleIds,
  unitId,
  title,
  now = new Date(),
}: {
  tx: Tx
  tenant: typeof tenants.$inferSelect
  inviter: { membershipId: string; name: string }
  email: string
  roleIds: readonly string[]
  unitId: string | null
  title: string | null
  now?: Date
}): Promise<{ token: string; expiresAt: Date }> {
  await tx
    .update(invitations)
    .set({ revokedAt: now })
    .where(
      and(
        eq(invitations.tenantId, tenant.id),
        eq(invitations.email, email),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 24 * 60 * 60 * 1000)
  await tx.insert(invitations).values({
    tenantId: tenant.id,
    email,
    tokenHash: hashToken(token),
    roleIds: [...new Set(roleIds)],
    unitId,
    title,
    invitedByMembershipId: inviter.membershipId,
    expiresAt,
  })
  // The users table is global: only the language of the address, to write the mail in it.
  const [person] = await tx.select({ language: users.language }).from(users).where(eq(users.email, email))
  const language = (person?.language ?? tenant.language) === 'en' ? 'en' : 'id'
  const t = await translator(language)
  const roleRows = await tx
    .select({ nameId: roles.nameId, nameEn: roles.nameEn })
    .from(roles)
    .where(and(eq(roles.tenantId, tenant.id), inArray(roles.id, [...roleIds])))
    .orderBy(asc(roles.nameId))
  const roleNames = roleRows.map((r) => (language === 'en' ? r.nameEn : r.nameId)).join(', ')
  const until = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'id-ID', {
    timeZone: tenant.timezone,
    dateStyle: 'full',
    timeStyle: 'short',
  }).format(expiresAt)
  await queueEmail({
    tx,
    tenantId: tenant.id,
    to: email,
    subject: t('members.emails.invitation.subject', { service: tenant.serviceName, agency: tenant.name }),
    body: createElement(InvitationEmail, {
      language,
      agencyName: tenant.name,
      serviceName: tenant.serviceName,
      acceptUrl: invitationUrl(token),
      texts: {
        preview: t('members.emails.invitation.preview', { service: tenant.serviceName }),
        heading: t('members.emails.invitation.heading', { agency: tenant.name }),
        body: t('members.emails.invitation.body', {
          inviter: inviter.name,
          service: tenant.serviceName,
          roles: roleNames,
        }),
        action: t('members.emails.invitation.action'),
        expiry: t('members.emails.invitation.expiry', { date: until }),
        ignore: t('members.emails.invitation.ignore'),
        footer: t('emails.footer'),
      },
    }),
  })
  return { token, expiresAt }
}

export type InvitationState = 'open' | 'expired' | 'used'

async function tenantOfToken(token: string): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null
  const rows = await db().execute(sql`select invitation_tenant(${hashToken(token)}) as tenant_id`)
  return ((rows[0] as { tenant_id: string | null } | undefined)?.tenant_id ?? null) || null
}

async function loadByToken(tx: Tx, tenantId: string, token: string, { lock = false } = {}) {
  const query = tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.tenantId, tenantId), eq(invitations.tokenHash, hashToken(token))))
  const [row] = lock ? await query.for('update') : await query
  return row
}

const stateOf = (row: typeof invitations.$inferSelect, now: Date): InvitationState =>
  row.acceptedAt || row.revokedAt ? 'used' : row.expiresAt <= now ? 'expired' : 'open'

/**
 * What the invitation page shows to whoever holds the link: the agency, the address invited and
 * whether that address still needs a password. An unknown token is a 404, like any missing page.
 */
export async function readInvitation(token: string, now = new Date()) {
  const tenantId = await tenantOfToken(token)
  if (!tenantId) throw new AppError('NOT_FOUND', 'errors.notFound')
  return withTenant(tenantId, async (tx) => {
    const row = await loadByToken(tx, tenantId, token)
    if (!row) throw new AppError('NOT_FOUND', 'errors.notFound')
    const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, tenantId))
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, row.email))
    return {
      state: stateOf(row, now),
      email: row.email,
      agencyName: tenant!.name,
      serviceName: tenant!.serviceName,
      tenantSlug: tenant!.slug,
      needsPassword: !user,
    }
  })
}

/**
 * Accepting: a person without an account sets their name and password; one with an account keeps
 * theirs (following the link proves they read that mailbox). The membership gets the invitation's
 * roles, provided the inviter is still an active member holding every permission those roles give.
 */
export async function acceptInvitation({
  token,
  name,
  password,
  now = new Date(),
}: {
  token: string
  name?: string | null
  password?: string | null
  now?: Date
}): Promise<{ tenantSlug: string; email: string; createdUser: boolean }> {
  const tenantId = await tenantOfToken(token)
  if (!tenantId) throw new AppError('NOT_FOUND', 'errors.notFound')
  // Hashing takes a moment: done before the transaction, only when a password was given.
  const passwordHash =
    password && password.length >= MIN_PASSWORD_LENGTH ? await hashPassword(password) : null
  return withTenant(tenantId, async (tx) => {
    const row = await loadByToken(tx, tenantId, token, { lock: true })
    if (!row) throw new AppError('NOT_FOUND', 'errors.notFound')
    const state = stateOf(row, now)
    if (state === 'expired') throw new AppError('CONFLICT', 'members.invitations.errors.expired')
    if (state === 'used') throw new AppError('CONFLICT', 'members.invitations.errors.used')
    const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, tenantId))

    // The inviter's right to give these roles, as of now.
    const [inviter] = await tx
      .select({ active: memberships.active })
      .from(memberships)
      .where(and(eq(memberships.tenantId, tenantId), eq(memberships.id, row.invitedByMembershipId)))
    const roleRows = await tx
      .select({ id: roles.id, permissions: roles.permissions })
      .from(roles)
      .where(and(eq(roles.tenantId, tenantId), inArray(roles.id, row.roleIds)))
    const own = await membershipPermissions({ tx, tenantId, membershipId: row.invitedByMembershipId })
    const granted = permissionsOf(roleRows)
    if (
      !inviter?.active ||
      !own.has('user.manage') ||
      roleRows.length === 0 ||
      [...granted].some((p) => !own.has(p))
    )
      throw new AppError('CONFLICT', 'members.invitations.errors.noLongerValid')

    let [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, row.email))
    let createdUser = false
    if (!user) {
      const trimmed = name?.trim() ?? ''
      if (!trimmed) throw new AppError('BAD_REQUEST', 'members.invitations.errors.nameRequired')
      if (trimmed.length > 200) throw new AppError('BAD_REQUEST', 'errors.invalidInput')
      if (!passwordHash)
        throw new AppError('BAD_REQUEST', 'members.invitations.errors.passwordTooShort', {
          min: MIN_PASSWORD_LENGTH,
        })
      const [inserted] = await tx
        .insert(users)
        .values({ email: row.email, name: trimmed, passwordHash })
        .onConflictDoNothing({ target: users.email })
        .returning({ id: users.id })
      // Someone created this address a moment ago: ask again, never overwrite their password.
      if (!inserted) throw new AppError('CONFLICT', 'users.errors.tryAgain')
      user = inserted
      createdUser = true
    }
    const [membership] = await tx
      .insert(memberships)
      .values({ tenantId, userId: user.id, unitId: row.unitId, title: row.title })
      .onConflictDoNothing({ target: [memberships.tenantId, memberships.userId] })
      .returning({ id: memberships.id })
    if (!membership) throw new AppError('CONFLICT', 'members.invitations.errors.alreadyMember')
    await setMembershipRoles({
      tx,
      tenantId,
      membershipId: membership.id,
      roleIds: roleRows.map((r) => r.id),
    })
    await tx
      .update(invitations)
      .set({ acceptedAt: now })
      .where(and(eq(invitations.tenantId, tenantId), eq(invitations.id, row.id)))
    return { tenantSlug: tenant!.slug, email: row.email, createdUser }
  })
}

/** The tenant's open invitations (not accepted, not withdrawn, not expired), newest first. */
export async function openInvitations(tx: Tx, tenantId: string, now = new Date()) {
  return tx
    .select({
      id: invitations.id,
      email: invitations.email,
      roleIds: invitations.roleIds,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
    })
    .from(invitations)
    .where(
      and(
        eq(invitations.tenantId, tenantId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    )
    .orderBy(asc(invitations.email))
}
