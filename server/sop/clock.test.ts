import { describe, expect, test } from 'vitest'
import {
  addDuration,
  dueTimes,
  formatLimit,
  isWorkingDay,
  isWorkingTime,
  localDate,
  nextWorkingTime,
  previousWorkingDate,
  startOfLocalDate,
  type LimitUnit,
  type StepLimit,
  type TenantCalendar,
} from '#server/sop/clock.ts'
import { holidayDates, indonesianHolidays } from '#server/sop/holidays.ts'

// The preloaded Indonesian calendar (national holidays and collective leave), not a hand-made set.
const holidays = holidayDates([...indonesianHolidays(2026), ...indonesianHolidays(2027)])

function officeCalendar(timezone: string): TenantCalendar {
  return { timezone, workingDays: [1, 2, 3, 4, 5], businessHours: { start: '08:00', end: '16:00' }, holidays }
}

const wita = officeCalendar('Asia/Makassar') // Satpol PP Balangan, UTC+8
const wib = officeCalendar('Asia/Jakarta') // Diskominfo Tangerang, UTC+7
const wit = officeCalendar('Asia/Jayapura') // UTC+9

// Test times are written as local wall-clock times with the zone's offset, as an operator reads them.
const at = (iso: string) => new Date(iso)

describe('minutes and hours run on the clock', () => {
  test.each([
    {
      name: '23:55 + 10 minutes crosses midnight',
      start: '2026-06-10T23:55:00+07:00',
      amount: 10,
      unit: 'minutes',
      due: '2026-06-11T00:05:00+07:00',
    },
    {
      name: '22:00 + 5 hours crosses midnight and the end of January',
      start: '2026-01-31T22:00:00+07:00',
      amount: 5,
      unit: 'hours',
      due: '2026-02-01T03:00:00+07:00',
    },
    {
      name: '20:00 + 6 hours crosses the end of the year',
      start: '2026-12-31T20:00:00+07:00',
      amount: 6,
      unit: 'hours',
      due: '2027-01-01T02:00:00+07:00',
    },
    {
      name: 'a Saturday counts like any day',
      start: '2026-04-11T10:00:00+07:00',
      amount: 90,
      unit: 'minutes',
      due: '2026-04-11T11:30:00+07:00',
    },
    {
      name: 'a holiday counts like any day',
      start: '2026-08-17T09:00:00+07:00',
      amount: 1.5,
      unit: 'hours',
      due: '2026-08-17T10:30:00+07:00',
    },
    {
      name: 'zero is the start itself, even outside hours',
      start: '2026-04-11T22:00:00+07:00',
      amount: 0,
      unit: 'hours',
      due: '2026-04-11T22:00:00+07:00',
    },
  ] satisfies { name: string; start: string; amount: number; unit: LimitUnit; due: string }[])(
    'WIB: $name',
    ({ start, amount, unit, due }) => {
      expect(addDuration(at(start), amount, unit, wib)).toEqual(at(due))
    },
  )

  test('the 23:55 + 10 minutes case lands on the next local date in WIB', () => {
    const due = addDuration(at('2026-01-31T23:55:00+07:00'), 10, 'minutes', wib)
    expect(localDate(due, 'Asia/Jakarta')).toBe('2026-02-01')
    expect(due.toISOString()).toBe('2026-01-31T17:05:00.000Z')
  })

  test('"3-5 Jam" gives a target 3 hours and a due time 5 hours after the start', () => {
    const start = at('2026-04-07T21:15:00+08:00')
    expect(dueTimes(start, { target: 3, max: 5, unit: 'hours' }, wita)).toEqual({
      targetAt: at('2026-04-08T00:15:00+08:00'),
      dueAt: at('2026-04-08T02:15:00+08:00'),
    })
  })
})

