/**
 * The SLA clock of the SOP engine: when a step is due on an agency's calendar. Pure functions, no
 * I/O; time zones through the built-in Intl API, with the offset computed for each instant, so the
 * code stays right in a zone with daylight saving although Indonesia has none.
 *
 * Decisions:
 * - `minutes` and `hours` are elapsed time on the clock, 24/7: start + amount, crossing midnight,
 *   month and year ends as they come. With `businessHoursOnly` only the minutes inside business
 *   hours of working days that are not holidays count; a start outside them counts from the next
 *   opening. 30 minutes started 15:50 with hours 08:00-16:00 end 08:20 the next working day, and
 *   a count that runs out exactly at closing ends at closing (15:30 + 30 minutes = 16:00).
 * - `days` are calendar days: the same local wall-clock time N days later in the tenant's zone.
 *   Weekends and holidays count, and the start is not moved.
 * - `working_days` skip non-working weekdays and holidays in the tenant's zone. A start outside
 *   working hours first moves to the next opening (before opening on a working day: that day's
 *   opening; at or after closing, or on a non-working day: the next working day's opening). The
 *   step is then due at the same local time of day on the Nth following working day: "10 hari
 *   kerja" from Thursday 2 April 2026 14:00 WITA (Good Friday the next day) is Friday 17 April
 *   14:00 WITA; from 17:30 that Thursday it is Monday 20 April 08:00.
 * - Working time is [opening, closing): opening itself is inside, closing itself is outside.
 * - An amount of 0 gives the start, moved to the next opening where the unit moves starts.
 * - `days` and `working_days` take whole numbers; `minutes` and `hours` may be fractional.
 * - Invalid input (negative or non-finite amount, unknown unit, malformed business hours or
 *   working days, unknown time zone, invalid date) throws a RangeError: these are configuration
 *   or programming errors that must not silently produce a due time.
 * - `businessHoursOnly` applies to minutes and hours only; days and working days ignore it.
 * - Daylight saving (never in Indonesia): a local wall time inside a gap moves forward by the
 *   length of the gap; one that occurs twice takes the later instant.
 */

export type LimitUnit = 'minutes' | 'hours' | 'days' | 'working_days'

export type StepLimit = { target: number; max: number; unit: LimitUnit; businessHoursOnly?: boolean }

export type TenantCalendar = {
  timezone: string // IANA, e.g. 'Asia/Makassar' (WITA), 'Asia/Jakarta' (WIB), 'Asia/Jayapura' (WIT)
  workingDays: readonly number[] // ISO weekdays, 1 = Monday ... 7 = Sunday
  businessHours: { start: string; end: string } // 'HH:MM' local time, e.g. 08:00-16:00
  holidays: ReadonlySet<string> // local dates 'YYYY-MM-DD' that are not working days
}

const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS
const UNITS: readonly LimitUnit[] = ['minutes', 'hours', 'days', 'working_days']

export function addDuration(
  start: Date,
  amount: number,
  unit: LimitUnit,
  calendar: TenantCalendar,
  options: { businessHoursOnly?: boolean } = {},
): Date {
  assertDate(start, 'start')
  assertUnit(unit)
  assertAmount(amount, unit)
  const cal = parseCalendar(calendar)
  switch (unit) {
    case 'minutes':
    case 'hours': {
      const ms = amount * (unit === 'hours' ? HOUR_MS : MINUTE_MS)
      return options.businessHoursOnly
        ? addBusinessTime(start.getTime(), ms, cal)
        : new Date(start.getTime() + ms)
    }
    case 'days': {
      const local = toLocal(start.getTime(), cal.timezone)
      return new Date(fromLocal({ ...local, date: addDays(local.date, amount) }, cal.timezone))
    }
    case 'working_days': {
      const opened = toLocal(nextOpening(start.getTime(), cal), cal.timezone)
      let date = opened.date
      for (let i = 0; i < amount; i++) date = nextWorkingDate(date, cal)
      return new Date(fromLocal({ ...opened, date }, cal.timezone))
    }
  }
}

export function dueTimes(
  start: Date,
  limit: StepLimit,
  calendar: TenantCalendar,
): { targetAt: Date; dueAt: Date } {
  assertLimit(limit)
  const options = { businessHoursOnly: limit.businessHoursOnly ?? false }
  return {
    targetAt: addDuration(start, limit.target, limit.unit, calendar, options),
    dueAt: addDuration(start, limit.max, limit.unit, calendar, options),
  }
}

export function isWorkingTime(at: Date, calendar: TenantCalendar): boolean {
  assertDate(at, 'at')
  const cal = parseCalendar(calendar)
  return isOpenAt(at.getTime(), cal)
}

/** `at` itself when inside working hours, else the next opening. */
export function nextWorkingTime(at: Date, calendar: TenantCalendar): Date {
  assertDate(at, 'at')
  return new Date(nextOpening(at.getTime(), parseCalendar(calendar)))
}

/** The tenant's local date of an instant, 'YYYY-MM-DD'. */
export function localDate(at: Date, timezone: string): string {
  assertDate(at, 'at')
  return formatDate(toLocal(at.getTime(), assertTimeZone(timezone)).date)
}

