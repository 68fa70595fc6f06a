import Holidays from 'date-holidays'
import { describe, expect, test } from 'vitest'
import {
  COLLECTIVE_LEAVE_DAYS,
  CONFIRMED_YEARS,
  NATIONAL_HOLIDAY_CORRECTIONS,
} from '#server/sop/holidays-data.ts'
import { holidayDates, indonesianHolidays, type Holiday } from '#server/sop/holidays.ts'

const byDate = (holidays: Holiday[], date: string) => holidays.find((h) => h.date === date)
const datesOf = (holidays: Holiday[], kind: Holiday['kind']) =>
  holidays.filter((h) => h.kind === kind).map((h) => h.date)

describe('2026, against SKB 1497/2025, 2/2025, 5/2025', () => {
  const holidays = indonesianHolidays(2026)

  test("16 January is Isra Mi'raj, not Maulid as date-holidays calls it", () => {
    const holiday = byDate(holidays, '2026-01-16')
    expect(holiday).toMatchObject({ kind: 'national', nameId: 'Isra Mikraj Nabi Muhammad SAW' })
    expect(holiday?.nameEn).toContain("Isra Mi'raj")
    expect(`${holiday?.nameId} ${holiday?.nameEn}`).not.toMatch(/Maulid|Mawlid/)
  })

  test.each([
    { date: '2026-04-03', nameId: 'Wafat Yesus Kristus', nameEn: 'Good Friday' },
    { date: '2026-04-05', nameId: 'Kebangkitan Yesus Kristus (Paskah)', nameEn: 'Easter Sunday' },
    {
      date: '2026-08-17',
      nameId: 'Hari Ulang Tahun Kemerdekaan Republik Indonesia',
      nameEn: 'Independence Day',
    },
    { date: '2026-08-25', nameId: 'Maulid Nabi Muhammad', nameEn: 'Birthday of Muhammad (Mawlid)' },
  ])('$date is $nameEn', ({ date, nameId, nameEn }) => {
    expect(byDate(holidays, date)).toEqual({ date, nameId, nameEn, kind: 'national' })
  })

  test("the 17 national holidays are the decree's dates", () => {
    expect(datesOf(holidays, 'national')).toEqual([
      '2026-01-01',
      '2026-01-16',
      '2026-02-17',
      '2026-03-19',
      '2026-03-21', // Idul Fitri 1447 H, two days; date-holidays has 20-21 March
      '2026-03-22',
      '2026-04-03',
      '2026-04-05',
      '2026-05-01',
      '2026-05-14',
      '2026-05-27',
      '2026-05-31',
      '2026-06-01',
      '2026-06-16',
      '2026-08-17',
      '2026-08-25',
      '2026-12-25',
    ])
  })

  test("the 8 collective leave days are the decree's dates", () => {
    expect(datesOf(holidays, 'collective_leave')).toEqual([
      '2026-02-16',
      '2026-03-18',
      '2026-03-20',
      '2026-03-23',
      '2026-03-24',
      '2026-05-15',
      '2026-05-28',
      '2026-12-24',
    ])
    expect(byDate(holidays, '2026-03-23')).toEqual({
      date: '2026-03-23',
      nameId: 'Cuti Bersama Idul Fitri',
      nameEn: 'Collective leave, Eid al-Fitr',
      kind: 'collective_leave',
    })
  })
})

describe('2025, against SKB 1017/2024, 2/2024, 2/2024 as amended on 7 August 2025', () => {
  const holidays = indonesianHolidays(2025)

  test("the 17 national holidays are the decree's dates", () => {
    expect(datesOf(holidays, 'national')).toEqual([
      '2025-01-01',
      '2025-01-27',
      '2025-01-29',
      '2025-03-29',
      '2025-03-31',
      '2025-04-01',
      '2025-04-18',
      '2025-04-20',
      '2025-05-01',
      '2025-05-12',
      '2025-05-29',
      '2025-06-01',
      '2025-06-06',
      '2025-06-27',
      '2025-08-17',
      '2025-09-05',
      '2025-12-25',
    ])
    expect(byDate(holidays, '2025-01-27')?.nameId).toBe('Isra Mikraj Nabi Muhammad SAW')
  })

  test('the 10 collective leave days of the decree and 18 August from its amendment', () => {
    expect(datesOf(holidays, 'collective_leave')).toEqual([
      '2025-01-28',
      '2025-03-28',
      '2025-04-02',
      '2025-04-03',
      '2025-04-04',
      '2025-04-07',
      '2025-05-13',
      '2025-05-30',
      '2025-06-09',
      '2025-08-18',
      '2025-12-26',
    ])
  })
})

