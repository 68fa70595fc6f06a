import { isWorkingTime, nextWorkingTime, type StepLimit, type TenantCalendar } from '#server/sop/clock.ts'

/**
 * Whether a step's limit runs on clock time, nights, weekends and holidays included: minutes and
 * hours counted on the clock, and calendar days. Working days, and minutes or hours counted in
 * working hours only, run on the agency's calendar, and so does a step without a limit (nothing
 * is due). docs/decisions/009-quiet-hours.md.
 */
export function runsOnClockTime(limit: StepLimit | null | undefined): boolean {
  if (!limit) return false
  if (limit.unit === 'days') return true
  if (limit.unit === 'minutes' || limit.unit === 'hours') return !limit.businessHoursOnly
  return false
}

/**
 * When a staff email about work may go out: at once (null) for work on clock time or when it is
 * written inside working hours; otherwise held until the next opening of the agency's calendar
 * (the next working day's start of working hours, past weekends and holidays).
 */
export function mailSendAfter({
  now,
  calendar,
  clockTime,
}: {
  now: Date
  calendar: TenantCalendar
  clockTime: boolean
}): Date | null {
  if (clockTime || isWorkingTime(now, calendar)) return null
  return nextWorkingTime(now, calendar)
}
