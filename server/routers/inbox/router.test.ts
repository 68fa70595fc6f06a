import { TRPCError } from '@trpc/server'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createArea } from '#db/factories/index.ts'
import { complaints, sops } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { callerFor } from '#db/test/callers.ts'
import { sopTenant } from '#db/test/sop-tenant.ts'
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
})