/** The instant a local date 'YYYY-MM-DD' begins in the zone: its local midnight. */
export function startOfLocalDate(date: string, timezone: string): Date {
  return new Date(fromLocal(atMinute(parseDate(date), 0), assertTimeZone(timezone)))
}

/** Whether a local date 'YYYY-MM-DD' is a working day: a working weekday that is no holiday. */
export function isWorkingDay(date: string, calendar: TenantCalendar): boolean {
  return isWorkingDate(parseDate(date), parseCalendar(calendar))
}

/** The last working day before a local date 'YYYY-MM-DD', past weekends and holidays. */
export function previousWorkingDate(date: string, calendar: TenantCalendar): string {
  const cal = parseCalendar(calendar)
  let previous = addDays(parseDate(date), -1)
  // Terminates like nextWorkingDate: a working weekday comes within a week, holidays are finite.
  while (!isWorkingDate(previous, cal)) previous = addDays(previous, -1)
  return formatDate(previous)
}

const UNIT_LABELS: Record<'id' | 'en', Record<LimitUnit, readonly [singular: string, plural: string]>> = {
  // Indonesian nouns do not inflect for number.
  id: {
    minutes: ['menit', 'menit'],
    hours: ['jam', 'jam'],
    days: ['hari', 'hari'],
    working_days: ['hari kerja', 'hari kerja'],
  },
  en: {
    minutes: ['minute', 'minutes'],
    hours: ['hour', 'hours'],
    days: ['day', 'days'],
    working_days: ['working day', 'working days'],
  },
}

const BUSINESS_HOURS_NOTE = { id: 'jam kerja', en: 'business hours' } as const

/** "3-5 jam", "10 hari kerja", "30 menit (jam kerja)"; en "3-5 hours", "10 working days". */
export function formatLimit(limit: StepLimit, language: 'id' | 'en'): string {
  assertLimit(limit)
  if (language !== 'id' && language !== 'en') throw new RangeError(`Unknown language "${String(language)}"`)
  const number = new Intl.NumberFormat(language === 'id' ? 'id-ID' : 'en-US', { maximumFractionDigits: 2 })
  const amount =
    limit.target === limit.max
      ? number.format(limit.max)
      : `${number.format(limit.target)}-${number.format(limit.max)}`
  const [singular, plural] = UNIT_LABELS[language][limit.unit]
  // "1-2 hours", but "1 hour": the larger bound decides the noun.
  const text = `${amount} ${limit.max === 1 ? singular : plural}`
  const countsBusinessHours = limit.businessHoursOnly && (limit.unit === 'minutes' || limit.unit === 'hours')
  return countsBusinessHours ? `${text} (${BUSINESS_HOURS_NOTE[language]})` : text
}

// ---------------------------------------------------------------------------------------------
// Calendar

type LocalDate = { year: number; month: number; day: number }
type LocalDateTime = { date: LocalDate; hour: number; minute: number; second: number; millisecond: number }

type ParsedCalendar = {
  timezone: string
  workingDays: ReadonlySet<number>
  openMinute: number // minutes after local midnight
  closeMinute: number
  holidays: ReadonlySet<string>
}

function parseCalendar(calendar: TenantCalendar): ParsedCalendar {
  const timezone = assertTimeZone(calendar.timezone)
  const workingDays = new Set(calendar.workingDays)
  if (workingDays.size === 0) throw new RangeError('Invalid calendar: workingDays is empty')
  for (const day of workingDays) {
    if (!Number.isInteger(day) || day < 1 || day > 7) {
      throw new RangeError(
        `Invalid calendar: working day ${day} is not an ISO weekday 1 (Monday) to 7 (Sunday)`,
      )
    }
  }
  const openMinute = parseTimeOfDay(calendar.businessHours?.start, 'start')
  const closeMinute = parseTimeOfDay(calendar.businessHours?.end, 'end')
  if (closeMinute <= openMinute) {
    throw new RangeError(
      `Invalid business hours: end ${calendar.businessHours.end} must be after start ${calendar.businessHours.start}`,
    )
  }
  return { timezone, workingDays, openMinute, closeMinute, holidays: calendar.holidays }
}

// 'HH:MM', 00:00 to 23:59, plus 24:00 as a closing time for a service open until midnight.
function parseTimeOfDay(value: unknown, which: 'start' | 'end'): number {
  const match = typeof value === 'string' ? /^([01]\d|2[0-4]):([0-5]\d)$/.exec(value) : null
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN
  const latest = which === 'end' ? 24 * 60 : 24 * 60 - 1
  if (Number.isNaN(minutes) || minutes > latest) {
    const range = which === 'end' ? '00:00-24:00' : '00:00-23:59'
    throw new RangeError(
      `Invalid business hours: ${which} must be 'HH:MM' (${range}), got ${JSON.stringify(value)}`,
    )
  }
  return minutes
}

function isWorkingDate(date: LocalDate, cal: ParsedCalendar): boolean {
  return cal.workingDays.has(isoWeekday(date)) && !cal.holidays.has(formatDate(date))
}