describe('days are calendar days at the same local time', () => {
  test.each([
    {
      name: 'across the end of January',
      start: '2026-01-30T10:00:00+08:00',
      amount: 3,
      due: '2026-02-02T10:00:00+08:00',
    },
    {
      name: 'across the end of February',
      start: '2026-02-27T09:30:00+08:00',
      amount: 2,
      due: '2026-03-01T09:30:00+08:00',
    },
    {
      name: 'over a weekend and holidays, which count',
      start: '2026-04-02T14:00:00+08:00',
      amount: 4,
      due: '2026-04-06T14:00:00+08:00',
    },
    {
      name: 'from a Sunday evening, not moved to an opening',
      start: '2026-04-05T21:00:00+08:00',
      amount: 1,
      due: '2026-04-06T21:00:00+08:00',
    },
  ])('WITA: $name', ({ start, amount, due }) => {
    expect(addDuration(at(start), amount, 'days', wita)).toEqual(at(due))
  })

  test('in a zone with daylight saving the wall-clock time is kept, not 24 hours', () => {
    // Proves offsets are looked up per date: Amsterdam moves from +01:00 to +02:00 on 29 March 2026.
    const amsterdam = officeCalendar('Europe/Amsterdam')
    expect(addDuration(at('2026-03-28T10:00:00+01:00'), 1, 'days', amsterdam)).toEqual(
      at('2026-03-29T10:00:00+02:00'),
    )
    expect(addDuration(at('2026-10-24T10:00:00+02:00'), 1, 'days', amsterdam)).toEqual(
      at('2026-10-25T10:00:00+01:00'),
    )
  })
})

