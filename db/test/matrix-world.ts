import fs from 'node:fs/promises'
import path from 'node:path'
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { db } from '#db/client.ts'
import * as s from '#db/schema/index.ts'
import { DEMO_LOGINS, seedDemo } from '#db/seed/demo.ts'
import { withTenant } from '#db/tenant.ts'
import type { MatrixIds } from '#server/routers/access-matrix.ts'
import { uploadsRoot } from '#server/storage/files.ts'
import { callerFor } from './callers.ts'

/** A 1x1 PNG, as a scanned letter. */
export const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

export type MatrixWorld = {
  ids: Record<'balangan' | 'tangerang', MatrixIds>
  /** Every demo sign-in and the tenants it belongs to. */
  logins: { email: string; userId: string; tenants: string[]; isPlatformAdmin: boolean }[]
  /** Storage keys of the files the world stored, for the caller to remove. */
  cleanup: () => Promise<void>
}

async function userIdOf(email: string) {
  const [user] = await db().select().from(s.users).where(eq(s.users.email, email))
  if (!user) throw new Error(`no user ${email}`)
  return user
}

/**
 * The demo seed plus, in each demo tenant, one of every object a procedure or route can name: two
 * complaints (one a letter with its scan), a TRC trip, a notification, and the ids of the seeded
 * SOPs, roles, members, units, categories, numbers and kecamatan.
 */
