import { describe, expect, it } from 'vitest'
import type { TenantCalendar } from '#server/sop/clock.ts'
import { holidayDates, indonesianHolidays } from '#server/sop/holidays.ts'
import { mailSendAfter, runsOnClockTime } from './quiet-hours.ts'

const wita: TenantCalendar = {
  timezone: 'Asia/Makassar',
  workingDays: [1, 2, 3, 4, 5],
  businessHours: { start: '08:00', end: '16:00' },
  holidays: holidayDates(indonesianHolidays(2026)),
}
const held = (iso: string) => mailSendAfter({ now: new Date(iso), calendar: wita, clockTime: false })

describe('which steps run on clock time', () => {
  it('minutes and hours on the clock and calendar days do; working days and working hours do not', () => {
    expect(runsOnClockTime({ target: 5, max: 5, unit: 'minutes' })).toBe(true)
    expect(runsOnClockTime({ target: 3, max: 5, unit: 'hours' })).toBe(true)
    expect(runsOnClockTime({ target: 5, max: 5, unit: 'days' })).toBe(true)
    expect(runsOnClockTime({ target: 120, max: 120, unit: 'minutes', businessHoursOnly: true })).toBe(false)
    expect(runsOnClockTime({ target: 2, max: 2, unit: 'hours', businessHoursOnly: true })).toBe(false)
    expect(runsOnClockTime({ target: 10, max: 10, unit: 'working_days' })).toBe(false)
    // A step without a limit is never urgent.
    expect(runsOnClockTime(null)).toBe(false)
  })
})

describe('when a staff email about work that can wait goes out', () => {
  it('at once inside working hours, and from the opening itself', () => {
    expect(held('2026-06-10T10:00:00+08:00')).toBeNull()
    expect(held('2026-06-10T08:00:00+08:00')).toBeNull()
  })

  it('at night: the next working morning', () => {
    expect(held('2026-06-10T22:00:00+08:00')?.toISOString()).toBe(
      new Date('2026-06-11T08:00:00+08:00').toISOString(),
    )
    // Closing time is already outside working hours; before opening waits for that morning.
    expect(held('2026-06-10T16:00:00+08:00')?.toISOString()).toBe(
      new Date('2026-06-11T08:00:00+08:00').toISOString(),
    )
    expect(held('2026-06-11T05:30:00+08:00')?.toISOString()).toBe(
      new Date('2026-06-11T08:00:00+08:00').toISOString(),
    )
  })

  it('on a Friday evening or a weekend: Monday morning; past a holiday: the day after it', () => {
    expect(held('2026-06-12T19:00:00+08:00')?.toISOString()).toBe(
      new Date('2026-06-15T08:00:00+08:00').toISOString(),
    )
    expect(held('2026-06-13T11:00:00+08:00')?.toISOString()).toBe(
      new Date('2026-06-15T08:00:00+08:00').toISOString(),
    )
    // Friday 29 May, then the weekend and Pancasila Day (Monday 1 June): Tuesday 2 June.
    expect(held('2026-05-29T20:00:00+08:00')?.toISOString()).toBe(
      new Date('2026-06-02T08:00:00+08:00').toISOString(),
    )
    // During the day on a holiday (Good Friday, 3 April) it waits too.
    expect(held('2026-04-03T10:00:00+08:00')?.toISOString()).toBe(
      new Date('2026-04-06T08:00:00+08:00').toISOString(),
    )
  })

  it('at once, day or night, for work on clock time', () => {
    for (const iso of ['2026-06-10T22:00:00+08:00', '2026-06-13T03:00:00+08:00', '2026-06-01T12:00:00+08:00'])
      expect(mailSendAfter({ now: new Date(iso), calendar: wita, clockTime: true })).toBeNull()
  })
})