describe('working days', () => {
  test('"10 Hari Kerja" from Thursday 2 April 2026 14:00 WITA, the day before Good Friday, ends Friday 17 April 14:00', () => {
    // Skips Good Friday (3 April) and two weekends; counts 6, 7, 8, 9, 10, 13, 14, 15, 16 and 17
    // April. The preloaded list has nothing else in that stretch but Easter Sunday, on a weekend.
    const between = indonesianHolidays(2026).filter((h) => h.date > '2026-04-03' && h.date <= '2026-04-20')
    expect(between.map((h) => h.date)).toEqual(['2026-04-05'])
    expect(holidays.has('2026-04-03')).toBe(true)
    expect(addDuration(at('2026-04-02T14:00:00+08:00'), 10, 'working_days', wita)).toEqual(
      at('2026-04-17T14:00:00+08:00'),
    )
  })

  test('the same step started at 17:30 that Thursday starts counting at Monday 6 April 08:00', () => {
    expect(addDuration(at('2026-04-02T17:30:00+08:00'), 10, 'working_days', wita)).toEqual(
      at('2026-04-20T08:00:00+08:00'),
    )
  })

  test.each([
    {
      name: "before opening: from that day's opening",
      start: '2026-04-07T07:00:00+08:00',
      due: '2026-04-08T08:00:00+08:00',
    },
    { name: 'at opening: stays', start: '2026-04-07T08:00:00+08:00', due: '2026-04-08T08:00:00+08:00' },
    {
      name: 'inside hours: same time the next working day',
      start: '2026-04-07T10:30:00+08:00',
      due: '2026-04-08T10:30:00+08:00',
    },
    {
      name: 'one minute before closing',
      start: '2026-04-07T15:59:00+08:00',
      due: '2026-04-08T15:59:00+08:00',
    },
    {
      name: 'at exactly closing time: from the next opening',
      start: '2026-04-07T16:00:00+08:00',
      due: '2026-04-09T08:00:00+08:00',
    },
    {
      name: 'after closing: from the next opening',
      start: '2026-04-07T17:30:00+08:00',
      due: '2026-04-09T08:00:00+08:00',
    },
    {
      name: "on a Saturday: from Monday's opening",
      start: '2026-04-11T10:00:00+08:00',
      due: '2026-04-14T08:00:00+08:00',
    },
    {
      name: "on a holiday (Good Friday): from Monday's opening",
      start: '2026-04-03T10:00:00+08:00',
      due: '2026-04-07T08:00:00+08:00',
    },
    {
      name: "on a collective leave day (15 May 2026): from Monday's opening",
      start: '2026-05-15T09:00:00+08:00',
      due: '2026-05-19T08:00:00+08:00',
    },
    { name: 'Friday into a weekend', start: '2026-04-10T11:00:00+08:00', due: '2026-04-13T11:00:00+08:00' },
  ])('WITA, 1 working day, start $name', ({ start, due }) => {
    expect(addDuration(at(start), 1, 'working_days', wita)).toEqual(at(due))
  })

  test('WITA: Thursday before Good Friday at 17:30, one working day, is due Tuesday 08:00', () => {
    expect(addDuration(at('2026-04-02T17:30:00+08:00'), 1, 'working_days', wita)).toEqual(
      at('2026-04-07T08:00:00+08:00'),
    )
  })

  test('WIT: across Nyepi, Idul Fitri, collective leave and a weekend in March 2026', () => {
    // 17 March works; 18 (leave), 19 (Nyepi), 20 (leave), 21-22 (Idul Fitri, weekend), 23-24
    // (leave) do not; 25 and 26 March work.
    expect(addDuration(at('2026-03-16T10:00:00+09:00'), 3, 'working_days', wit)).toEqual(
      at('2026-03-26T10:00:00+09:00'),
    )
  })

  test('WIB: over a weekend and Independence Day', () => {
    expect(addDuration(at('2026-08-14T09:00:00+07:00'), 1, 'working_days', wib)).toEqual(
      at('2026-08-18T09:00:00+07:00'),
    )
  })

  test('WITA: from December 2026 into 2027, over Christmas leave, Christmas and New Year', () => {
    // 24 (leave) and 25 December, 26-27 (weekend), 1 January 2027 are skipped.
    expect(addDuration(at('2026-12-23T13:00:00+08:00'), 5, 'working_days', wita)).toEqual(
      at('2027-01-04T13:00:00+08:00'),
    )
  })

  test("the same instant is counted on each tenant's own local date and hours", () => {
    // Thursday 15 January 2026, 08:00 UTC: 15:00 in WIB (inside hours), 17:00 in WIT (after
    // closing). Friday 16 January is Isra Mi'raj.
    const instant = at('2026-01-15T08:00:00Z')
    expect(addDuration(instant, 1, 'working_days', wib)).toEqual(at('2026-01-19T15:00:00+07:00'))
    expect(addDuration(instant, 1, 'working_days', wit)).toEqual(at('2026-01-20T08:00:00+09:00'))
  })

  test('a six-day week counts Saturdays', () => {
    const sixDays = { ...wita, workingDays: [1, 2, 3, 4, 5, 6] }
    expect(addDuration(at('2026-04-10T11:00:00+08:00'), 1, 'working_days', sixDays)).toEqual(
      at('2026-04-11T11:00:00+08:00'),
    )
  })

  test('zero working days is the start moved to the next opening', () => {
    expect(addDuration(at('2026-04-02T17:30:00+08:00'), 0, 'working_days', wita)).toEqual(
      at('2026-04-06T08:00:00+08:00'),
    )
  })
})

