import { TRPCError } from '@trpc/server'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db } from '#db/client.ts'
import { tenantHolidays, tenants } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { callerFor } from '#db/test/callers.ts'
import { sopTenant } from '#db/test/sop-tenant.ts'

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof TRPCError ? `${e.code}:${e.message}` : String(e)),
  )

describe('settings router', () => {
  it('edits working hours, working days, zone and holidays; new steps use them', async () => {
    const env = await sopTenant('city-control-room')
    const admin = await callerFor(env.member('admin').userId, env.tenant.slug)
    const before = await admin.settings.getCalendar({ year: 2026 })
    expect(before.holidays.find((h) => h.date === '2026-08-17')).toMatchObject({ kind: 'national' })
    await admin.settings.updateCalendar({
      timezone: 'Asia/Jayapura',
      businessHours: { start: '07:30', end: '15:30' },
      workingDays: [1, 2, 3, 4, 5, 6],
    })
    await admin.settings.addHoliday({ date: '2026-04-28', nameId: 'Hari jadi Kota Tangerang' })
    expect(await codeOf(admin.settings.addHoliday({ date: '2026-04-28', nameId: 'Lagi' }))).toBe(
      'CONFLICT:settings.errors.holidayExists',
    )
    await admin.settings.removeHoliday({ date: '2026-08-17' })
    const after = await admin.settings.getCalendar({ year: 2026 })
    expect(after).toMatchObject({
      timezone: 'Asia/Jayapura',
      businessHours: { start: '07:30', end: '15:30' },
      workingDays: [1, 2, 3, 4, 5, 6],
    })
    expect(after.holidays.find((h) => h.date === '2026-04-28')).toMatchObject({
      kind: 'local',
      nameEn: 'Hari jadi Kota Tangerang',
    })
    expect(after.holidays.find((h) => h.date === '2026-08-17')).toBeUndefined()
    // Reloading the national list brings back what is missing and keeps the local day.
    await admin.settings.loadNationalHolidays({ year: 2026 })
    const reloaded = await admin.settings.getCalendar({ year: 2026 })
    expect(reloaded.holidays.map((h) => h.date)).toEqual(expect.arrayContaining(['2026-08-17', '2026-04-28']))
  })

  it('rejects business hours that end before they start, changing nothing', async () => {
    const env = await sopTenant('city-control-room')
    const admin = await callerFor(env.member('admin').userId, env.tenant.slug)
    expect(
      await codeOf(
        admin.settings.updateCalendar({
          timezone: 'Asia/Jakarta',
          businessHours: { start: '16:00', end: '08:00' },
          workingDays: [1],
        }),
      ),
    ).toMatch(/^BAD_REQUEST/)
    const [row] = await db().select().from(tenants).where(eq(tenants.id, env.tenant.id))
    expect(row?.businessHours).toEqual(env.tenant.businessHours)
  })

  it('keeps the letterhead, letter number format and report recipients', async () => {
    const env = await sopTenant('satpol-pp-kabupaten')
    const admin = await callerFor(env.member('admin').userId, env.tenant.slug)
    await admin.settings.updateLetterhead({
      parentName: 'PEMERINTAH KABUPATEN BALANGAN',
      agencyName: 'SATUAN POLISI PAMONG PRAJA',
      address: 'Jl. A. Yani, Paringin',
      letterNumberFormat: '{seq}/{code}/Satpol PP.Blg/{roman_month}/{year}',
    })
    expect(
      await codeOf(
        admin.settings.updateLetterhead({
          parentName: 'X Y',
          agencyName: 'A B',
          address: 'Jalan',
          letterNumberFormat: 'no number',
        }),
      ),
    ).toMatch(/^BAD_REQUEST/)
    expect((await admin.settings.getLetterhead()).letterhead.address).toBe('Jl. A. Yani, Paringin')
    await admin.settings.addReportRecipient({ name: 'Bupati Balangan', email: 'Bupati@Balangan.go.id' })
    await admin.settings.addReportRecipient({ name: 'Sekda', email: 'sekda@balangan.go.id' })
    await admin.settings.removeReportRecipient({ email: 'sekda@balangan.go.id' })
    expect((await admin.settings.getReportRecipients()).recipients).toEqual([
      { name: 'Bupati Balangan', email: 'bupati@balangan.go.id' },
    ])
  })

  it('refuses an operator (no tenant.settings)', async () => {
    const env = await sopTenant('city-control-room')
    const operator = await callerFor(env.member('operator').userId, env.tenant.slug)
    expect(await codeOf(operator.settings.getCalendar({ year: 2026 }))).toBe('FORBIDDEN:errors.forbidden')
  })

  it("answers 404 to tenant A's admin for tenant B's settings, and B stays as it was", async () => {
    const a = await sopTenant('satpol-pp-kabupaten')
    const b = await sopTenant('city-control-room')
    const viaB = await callerFor(a.member('admin').userId, b.tenant.slug)
    expect(await codeOf(viaB.settings.getCalendar({ year: 2026 }))).toBe('NOT_FOUND:errors.notFound')
    expect(
      await codeOf(
        viaB.settings.updateCalendar({
          timezone: 'Asia/Jayapura',
          businessHours: { start: '01:00', end: '02:00' },
          workingDays: [7],
        }),
      ),
    ).toBe('NOT_FOUND:errors.notFound')
    expect(await codeOf(viaB.settings.removeHoliday({ date: '2026-08-17' }))).toBe(
      'NOT_FOUND:errors.notFound',
    )
    // Through A's own URL, removing a date removes only A's row.
    const own = await callerFor(a.member('admin').userId, a.tenant.slug)
    await own.settings.removeHoliday({ date: '2026-08-17' })
    const bDays = await withTenant(b.tenant.id, (tx) =>
      tx.select().from(tenantHolidays).where(eq(tenantHolidays.date, '2026-08-17')),
    )
    expect(bDays).toHaveLength(1)
    const [bRow] = await db().select().from(tenants).where(eq(tenants.id, b.tenant.id))
    expect(bRow?.timezone).toBe('Asia/Jakarta')
  })
})
