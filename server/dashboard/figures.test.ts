import { describe, expect, it } from 'vitest'
import { createArea, createCategory, createComplaint } from '#db/factories/index.ts'
import { withTenant } from '#db/tenant.ts'
import { sopTenant } from '#db/test/sop-tenant.ts'
import { transitionComplaint } from '#server/sop/engine.ts'
import { dashboardFigures } from './figures.ts'

const MINUTE = 60_000
// Monday 15 June 2026, 14:00 WITA (UTC+8).
const NOW = new Date('2026-06-15T06:00:00Z')

type Env = Awaited<ReturnType<typeof sopTenant>>
const figuresAt = (env: Env, now = NOW) =>
  withTenant(env.tenant.id, (tx) => dashboardFigures({ tx, tenant: env.tenant, now }))

describe('dashboard figures', () => {
  it("counts the intake on the tenant's calendar: 23:30 WITA belongs to that WITA day", async () => {
    const env = await sopTenant('satpol-pp-kabupaten')
    const at = async (iso: string, channel: 'whatsapp' | 'walk_in' | 'web') =>
      createComplaint(env.tenant, { channel, status: 'resolved', createdAt: new Date(iso) })
    await at('2026-06-14T15:30:00Z', 'whatsapp') // 14 June 23:30 WITA: yesterday, though 15 June in WIB
    await at('2026-06-14T16:30:00Z', 'whatsapp') // 15 June 00:30 WITA: today, though 14 June in UTC
    await at('2026-06-15T01:00:00Z', 'walk_in')
    await at('2026-06-15T05:59:00Z', 'whatsapp')
    await at('2026-06-15T16:00:00Z', 'web') // tomorrow 00:00 WITA: not counted yet
    await at('2026-05-16T16:00:00Z', 'web') // 17 May 00:00 WITA: the first of the 30 days
    await at('2026-05-16T15:59:00Z', 'web') // 16 May 23:59 WITA: before the window

    const figures = await figuresAt(env)
    expect(figures.today).toBe('2026-06-15')
    expect(figures.totals.receivedToday).toBe(3)
    expect(figures.intakeToday).toEqual([
      { channel: 'whatsapp', count: 2 },
      { channel: 'web', count: 0 },
      { channel: 'walk_in', count: 1 },
      { channel: 'letter', count: 0 },
      { channel: 'phone', count: 0 },
      { channel: 'social', count: 0 },
      { channel: 'email', count: 0 },
    ])
    expect(figures.daily).toHaveLength(30)
    expect(figures.daily[0]).toEqual({ date: '2026-05-17', count: 1 })
    expect(figures.daily.at(-2)).toEqual({ date: '2026-06-14', count: 1 })
    expect(figures.daily.at(-1)).toEqual({ date: '2026-06-15', count: 3 })
    expect(figures.daily.reduce((sum, d) => sum + d.count, 0)).toBe(5)
    // Zero-filled: every day is there once, in order.
    expect(figures.daily[1]).toEqual({ date: '2026-05-18', count: 0 })
    expect(new Set(figures.daily.map((d) => d.date)).size).toBe(30)

    // The same instants in Tangerang's WIB: 22:30 and 23:30 WIB on 14 June, then 00:00 WIB on the 15th.
    const wib = await sopTenant('city-control-room')
    for (const iso of ['2026-06-14T15:30:00Z', '2026-06-14T16:30:00Z', '2026-06-14T17:00:00Z']) {
      await createComplaint(wib.tenant, { channel: 'web', status: 'resolved', createdAt: new Date(iso) })
    }
    const inWib = await figuresAt(wib)
    expect(inWib.daily.at(-2)).toEqual({ date: '2026-06-14', count: 2 })
    expect(inWib.totals.receivedToday).toBe(1)
  })

  it('groups open complaints by their SOP step, and lists the most overdue first', async () => {
    const env = await sopTenant('satpol-pp-kabupaten')
    const kecamatan = await createArea(env.tenant, { kind: 'kecamatan', name: 'Paringin' })
    const pkl = await createCategory(env.tenant, { nameId: 'Pedagang kaki lima', nameEn: 'Street vendors' })
    // LA-LISA's first step has 5 minutes: started 60 and 30 minutes ago they are 55 and 25 overdue.
    const lateA = await env.newComplaint('whatsapp', new Date(NOW.getTime() - 30 * MINUTE))
    const lateB = await env.newComplaint('whatsapp', new Date(NOW.getTime() - 60 * MINUTE), {
      categoryId: pkl.id,
      kecamatanId: kecamatan.id,
    })
    await env.newComplaint('whatsapp', new Date(NOW.getTime() - 2 * MINUTE))
    // Walk-in SOP, first step 5 minutes: 3 hours overdue, the most of all.
    const walkIn = await env.newComplaint('walk_in', new Date(NOW.getTime() - 185 * MINUTE))
    // Done complaints are not open, however late they were.
    await createComplaint(env.tenant, {
      status: 'resolved',
      stepDueAt: new Date(NOW.getTime() - 999 * MINUTE),
    })

    const figures = await figuresAt(env)
    expect(figures.totals.open).toBe(4)
    expect(figures.totals.overdue).toBe(3)
    expect(
      figures.openByStep.map((s) => [s.sopNameId, s.stepKey, s.nameId, s.nameEn, s.open, s.overdue]),
    ).toEqual([
      [
        'Layanan Aduan Online WhatsApp (LA-LISA)',
        'terima',
        'Menerima WhatsApp aduan dari pelapor',
        'Receive the complaint from the reporter',
        3,
        2,
      ],
      [
        'Pelayanan Pengaduan Secara Langsung',
        'kedatangan',
        'Pelapor melapor kedatangan ke petugas piket',
        'The reporter reports in to the duty officer',
        1,
        1,
      ],
    ])
    expect(figures.overdue.map((o) => [o.ticketNumber, o.overdueMinutes])).toEqual([
      [walkIn.ticketNumber, 180],
      [lateB.ticketNumber, 55],
      [lateA.ticketNumber, 25],
    ])
    expect(figures.overdue[1]).toMatchObject({
      step: { stepKey: 'terima', nameId: 'Menerima WhatsApp aduan dari pelapor' },
      category: { nameId: 'Pedagang kaki lima', nameEn: 'Street vendors' },
      kecamatan: 'Paringin',
      dueAt: new Date(NOW.getTime() - 55 * MINUTE).toISOString(),
    })
  })

  it('lists at most ten overdue complaints, but counts them all', async () => {
    const env = await sopTenant('city-control-room')
    // LAKSA's "masuk" has no limit: move each to "input" (5 minutes), then let the time run out.
    for (let i = 0; i < 12; i++) {
      const start = new Date(NOW.getTime() - (100 + i) * MINUTE)
      const complaint = await env.newComplaint('web', start)
      await withTenant(env.tenant.id, (tx) =>
        transitionComplaint({
          tx,
          tenant: env.tenant,
          actor: env.member('operator'),
          complaintId: complaint.id,
          outcomeKey: 'diterima',
          checklist: [],
          now: start,
        }),
      )
    }
    const figures = await figuresAt(env)
    expect(figures.totals.overdue).toBe(12)
    expect(figures.overdue).toHaveLength(10)
    expect(figures.overdue.map((o) => o.overdueMinutes)).toEqual([
      106, 105, 104, 103, 102, 101, 100, 99, 98, 97,
    ])
    expect(figures.openByStep).toMatchObject([{ stepKey: 'input', open: 12, overdue: 12 }])
  })

  it("gives this month's on-time share per step from the visits finished since the 1st (WITA)", async () => {
    const env = await sopTenant('satpol-pp-kabupaten')
    const operator = env.member('operator')
    // "terima" (5 minutes): done after `took` minutes, finished at `start + took`.
    const receive = async (start: string, took: number) => {
      const started = new Date(start)
      const complaint = await env.newComplaint('whatsapp', started)
      await withTenant(env.tenant.id, (tx) =>
        transitionComplaint({
          tx,
          tenant: env.tenant,
          actor: operator,
          complaintId: complaint.id,
          outcomeKey: 'diterima',
          checklist: ['verifikasi-laporan', 'data-pelapor'],
          now: new Date(started.getTime() + took * MINUTE),
        }),
      )
      return complaint
    }
    await receive('2026-05-31T15:50:00Z', 3) // finished 31 May 23:53 WITA: last month
    await receive('2026-05-31T15:58:00Z', 4) // finished 1 June 00:02 WITA: this month, on time
    await receive('2026-06-10T02:00:00Z', 2) // on time
    await receive('2026-06-10T03:00:00Z', 9) // late
    const checked = await receive('2026-06-11T02:00:00Z', 1) // on time, then "periksa" late
    await withTenant(env.tenant.id, (tx) =>
      transitionComplaint({
        tx,
        tenant: env.tenant,
        actor: operator,
        complaintId: checked.id,
        outcomeKey: 'sesuai',
        checklist: ['diteruskan'],
        now: new Date('2026-06-11T02:30:00Z'),
      }),
    )

    const figures = await figuresAt(env)
    expect(
      figures.onTimeByStep.map((s) => [s.stepKey, s.finished, s.limited, s.withinLimit, s.share]),
    ).toEqual([
      ['terima', 4, 4, 3, 0.75],
      ['periksa', 1, 1, 0, 0],
    ])
    expect(figures.onTimeByStep[0]).toMatchObject({
      sopNameId: 'Layanan Aduan Online WhatsApp (LA-LISA)',
      nameEn: 'Receive the complaint from the reporter',
    })
    expect(figures.totals.onTimeThisMonth).toEqual({ limited: 5, withinLimit: 3, share: 0.6 })
    // At 00:01 WITA on 1 June the visit finished at 00:02 lies ahead: nothing this month yet.
    const early = await figuresAt(env, new Date('2026-05-31T16:01:00Z'))
    expect(early.onTimeByStep).toEqual([])
    expect(early.totals.onTimeThisMonth).toEqual({ limited: 0, withinLimit: 0, share: null })
  })

  it('counts complaints per kecamatan, with its coordinates, over the 30 days and open now', async () => {
    const env = await sopTenant('satpol-pp-kabupaten')
    const paringin = await createArea(env.tenant, {
      kind: 'kecamatan',
      name: 'Paringin',
      latitude: -2.33,
      longitude: 115.47,
    })
    const juai = await createArea(env.tenant, {
      kind: 'kecamatan',
      name: 'Juai',
      latitude: -2.3,
      longitude: 115.6,
    })
    await createArea(env.tenant, { kind: 'kecamatan', name: 'Halong' })
    await createArea(env.tenant, { kind: 'village', name: 'Batu Piring', parentId: paringin.id })
    const recent = new Date('2026-06-01T00:00:00Z')
    const old = new Date('2026-01-01T00:00:00Z')
    // Open: started on the SOP (a complaint is open while it is at a step), received recently or long ago.
    await env.newComplaint('whatsapp', recent, { kecamatanId: paringin.id, createdAt: recent })
    await env.newComplaint('whatsapp', old, { kecamatanId: paringin.id, createdAt: old })
    await env.newComplaint('whatsapp', recent, { createdAt: recent })
    await createComplaint(env.tenant, { kecamatanId: paringin.id, status: 'resolved', createdAt: recent })
    await createComplaint(env.tenant, { kecamatanId: paringin.id, status: 'closed', createdAt: old })
    await createComplaint(env.tenant, { kecamatanId: juai.id, status: 'rejected', createdAt: recent })
    // Received after `now` (a test clock): not in the 30 days.
    await createComplaint(env.tenant, {
      kecamatanId: juai.id,
      status: 'resolved',
      createdAt: new Date('2026-06-16T00:00:00Z'),
    })

    const figures = await figuresAt(env)
    expect(figures.kecamatan).toEqual([
      { id: expect.any(String), name: 'Halong', latitude: null, longitude: null, received: 0, open: 0 },
      { id: juai.id, name: 'Juai', latitude: -2.3, longitude: 115.6, received: 1, open: 0 },
      { id: paringin.id, name: 'Paringin', latitude: -2.33, longitude: 115.47, received: 2, open: 2 },
    ])
    expect(figures.withoutKecamatan).toEqual({ received: 1, open: 1 })
  })
})
