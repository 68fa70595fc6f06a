import { randomUUID } from 'node:crypto'
import { TRPCError } from '@trpc/server'
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db } from '#db/client.ts'
import { createArea, createCategory } from '#db/factories/index.ts'
import { channels, complaints, conversations, reporters, sops, tenants, users } from '#db/schema/index.ts'
import { seedDemo } from '#db/seed/demo.ts'
import { withTenant } from '#db/tenant.ts'
import { callerFor, refusal } from '#db/test/callers.ts'
import { sopTenant } from '#db/test/sop-tenant.ts'
import { startTestServer } from '#db/test/whatsapp.ts'
import { lucia } from '#server/auth/lucia.ts'
import { createComplaint } from '#server/complaints/create-complaint.ts'

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof TRPCError ? e.code : String(e)),
  )
const MINUTE = 60_000

async function seeded() {
  const env = await sopTenant('satpol-pp-kabupaten')
  const juai = await createArea(env.tenant, { kind: 'kecamatan', name: 'Juai' })
  const base = Date.now() - 60 * MINUTE
  const make = (
    i: number,
    values: {
      channel: 'walk_in' | 'phone' | 'letter'
      description: string
      reporter?: string
      kecamatanId?: string
    },
  ) =>
    withTenant(env.tenant.id, async (tx) => {
      const { complaint } = await createComplaint({
        tx,
        tenant: env.tenant,
        actor: null,
        input: {
          channel: values.channel,
          description: values.description,
          reporter: values.reporter ? { name: values.reporter } : undefined,
        },
        now: new Date(base + i * MINUTE),
      })
      if (values.kecamatanId)
        await tx
          .update(complaints)
          .set({ kecamatanId: values.kecamatanId })
          .where(eq(complaints.id, complaint.id))
      return complaint
    })
  const walkIns = []
  for (let i = 0; i < 5; i++)
    walkIns.push(await make(i, { channel: 'walk_in', description: `Keluhan datang langsung nomor ${i}` }))
  const phone = await make(10, {
    channel: 'phone',
    description: 'Pedagang kaki lima memakai trotoar Jl. Ahmad Yani',
    reporter: 'Siti Aminah',
    kecamatanId: juai.id,
  })
  // A letter entered just now, its step (120 working minutes) far from due.
  const letter = await make(59, {
    channel: 'letter',
    description: 'Surat keberatan warga tentang bangunan liar',
  })
  return { env, juai, walkIns, phone, letter }
}

