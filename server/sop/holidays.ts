import Holidays from 'date-holidays'
import { COLLECTIVE_LEAVE_DAYS, NATIONAL_HOLIDAY_CORRECTIONS } from '#server/sop/holidays-data.ts'

/**
 * The Indonesian holiday calendar preloaded for a new agency (which can edit its own copy):
 * national holidays from date-holidays, corrected against the yearly decree, plus the collective
 * leave days (cuti bersama) that government offices close for. See holidays-data.ts for sources.
 */
export type Holiday = {
  date: string // YYYY-MM-DD
  nameId: string
  nameEn: string
  kind: 'national' | 'collective_leave'
}

const MIN_YEAR = 1970
const MAX_YEAR = 2200

const indonesia = new Holidays('ID', { types: ['public'] })

export function indonesianHolidays(year: number): Holiday[] {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`Holiday year must be an integer from ${MIN_YEAR} to ${MAX_YEAR}, got ${year}`)
  }
  const prefix = `${year}-`
  const national = libraryHolidays(year).filter((h) => h.date.startsWith(prefix))

  for (const correction of NATIONAL_HOLIDAY_CORRECTIONS) {
    if (!correction.date.startsWith(prefix)) continue
    if (correction.action === 'drop') {
      removeWhere(national, (h) => h.date === correction.date)
    } else if (correction.action === 'rename') {
      for (const h of national) {
        if (h.date === correction.date && h.nameId === correction.libraryName) {
          h.nameId = correction.nameId
          h.nameEn = correction.nameEn
        }
      }
    } else {
      removeWhere(national, (h) => h.date === correction.date)
      national.push({ date: correction.date, nameId: correction.nameId, nameEn: correction.nameEn })
    }
  }

  const collectiveLeave = COLLECTIVE_LEAVE_DAYS.filter((d) => d.date.startsWith(prefix))
  return mergeByDate([
    ...national.map((h) => ({ date: h.date, nameId: h.nameId, nameEn: h.nameEn, kind: 'national' as const })),
    ...collectiveLeave.map((d) => ({ ...d, kind: 'collective_leave' as const })),
  ])
}

export function holidayDates(holidays: readonly { date: string }[]): Set<string> {
  return new Set(holidays.map((h) => h.date))
}

type LibraryHoliday = { date: string; nameId: string; nameEn: string }

function libraryHolidays(year: number): LibraryHoliday[] {
  const english = indonesia.getHolidays(year, 'en')
  return indonesia
    .getHolidays(year, 'id')
    .filter((h) => h.type === 'public')
    .map((h) => {
      // The date string is the local date; the Date objects carry odd offsets ("-0600") for
      // Islamic holidays and would land on the previous day in Indonesian zones.
      const date = h.date.slice(0, 10)
      const en = english.find((e) => e.date === h.date && e.rule === h.rule)
      return { date, nameId: h.name, nameEn: en?.name ?? h.name }
    })
}

function removeWhere<T>(items: T[], predicate: (item: T) => boolean): void {
  for (let i = items.length - 1; i >= 0; i--) {
    if (predicate(items[i] as T)) items.splice(i, 1)
  }
}

// Two holidays can fall on one date (Christmas and Isra Mi'raj in 2027): one entry per date keeps
// the calendar and the tenant's editable list free of duplicates, and a national holiday outranks
// collective leave because it binds every employer, not only government offices.
function mergeByDate(holidays: Holiday[]): Holiday[] {
  const byDate = new Map<string, Holiday>()
  for (const h of holidays) {
    const existing = byDate.get(h.date)
    if (!existing) {
      byDate.set(h.date, { ...h })
      continue
    }
    if (existing.nameId !== h.nameId) existing.nameId = `${existing.nameId} / ${h.nameId}`
    if (existing.nameEn !== h.nameEn) existing.nameEn = `${existing.nameEn} / ${h.nameEn}`
    if (h.kind === 'national') existing.kind = 'national'
  }
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
}