describe('minutes and hours with businessHoursOnly', () => {
  const businessHoursOnly = { businessHoursOnly: true }

  test.each([
    {
      name: '30 minutes from 15:50 end 08:20 the next working day',
      start: '2026-04-09T15:50:00+08:00',
      amount: 30,
      unit: 'minutes',
      due: '2026-04-10T08:20:00+08:00',
    },
    {
      name: '30 minutes from before opening end 08:30',
      start: '2026-04-09T06:45:00+08:00',
      amount: 30,
      unit: 'minutes',
      due: '2026-04-09T08:30:00+08:00',
    },
    {
      name: '30 minutes from exactly closing start the next morning',
      start: '2026-04-09T16:00:00+08:00',
      amount: 30,
      unit: 'minutes',
      due: '2026-04-10T08:30:00+08:00',
    },
    {
      name: '30 minutes from 15:30 end at exactly closing',
      start: '2026-04-09T15:30:00+08:00',
      amount: 30,
      unit: 'minutes',
      due: '2026-04-09T16:00:00+08:00',
    },
    {
      name: '5 hours from 13:00 span two days',
      start: '2026-04-07T13:00:00+08:00',
      amount: 5,
      unit: 'hours',
      due: '2026-04-08T10:00:00+08:00',
    },
    {
      name: '16 hours are two whole working days',
      start: '2026-04-06T08:00:00+08:00',
      amount: 16,
      unit: 'hours',
      due: '2026-04-07T16:00:00+08:00',
    },
    {
      name: '3 hours from Thursday 15:00 skip Good Friday and the weekend',
      start: '2026-04-02T15:00:00+08:00',
      amount: 3,
      unit: 'hours',
      due: '2026-04-06T10:00:00+08:00',
    },
    {
      name: '2 hours from a Saturday start Monday',
      start: '2026-04-11T10:00:00+08:00',
      amount: 2,
      unit: 'hours',
      due: '2026-04-13T10:00:00+08:00',
    },
  ] satisfies { name: string; start: string; amount: number; unit: LimitUnit; due: string }[])(
    'WITA: $name',
    ({ start, amount, unit, due }) => {
      expect(addDuration(at(start), amount, unit, wita, businessHoursOnly)).toEqual(at(due))
    },
  )

  test("dueTimes passes the limit's businessHoursOnly on", () => {
    const limit: StepLimit = { target: 1, max: 3, unit: 'hours', businessHoursOnly: true }
    expect(dueTimes(at('2026-04-09T14:30:00+08:00'), limit, wita)).toEqual({
      targetAt: at('2026-04-09T15:30:00+08:00'),
      dueAt: at('2026-04-10T09:30:00+08:00'),
    })
  })

  test('a service open until midnight counts on through 24:00', () => {
    const lateDesk = {
      ...wib,
      businessHours: { start: '00:00', end: '24:00' },
      workingDays: [1, 2, 3, 4, 5, 6, 7],
    }
    expect(addDuration(at('2026-06-10T23:30:00+07:00'), 1, 'hours', lateDesk, businessHoursOnly)).toEqual(
      at('2026-06-11T00:30:00+07:00'),
    )
  })
})

describe('isWorkingTime and nextWorkingTime', () => {
  test.each([
    { name: 'at opening', when: '2026-04-07T08:00:00+08:00', working: true },
    { name: 'a millisecond before opening', when: '2026-04-07T07:59:59.999+08:00', working: false },
    { name: 'a millisecond before closing', when: '2026-04-07T15:59:59.999+08:00', working: true },
    { name: 'at closing', when: '2026-04-07T16:00:00+08:00', working: false },
    { name: 'on a Saturday within hours', when: '2026-04-11T10:00:00+08:00', working: false },
    { name: 'on a national holiday within hours', when: '2026-04-03T10:00:00+08:00', working: false },
    { name: 'on a collective leave day within hours', when: '2026-03-24T10:00:00+08:00', working: false },
  ])('WITA $name: $working', ({ when, working }) => {
    expect(isWorkingTime(at(when), wita)).toBe(working)
  })

  test('one instant is in hours in WITA and WIT but not yet in WIB', () => {
    const instant = at('2026-04-07T00:30:00Z')
    expect(isWorkingTime(instant, wita)).toBe(true) // 08:30
    expect(isWorkingTime(instant, wit)).toBe(true) // 09:30
    expect(isWorkingTime(instant, wib)).toBe(false) // 07:30
  })

  test.each([
    {
      name: 'inside hours: the instant itself',
      when: '2026-04-07T11:11:11.111+08:00',
      next: '2026-04-07T11:11:11.111+08:00',
    },
    {
      name: "before opening: that day's opening",
      when: '2026-04-07T05:00:00+08:00',
      next: '2026-04-07T08:00:00+08:00',
    },
    {
      name: "just after midnight: that day's opening",
      when: '2026-04-07T00:00:00+08:00',
      next: '2026-04-07T08:00:00+08:00',
    },
    {
      name: "at closing: the next day's opening",
      when: '2026-04-07T16:00:00+08:00',
      next: '2026-04-08T08:00:00+08:00',
    },
    {
      name: "Friday evening: Monday's opening",
      when: '2026-04-10T19:00:00+08:00',
      next: '2026-04-13T08:00:00+08:00',
    },
    {
      name: 'before the Nyepi and Idul Fitri closure: Wednesday 25 March',
      when: '2026-03-17T17:00:00+08:00',
      next: '2026-03-25T08:00:00+08:00',
    },
  ])('WITA $name', ({ when, next }) => {
    expect(nextWorkingTime(at(when), wita)).toEqual(at(next))
  })
})