describe('2027, before its decree', () => {
  const holidays = indonesianHolidays(2027)

  test("Christmas and Isra Mi'raj on 25 December make one entry that names both", () => {
    expect(holidays.filter((h) => h.date === '2027-12-25')).toEqual([
      {
        date: '2027-12-25',
        nameId: 'Isra Mikraj Nabi Muhammad SAW / Hari Raya Natal',
        nameEn: "Isra Mi'raj of the Prophet Muhammad / Christmas Day",
        kind: 'national',
      },
    ])
  })

  test("no Isra Mi'raj is left under the name Maulid", () => {
    const maulid = holidays.filter((h) => h.nameId.includes('Maulid')).map((h) => h.date)
    expect(maulid).toEqual(['2027-08-14'])
  })
})

describe.each([2024, 2025, 2026, 2027, 2030])('every list is clean: %i', (year) => {
  const holidays = indonesianHolidays(year)

  test('sorted by date, no duplicates, every date a real date of that year', () => {
    const dates = holidays.map((h) => h.date)
    expect(dates).toEqual([...dates].sort())
    expect(new Set(dates).size).toBe(dates.length)
    for (const date of dates) {
      expect(date).toMatch(new RegExp(`^${year}-\\d{2}-\\d{2}$`))
      expect(new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(date)
    }
  })

  test('every holiday has both names', () => {
    for (const h of holidays) {
      expect(h.nameId.trim()).not.toBe('')
      expect(h.nameEn.trim()).not.toBe('')
    }
  })

  test('Independence Day is always there', () => {
    expect(byDate(holidays, `${year}-08-17`)?.kind).toBe('national')
  })
})

describe('the corrections still fit date-holidays', () => {
  // After an upgrade of date-holidays a correction may have become wrong or useless; this says which.
  const library = new Holidays('ID', { types: ['public'] })
  const libraryEntries = (date: string) =>
    library.getHolidays(Number(date.slice(0, 4)), 'id').filter((h) => h.date.slice(0, 10) === date)

  test.each(NATIONAL_HOLIDAY_CORRECTIONS.map((c) => [c.action, c.date, c] as const))(
    '%s %s',
    (_a, _d, correction) => {
      const entries = libraryEntries(correction.date)
      if (correction.action === 'rename') {
        expect(entries.map((h) => h.name)).toContain(correction.libraryName)
      } else if (correction.action === 'drop') {
        expect(entries).not.toHaveLength(0)
      } else {
        expect(entries).toHaveLength(0)
      }
    },
  )

  test('collective leave never falls on a national holiday, and only in confirmed years', () => {
    for (const day of COLLECTIVE_LEAVE_DAYS) {
      expect(CONFIRMED_YEARS).toContain(Number(day.date.slice(0, 4)))
      expect(byDate(indonesianHolidays(Number(day.date.slice(0, 4))), day.date)?.kind).toBe(
        'collective_leave',
      )
    }
  })
})

test('holidayDates gives the set of dates', () => {
  const dates = holidayDates(indonesianHolidays(2026))
  expect(dates.size).toBe(25)
  expect(dates.has('2026-04-03')).toBe(true)
  expect(dates.has('2026-03-20')).toBe(true)
  expect(dates.has('2026-04-06')).toBe(false)
  expect(holidayDates([])).toEqual(new Set())
})

test.each([1969, 2201, 2026.5, Number.NaN])('year %s is refused with a RangeError', (year) => {
  expect(() => indonesianHolidays(year)).toThrow(RangeError)
  expect(() => indonesianHolidays(year)).toThrow(/Holiday year must be an integer/)
})