export async function matrixWorld(): Promise<MatrixWorld> {
  await seedDemo()
  const ids = {} as MatrixWorld['ids']
  for (const slug of ['balangan', 'tangerang'] as const) {
    const admin = await userIdOf(`admin@${slug}.demo`)
    const caller = await callerFor(admin.id, slug)
    const [tenant] = await db().select().from(s.tenants).where(eq(s.tenants.slug, slug))
    const tenantId = tenant!.id
    const q = <T>(fn: (tx: Parameters<Parameters<typeof withTenant>[1]>[0]) => Promise<T>) =>
      withTenant(tenantId, fn)

    const units = await q((tx) =>
      tx.select().from(s.units).where(eq(s.units.tenantId, tenantId)).orderBy(asc(s.units.name)),
    )
    const division = units.find((u) => u.kind === 'division' || u.kind === 'control_room')!
    let trcPost = units.find((u) => u.kind === 'trc_post')
    if (!trcPost) {
      const created = await caller.unit.create({
        kind: 'trc_post',
        name: 'Pos TRC Cikokol',
        parentId: division.id,
        latitude: -6.19,
        longitude: 106.63,
      })
      ;[trcPost] = await q((tx) =>
        tx
          .select()
          .from(s.units)
          .where(and(eq(s.units.tenantId, tenantId), eq(s.units.id, created.id))),
      )
    }
    const [category] = await q((tx) =>
      tx
        .select()
        .from(s.categories)
        .where(eq(s.categories.tenantId, tenantId))
        .orderBy(asc(s.categories.key)),
    )
    const letter = await caller.complaint.create({
      channel: 'letter',
      description: `Surat aduan ${slug}: lapak di trotoar depan pasar menutup jalan pejalan kaki`,
      categoryId: category!.id,
      reporterName: `Pelapor Rahasia ${slug}`,
      reporterPhone: '081234567890',
      locationText: `Pasar ${slug}`,
      letterScans: [{ fileName: 'surat.png', dataBase64: PNG_BASE64 }],
    })
    const web = await caller.complaint.create({
      channel: 'web',
      description: `Aduan web ${slug}: lampu jalan mati sejak seminggu di gang masjid`,
      categoryId: category!.id,
    })
    const dispatch = await caller.trc.dispatch({ ticket: letter.ticketNumber, unitId: trcPost!.id })
    const [complaint] = await q((tx) =>
      tx
        .select()
        .from(s.complaints)
        .where(and(eq(s.complaints.tenantId, tenantId), eq(s.complaints.ticketNumber, letter.ticketNumber))),
    )
    const [attachment] = await q((tx) =>
      tx
        .select()
        .from(s.attachments)
        .where(and(eq(s.attachments.tenantId, tenantId), eq(s.attachments.complaintId, complaint!.id))),
    )
    const [adminMembership] = await q((tx) =>
      tx
        .select()
        .from(s.memberships)
        .where(and(eq(s.memberships.tenantId, tenantId), eq(s.memberships.userId, admin.id))),
    )
    let [notification] = await q((tx) =>
      tx.select().from(s.notifications).where(eq(s.notifications.tenantId, tenantId)).limit(1),
    )
    if (!notification)
      [notification] = await q((tx) =>
        tx
          .insert(s.notifications)
          .values({
            tenantId,
            membershipId: adminMembership!.id,
            kind: 'complaint_assigned',
            complaintId: complaint!.id,
            params: { ticket: complaint!.ticketNumber },
          })
          .returning(),
      )
    const [operatorRole] = await q((tx) =>
      tx
        .select()
        .from(s.roles)
        .where(and(eq(s.roles.tenantId, tenantId), eq(s.roles.key, 'operator'))),
    )
    const operator = await userIdOf(`operator@${slug}.demo`)
    const [operatorMembership] = await q((tx) =>
      tx
        .select()
        .from(s.memberships)
        .where(and(eq(s.memberships.tenantId, tenantId), eq(s.memberships.userId, operator.id))),
    )
    const [channel] = await q((tx) => tx.select().from(s.channels).where(eq(s.channels.tenantId, tenantId)))
    const [kecamatan] = await q((tx) =>
      tx
        .select()
        .from(s.areas)
        .where(and(eq(s.areas.tenantId, tenantId), eq(s.areas.kind, 'kecamatan')))
        .limit(1),
    )
    const sops = await caller.sop.find()
    const sopId = sops[0]!.id
    const sop = await caller.sop.get({ sopId })
    // The notification's time with PostgreSQL's full precision, as the bell sends it back as a cursor.
    const [at] = await q((tx) => tx.execute<{ at: string }>(sqlAt(tenantId, notification!.id)))
    ids[slug] = {
      slug,
      ticket: letter.ticketNumber,
      ticket2: web.ticketNumber,
      complaintId: complaint!.id,
      version: complaint!.version,
      attachmentId: attachment!.id,
      notificationId: notification!.id,
      notificationAt: at!.at,
      dispatchId: dispatch.dispatchId,
      sopId,
      sopDefinition: sop.latest.definition,
      stepKey: sop.latest.definition.steps[0]!.key,
      roleId: operatorRole!.id,
      membershipId: operatorMembership!.id,
      trcUnitId: trcPost!.id,
      divisionId: division.id,
      categoryId: category!.id,
      channelId: channel!.id,
      phoneNumberId: channel!.phoneNumberId!,
      kecamatanId: kecamatan!.id,
    }
  }

  const emails = [...new Set(DEMO_LOGINS.map((l) => l.email))]
  const users = await db().select().from(s.users).where(inArray(s.users.email, emails))
  const logins = emails.map((email) => {
    const user = users.find((u) => u.email === email)!
    return {
      email,
      userId: user.id,
      tenants: DEMO_LOGINS.filter((l) => l.email === email).flatMap((l) => l.tenant.split(', ')),
      isPlatformAdmin: user.isPlatformAdmin,
    }
  })

  const cleanup = async () => {
    for (const slug of ['balangan', 'tangerang'] as const) {
      const [tenant] = await db().select().from(s.tenants).where(eq(s.tenants.slug, slug))
      const rows = await withTenant(tenant!.id, (tx) =>
        tx
          .select({ key: s.attachments.storageKey })
          .from(s.attachments)
          .where(eq(s.attachments.tenantId, tenant!.id)),
      )
      for (const { key } of rows) if (key) await fs.rm(path.join(uploadsRoot(), key), { force: true })
    }
  }
  return { ids, logins, cleanup }
}

function sqlAt(tenantId: string, id: string) {
  return sql`select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at
    from notifications where tenant_id = ${tenantId} and id = ${id}`
}