describe('localDate', () => {
  test.each([
    { instant: '2026-01-15T16:30:00Z', timezone: 'Asia/Jakarta', date: '2026-01-15' },
    { instant: '2026-01-15T16:30:00Z', timezone: 'Asia/Makassar', date: '2026-01-16' },
    { instant: '2026-12-31T15:00:00Z', timezone: 'Asia/Jayapura', date: '2027-01-01' },
    { instant: '2026-12-31T15:00:00Z', timezone: 'Asia/Jakarta', date: '2026-12-31' },
  ])('$instant is $date in $timezone', ({ instant, timezone, date }) => {
    expect(localDate(at(instant), timezone)).toBe(date)
  })
})

describe('formatLimit', () => {
  test.each([
    { limit: { target: 3, max: 5, unit: 'hours' }, id: '3-5 jam', en: '3-5 hours' },
    { limit: { target: 10, max: 10, unit: 'working_days' }, id: '10 hari kerja', en: '10 working days' },
    { limit: { target: 5, max: 5, unit: 'minutes' }, id: '5 menit', en: '5 minutes' },
    { limit: { target: 1, max: 1, unit: 'working_days' }, id: '1 hari kerja', en: '1 working day' },
    { limit: { target: 1, max: 1, unit: 'hours' }, id: '1 jam', en: '1 hour' },
    { limit: { target: 1, max: 2, unit: 'days' }, id: '1-2 hari', en: '1-2 days' },
    { limit: { target: 1.5, max: 1.5, unit: 'hours' }, id: '1,5 jam', en: '1.5 hours' },
    { limit: { target: 0, max: 1440, unit: 'minutes' }, id: '0-1.440 menit', en: '0-1,440 minutes' },
    {
      limit: { target: 30, max: 30, unit: 'minutes', businessHoursOnly: true },
      id: '30 menit (jam kerja)',
      en: '30 minutes (business hours)',
    },
    { limit: { target: 2, max: 2, unit: 'days', businessHoursOnly: true }, id: '2 hari', en: '2 days' },
  ] satisfies { limit: StepLimit; id: string; en: string }[])('$id / $en', ({ limit, id, en }) => {
    expect(formatLimit(limit, 'id')).toBe(id)
    expect(formatLimit(limit, 'en')).toBe(en)
  })
})