// Terminates: at most six weekdays in a row are non-working, and the holiday set is finite.
function nextWorkingDate(date: LocalDate, cal: ParsedCalendar): LocalDate {
  let next = addDays(date, 1)
  while (!isWorkingDate(next, cal)) next = addDays(next, 1)
  return next
}

function openingOf(date: LocalDate, cal: ParsedCalendar): number {
  return fromLocal(atMinute(date, cal.openMinute), cal.timezone)
}

function closingOf(date: LocalDate, cal: ParsedCalendar): number {
  return fromLocal(atMinute(date, cal.closeMinute), cal.timezone)
}

function isOpenAt(at: number, cal: ParsedCalendar): boolean {
  const { date } = toLocal(at, cal.timezone)
  return isWorkingDate(date, cal) && openingOf(date, cal) <= at && at < closingOf(date, cal)
}

function nextOpening(at: number, cal: ParsedCalendar): number {
  const { date } = toLocal(at, cal.timezone)
  if (isWorkingDate(date, cal)) {
    if (at < openingOf(date, cal)) return openingOf(date, cal)
    if (at < closingOf(date, cal)) return at
  }
  return openingOf(nextWorkingDate(date, cal), cal)
}

function addBusinessTime(start: number, ms: number, cal: ParsedCalendar): Date {
  let cursor = nextOpening(start, cal)
  let remaining = ms
  for (;;) {
    const closing = closingOf(toLocal(cursor, cal.timezone).date, cal)
    if (remaining <= closing - cursor) return new Date(cursor + remaining)
    remaining -= closing - cursor
    cursor = nextOpening(closing, cal)
  }
}

// ---------------------------------------------------------------------------------------------
// Local dates and time zones

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(timezone, formatter)
  }
  return formatter
}

function assertTimeZone(timezone: string): string {
  if (typeof timezone !== 'string' || timezone === '') {
    throw new RangeError(
      `Unknown time zone ${JSON.stringify(timezone)}: expected an IANA name such as 'Asia/Makassar'`,
    )
  }
  try {
    formatterFor(timezone)
  } catch {
    throw new RangeError(`Unknown time zone "${timezone}": expected an IANA name such as 'Asia/Makassar'`)
  }
  return timezone
}

function toLocal(at: number, timezone: string): LocalDateTime {
  const millisecond = ((at % 1000) + 1000) % 1000
  const parts: Record<string, number> = {}
  for (const part of formatterFor(timezone).formatToParts(new Date(at - millisecond))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  }
  return {
    date: { year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0 },
    // Some engines print midnight as 24 even with h23.
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
    millisecond,
  }
}

// Local wall time minus UTC at an instant, looked up for that instant, never assumed.
function offsetAt(at: number, timezone: string): number {
  return wallClockMs(toLocal(at, timezone)) - at
}

function fromLocal(local: LocalDateTime, timezone: string): number {
  const wall = wallClockMs(local)
  const firstGuess = wall - offsetAt(wall, timezone)
  const offset = offsetAt(firstGuess, timezone)
  return wall - offset
}

function wallClockMs({ date, hour, minute, second, millisecond }: LocalDateTime): number {
  return Date.UTC(date.year, date.month - 1, date.day, hour, minute, second, millisecond)
}

function atMinute(date: LocalDate, minuteOfDay: number): LocalDateTime {
  // Date.UTC carries 24:00 over to the next day's midnight.
  return { date, hour: 0, minute: minuteOfDay, second: 0, millisecond: 0 }
}

function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days))
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }
}

function isoWeekday(date: LocalDate): number {
  const sundayZero = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay()
  return sundayZero === 0 ? 7 : sundayZero
}

function parseDate(value: string): LocalDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!match) throw new RangeError(`Invalid local date ${JSON.stringify(value)}: expected 'YYYY-MM-DD'`)
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) }
}

function formatDate({ year, month, day }: LocalDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

// ---------------------------------------------------------------------------------------------
// Input checks

function assertDate(value: Date, name: string): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new RangeError(`Invalid ${name}: expected a valid Date, got ${String(value)}`)
  }
}

function assertUnit(unit: LimitUnit): void {
  if (!UNITS.includes(unit)) {
    throw new RangeError(
      `Unknown time limit unit ${JSON.stringify(unit)}: expected one of ${UNITS.join(', ')}`,
    )
  }
}

function assertAmount(amount: number, unit: LimitUnit): void {
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) {
    throw new RangeError(`Invalid time limit: amount must be a finite number >= 0, got ${String(amount)}`)
  }
  if ((unit === 'days' || unit === 'working_days') && !Number.isInteger(amount)) {
    throw new RangeError(`Invalid time limit: ${unit} must be a whole number, got ${amount}`)
  }
}

function assertLimit(limit: StepLimit): void {
  assertUnit(limit.unit)
  assertAmount(limit.target, limit.unit)
  assertAmount(limit.max, limit.unit)
  if (limit.target > limit.max) {
    throw new RangeError(`Invalid time limit: target ${limit.target} is greater than max ${limit.max}`)
  }
}