describe('inbox router', () => {
  it('lists newest first, keyset-paged with no overlap, and filters by channel and kecamatan', async () => {
    const { env, juai, phone } = await seeded()
    const operator = await callerFor(env.member('operator').userId, env.tenant.slug)
    const first = await operator.inbox.find({ limit: 3 })
    const second = await operator.inbox.find({ limit: 3, cursor: first.nextCursor! })
    const third = await operator.inbox.find({ limit: 3, cursor: second.nextCursor! })
    const tickets = [...first.items, ...second.items, ...third.items].map((i) => i.ticketNumber)
    expect(tickets).toHaveLength(7)
    expect(new Set(tickets).size).toBe(7)
    expect(third.nextCursor).toBeNull()
    expect(first.items[0]?.description).toContain('Surat keberatan')
    // Most urgent first: the earliest due step leads; paging the same way loses and repeats nothing.
    const urgent: string[] = []
    let cursor: { at: string; id: string } | undefined
    do {
      const page = await operator.inbox.find({ sort: 'urgent', limit: 2, cursor })
      urgent.push(...page.items.map((i) => i.ticketNumber))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(new Set(urgent).size).toBe(7)
    expect(urgent.at(-1)).toBe((await operator.inbox.find({ channel: 'letter' })).items[0]?.ticketNumber)
    expect((await operator.inbox.find({ channel: 'phone' })).items.map((i) => i.ticketNumber)).toEqual([
      phone.ticketNumber,
    ])
    expect((await operator.inbox.find({ kecamatanId: juai.id })).items.map((i) => i.kecamatan)).toEqual([
      'Juai',
    ])
    // A step of one SOP (the dashboard links here): the five walk-ins wait at "kedatangan" of theirs.
    const sopIds = await withTenant(env.tenant.id, (tx) =>
      tx.select({ id: sops.id, key: sops.key }).from(sops),
    )
    const sopId = (key: string) => sopIds.find((s) => s.key === key)!.id
    const atArrival = (sop: string) => operator.inbox.find({ stepKey: 'kedatangan', sopId: sopId(sop) })
    expect((await atArrival('pengaduan-langsung')).items).toHaveLength(5)
    expect((await atArrival('la-lisa')).items).toEqual([])
  })

  it('searches ticket numbers, descriptions and reporter names', async () => {
    const { env, phone } = await seeded()
    const operator = await callerFor(env.member('operator').userId, env.tenant.slug)
    expect((await operator.inbox.find({ q: 'trotoar' })).items.map((i) => i.ticketNumber)).toEqual([
      phone.ticketNumber,
    ])
    expect((await operator.inbox.find({ q: 'aminah' })).items.map((i) => i.ticketNumber)).toEqual([
      phone.ticketNumber,
    ])
    expect((await operator.inbox.find({ q: phone.ticketNumber })).items).toHaveLength(1)
    expect((await operator.inbox.find({ q: '100%_' })).items).toEqual([])
  })

  it("filters a date range by the agency's days, not UTC's", async () => {
    const env = await sopTenant('satpol-pp-kabupaten') // WITA, UTC+8
    const at = (iso: string, description: string) =>
      withTenant(env.tenant.id, async (tx) => {
        const { complaint } = await createComplaint({
          tx,
          tenant: env.tenant,
          actor: null,
          input: { channel: 'phone', description },
          now: new Date(iso),
        })
        return complaint.ticketNumber
      })
    const lateOnFirst = await at('2026-06-01T15:30:00Z', 'Pukul 23.30 WITA tanggal 1 Juni') // 23:30 WITA, 1 June
    const earlyOnSecond = await at('2026-06-01T16:30:00Z', 'Pukul 00.30 WITA tanggal 2 Juni') // 00:30 WITA, 2 June
    const operator = await callerFor(env.member('operator').userId, env.tenant.slug)
    const on = async (from: string, to: string) =>
      (await operator.inbox.find({ view: 'all', from, to })).items.map((i) => i.ticketNumber)
    expect(await on('2026-06-01', '2026-06-01')).toEqual([lateOnFirst])
    expect(await on('2026-06-02', '2026-06-02')).toEqual([earlyOnSecond])
    expect(await on('2026-06-01', '2026-06-02')).toEqual([earlyOnSecond, lateOnFirst])
    // The calendar's last day as the end of the range is no end at all, not a server error.
    expect(await on('2026-06-01', '9999-12-31')).toEqual([earlyOnSecond, lateOnFirst])
    expect(await on('0001-01-01', '2026-06-01')).toEqual([lateOnFirst])
  })

  it('shows overdue steps in red, waiting-for-me by role, and masks reporters for roles without PII', async () => {
    const { env, phone, letter } = await seeded()
    const operator = await callerFor(env.member('operator').userId, env.tenant.slug)
    const overdue = await operator.inbox.find({ view: 'overdue' })
    // Walk-in step 1 (5 minutes) and the phone complaint's step 1 (5 minutes) started up to an hour ago.
    expect(overdue.items.every((i) => i.urgency === 'overdue')).toBe(true)
    expect(overdue.items.map((i) => i.ticketNumber)).toContain(phone.ticketNumber)
    expect(overdue.items.map((i) => i.ticketNumber)).not.toContain(letter.ticketNumber)
    const all = await operator.inbox.find({})
    expect(all.items.find((i) => i.ticketNumber === letter.ticketNumber)?.urgency).toBe('ok')
    // LA-LISA step 1 is the operator's; walk-in step 1 is the duty officer's.
    const waiting = await operator.inbox.find({ view: 'waiting' })
    expect(waiting.items.map((i) => i.ticketNumber)).toEqual([phone.ticketNumber])
    const piket = await callerFor(env.member('duty_officer').userId, env.tenant.slug)
    expect((await piket.inbox.find({ view: 'waiting' })).items).toHaveLength(5)
    expect(all.items.find((i) => i.ticketNumber === phone.ticketNumber)?.reporter).toBe('Siti Aminah')
    const trc = await callerFor(env.member('trc').userId, env.tenant.slug)
    expect((await trc.inbox.find({ q: 'trotoar' })).items[0]?.reporter).toBe('S*** A*****')
  })

  it("answers 404 to tenant A's operator for tenant B's inbox, and A's inbox holds none of B's complaints", async () => {
    const a = await seeded()
    const b = await seeded()
    const viaB = await callerFor(a.env.member('operator').userId, b.env.tenant.slug)
    expect(await codeOf(viaB.inbox.find({}))).toBe('NOT_FOUND')
    const own = await callerFor(a.env.member('operator').userId, a.env.tenant.slug)
    const tickets = (await own.inbox.find({ status: 'any', limit: 100 })).items
    expect(tickets).toHaveLength(7)
    expect(tickets.map((i) => i.description)).not.toContain(undefined)
    const bIds = new Set(
      (await withTenant(b.env.tenant.id, (tx) => tx.select({ id: complaints.id }).from(complaints))).map(
        (r) => r.id,
      ),
    )
    expect(bIds.size).toBe(7)
  })

  it("answers 404 for tenant B's filters, and A's filters name none of B's categories or kecamatan", async () => {
    const a = await seeded()
    const b = await seeded()
    await createCategory(b.env.tenant, {
      key: 'rahasia-b',
      nameId: 'Kategori milik B',
      nameEn: "B's category",
    })
    const viaB = await callerFor(a.env.member('operator').userId, b.env.tenant.slug)
    expect(await codeOf(viaB.inbox.getFilters())).toBe('NOT_FOUND')
    expect(await codeOf(viaB.inbox.find({ q: 'trotoar' }))).toBe('NOT_FOUND')
    const own = await callerFor(a.env.member('operator').userId, a.env.tenant.slug)
    const filters = await own.inbox.getFilters()
    expect(filters.categories.map((c) => c.nameId)).not.toContain('Kategori milik B')
    expect(filters.kecamatan.map((k) => k.id)).toEqual([a.juai.id])
    // B's ids as filters in A's inbox find nothing of B's.
    expect((await own.inbox.find({ kecamatanId: b.juai.id, status: 'any' })).items).toEqual([])
    expect(
      (await own.inbox.find({ status: 'any', limit: 100, q: b.phone.ticketNumber })).items.map(
        (i) => i.ticketNumber,
      ),
    ).not.toContain(b.phone.ticketNumber)
  })

  it('answers 400 with a reason to a paging cursor whose time is not a time, in the caller and over HTTP', async () => {
    const { env } = await seeded()
    const operator = await callerFor(env.member('operator').userId, env.tenant.slug)
    const before = await withTenant(env.tenant.id, (tx) => tx.select().from(complaints))
    for (const at of [
      'not-a-date',
      '',
      '2026-13-45T99:99:99Z',
      '0000-01-01T00:00:00.000Z',
      '+275760-09-13T00:00:00.000Z',
      "2026-06-01'; select 1 --",
    ]) {
      for (const sort of ['newest', 'urgent'] as const)
        expect({
          at,
          sort,
          ...(await refusal(operator.inbox.find({ sort, cursor: { at, id: randomUUID() } }))),
        }).toEqual({ at, sort, code: 'BAD_REQUEST', messageKey: 'scoping.badCursor' })
    }
    // A real cursor still pages.
    const first = await operator.inbox.find({ limit: 3 })
    expect((await operator.inbox.find({ limit: 3, cursor: first.nextCursor! })).items).toHaveLength(3)

    const server = await startTestServer()
    try {
      const session = await lucia().createSession(env.member('operator').userId, {})
      const cookie = lucia().createSessionCookie(session.id).serialize().split(';')[0]!
      const get = (cursor: { at: string; id: string }) =>
        fetch(`${server.url}/api/trpc/inbox.find?input=${encodeURIComponent(JSON.stringify({ cursor }))}`, {
          headers: { cookie, 'x-tanggap-tenant': env.tenant.slug },
        })
      const bad = await get({ at: '2026-13-45T99:99:99Z', id: randomUUID() })
      const text = await bad.text()
      expect(bad.status).toBe(400)
      const body = JSON.parse(text) as { error: { data: { messageKey: string; code: string } } }
      expect(body.error.data).toMatchObject({ code: 'BAD_REQUEST', messageKey: 'scoping.badCursor' })
      expect(text).not.toMatch(/select|timestamptz|RangeError/i)
      expect((await get(first.nextCursor!)).status).toBe(200)
    } finally {
      await server.close()
    }
    expect(await withTenant(env.tenant.id, (tx) => tx.select().from(complaints))).toEqual(before)
  })
})

/** The demo's Balangan: its TRC member (no reporter.view_pii) and its operator (with it). */
async function demo() {
  await seedDemo()
  const [tenant] = await db().select().from(tenants).where(eq(tenants.slug, 'balangan'))
  const userId = async (email: string) => {
    const [user] = await db().select({ id: users.id }).from(users).where(eq(users.email, email))
    return user!.id
  }
  const make = (
    description: string,
    reporter: { name: string; phone?: string; email?: string; anonymous?: boolean },
  ) =>
    withTenant(tenant!.id, async (tx) => {
      const { complaint } = await createComplaint({
        tx,
        tenant: tenant!,
        actor: null,
        input: { channel: 'phone', description, reporter },
      })
      return complaint.ticketNumber
    })
  return {
    tenant: tenant!,
    make,
    trc: await callerFor(await userId('trc@balangan.demo'), 'balangan'),
    operator: await callerFor(await userId('operator@balangan.demo'), 'balangan'),
  }
}

describe('inbox search and reporter privacy (demo data)', () => {
  it("lets no one without reporter.view_pii tell reporters' names apart by searching; one with it finds them", async () => {
    const { make, trc, operator } = await demo()
    const reporters = [
      { name: 'Rahmat Hidayat', phone: '081234567890', email: 'rahmat.h@example.id', anonymous: true },
      { name: 'Siti Aminah', phone: '081298765432', email: 'siti.a@example.id' },
      { name: 'Budi Santoso', email: 'budi@example.id' },
    ]
    const hidden = await make('Suara musik keras tiap malam di RT 03', reporters[0]!)
    const masked = await make('Parkir liar menutup jalan masuk gang', reporters[1]!)
    await make('Lampu jalan mati di depan sekolah', reporters[2]!)

    // What the TRC member sees of every complaint: ticket and text, no identity of the anonymous one.
    const all = (await trc.inbox.find({ status: 'any', limit: 100 })).items
    expect(all.find((i) => i.ticketNumber === hidden)?.reporter).toBeNull()
    expect(all.find((i) => i.ticketNumber === masked)?.reporter).toBe('S*** A*****')
    const byWhatTheySee = (q: string) =>
      all
        .filter((i) => `${i.ticketNumber} ${i.description}`.toLowerCase().includes(q.trim().toLowerCase()))
        .map((i) => i.ticketNumber)
        .sort()
    // The attack: every prefix of every name, phone and address, one search each.
    const probes = new Set<string>()
    for (const r of reporters)
      for (const value of [r.name, r.phone, r.email])
        for (let n = 1; value && n <= value.length; n++) probes.add(value.slice(0, n))
    for (const q of probes) {
      const found = (await trc.inbox.find({ q, status: 'any', limit: 100 })).items.map((i) => i.ticketNumber)
      expect({ q, found: found.sort() }).toEqual({ q, found: byWhatTheySee(q) })
    }
    expect(probes.size).toBeGreaterThan(100)

    // With reporter.view_pii the operator sees the names, the anonymous one's too, and finds by them.
    const seen = (await operator.inbox.find({ status: 'any', limit: 100 })).items
    expect(seen.find((i) => i.ticketNumber === hidden)?.reporter).toBe('Rahmat Hidayat')
    const find = async (q: string) =>
      (await operator.inbox.find({ q, status: 'any' })).items.map((i) => i.ticketNumber)
    expect(await find('Rahmat Hid')).toEqual([hidden])
    expect(await find('aminah')).toEqual([masked])
  })

  it('shows a waiting WhatsApp thread of an anonymous reporter without a name to those without reporter.view_pii', async () => {
    const { tenant, trc, operator } = await demo()
    await withTenant(tenant.id, async (tx) => {
      const [channel] = await tx
        .select({ id: channels.id })
        .from(channels)
        .where(eq(channels.tenantId, tenant.id))
      const [reporter] = await tx
        .insert(reporters)
        .values({ tenantId: tenant.id, name: 'Rahmat Hidayat', waId: '6281234567890', anonymous: true })
        .returning({ id: reporters.id })
      await tx.insert(conversations).values({
        tenantId: tenant.id,
        channelId: channel!.id,
        reporterId: reporter!.id,
        lastInboundAt: new Date(),
      })
      const [named] = await tx
        .insert(reporters)
        .values({ tenantId: tenant.id, name: 'Siti Aminah', waId: '6281298765432' })
        .returning({ id: reporters.id })
      await tx.insert(conversations).values({
        tenantId: tenant.id,
        channelId: channel!.id,
        reporterId: named!.id,
        lastInboundAt: new Date(Date.now() - 60_000),
      })
      expect(
        await tx
          .select()
          .from(conversations)
          .where(and(eq(conversations.tenantId, tenant.id))),
      ).toHaveLength(2)
    })
    expect((await trc.inbox.find({})).pendingConversations.map((p) => p.reporter)).toEqual([
      null,
      'S*** A*****',
    ])
    expect((await operator.inbox.find({})).pendingConversations.map((p) => p.reporter)).toEqual([
      'Rahmat Hidayat',
      'Siti Aminah',
    ])
  })
})