describe('invalid input throws a RangeError that names the problem', () => {
  const start = at('2026-04-07T10:00:00+08:00')

  test.each([
    {
      name: 'negative amount',
      call: () => addDuration(start, -1, 'hours', wita),
      message: /amount must be a finite number >= 0, got -1/,
    },
    {
      name: 'NaN amount',
      call: () => addDuration(start, Number.NaN, 'minutes', wita),
      message: /amount must be a finite number/,
    },
    {
      name: 'infinite amount',
      call: () => addDuration(start, Infinity, 'days', wita),
      message: /amount must be a finite number/,
    },
    {
      name: 'fractional working days',
      call: () => addDuration(start, 1.5, 'working_days', wita),
      message: /working_days must be a whole number/,
    },
    {
      name: 'unknown unit',
      call: () => addDuration(start, 1, 'weeks' as LimitUnit, wita),
      message: /Unknown time limit unit "weeks"/,
    },
    {
      name: 'invalid start date',
      call: () => addDuration(new Date('not a date'), 1, 'hours', wita),
      message: /Invalid start: expected a valid Date/,
    },
    {
      name: 'business hours without a leading zero',
      call: () => addDuration(start, 1, 'hours', { ...wita, businessHours: { start: '8:00', end: '16:00' } }),
      message: /start must be 'HH:MM'.*"8:00"/,
    },
    {
      name: 'business hours past midnight',
      call: () =>
        addDuration(start, 1, 'hours', { ...wita, businessHours: { start: '08:00', end: '25:00' } }),
      message: /end must be 'HH:MM'.*"25:00"/,
    },
    {
      name: 'business hours with 60 minutes',
      call: () => isWorkingTime(start, { ...wita, businessHours: { start: '08:60', end: '16:00' } }),
      message: /start must be 'HH:MM'/,
    },
    {
      name: 'business hours that are not a time',
      call: () => nextWorkingTime(start, { ...wita, businessHours: { start: 'pagi', end: 'sore' } }),
      message: /start must be 'HH:MM'/,
    },
    {
      name: 'business hours ending before they start',
      call: () =>
        addDuration(start, 1, 'working_days', { ...wita, businessHours: { start: '16:00', end: '08:00' } }),
      message: /end 08:00 must be after start 16:00/,
    },
    {
      name: 'empty business hours',
      call: () =>
        addDuration(start, 1, 'working_days', { ...wita, businessHours: { start: '08:00', end: '08:00' } }),
      message: /end 08:00 must be after start 08:00/,
    },
    {
      name: 'unknown time zone',
      call: () => addDuration(start, 1, 'hours', { ...wita, timezone: 'Asia/Balangan' }),
      message: /Unknown time zone "Asia\/Balangan"/,
    },
    {
      name: 'unknown time zone in localDate',
      call: () => localDate(start, 'WITA'),
      message: /Unknown time zone "WITA"/,
    },
    {
      name: 'no working days',
      call: () => addDuration(start, 1, 'working_days', { ...wita, workingDays: [] }),
      message: /workingDays is empty/,
    },
    {
      name: 'a weekday outside 1-7',
      call: () => isWorkingTime(start, { ...wita, workingDays: [0, 1, 2] }),
      message: /working day 0 is not an ISO weekday/,
    },
    {
      name: 'target above max',
      call: () => dueTimes(start, { target: 5, max: 3, unit: 'hours' }, wita),
      message: /target 5 is greater than max 3/,
    },
    {
      name: 'negative limit in formatLimit',
      call: () => formatLimit({ target: -1, max: 3, unit: 'hours' }, 'id'),
      message: /got -1/,
    },
    {
      name: 'unknown unit in formatLimit',
      call: () => formatLimit({ target: 1, max: 3, unit: 'jam' as LimitUnit }, 'en'),
      message: /Unknown time limit unit "jam"/,
    },
  ])('$name', ({ call, message }) => {
    expect(call).toThrow(RangeError)
    expect(call).toThrow(message)
  })
})

describe('working days by local date', () => {
  test('a local date begins at its midnight in the zone', () => {
    expect(startOfLocalDate('2026-06-15', 'Asia/Makassar').toISOString()).toBe('2026-06-14T16:00:00.000Z')
    expect(startOfLocalDate('2026-06-15', 'Asia/Jayapura').toISOString()).toBe('2026-06-14T15:00:00.000Z')
  })

  test('weekends and holidays are not working days', () => {
    expect(isWorkingDay('2026-06-15', wita)).toBe(true) // Monday
    expect(isWorkingDay('2026-06-14', wita)).toBe(false) // Sunday
    expect(isWorkingDay('2026-06-01', wita)).toBe(false) // Pancasila Day
  })

  test('the working day before Monday is Friday; before the day after a holiday, the day before it', () => {
    expect(previousWorkingDate('2026-06-15', wita)).toBe('2026-06-12')
    expect(previousWorkingDate('2026-06-16', wita)).toBe('2026-06-15')
    // Tuesday 2 June after Pancasila Day: Friday 29 May.
    expect(previousWorkingDate('2026-06-02', wita)).toBe('2026-05-29')
    // After Eid al-Fitr and its collective leave (18-24 March 2026): Tuesday 17 March.
    expect(previousWorkingDate('2026-03-25', wita)).toBe('2026-03-17')
    expect(() => previousWorkingDate('15-06-2026', wita)).toThrow(RangeError)
  })
})
