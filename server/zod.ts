import { z } from 'zod'

/**
 * Shared zod helpers for inputs whose bad values PostgreSQL would refuse only at query time (a 500):
 * each refuses them here, so the caller gets a 400 that says which field is wrong.
 */

/** A calendar day `YYYY-MM-DD` that exists (no 2026-02-30, no year 0000, which PostgreSQL lacks). */
export const ZCalendarDate = z
  .string()
  .date()
  .refine((v) => Number(v.slice(0, 4)) >= 1, { message: 'year 0000 does not exist' })

/** UTC offsets in use run from -12:00 to +14:00; PostgreSQL refuses e.g. +25:00 at query time. */
function offsetMinutes(iso: string): number {
  const m = /([+-])(\d{2}):?(\d{2})$/.exec(iso)
  if (!m) return 0 // `Z`
  const [, sign, hh, mm] = m
  if (Number(mm) > 59) return Number.NaN
  return (sign === '-' ? -1 : 1) * (Number(hh) * 60 + Number(mm))
}

/** An instant in ISO 8601 with `Z` or a real offset (from -12:00 to +14:00), in years 0001 to 9999. */
export const ZInstant = z
  .string()
  .datetime({ offset: true })
  .refine(
    (v) => {
      const offset = offsetMinutes(v)
      return (
        Number.isFinite(offset) &&
        offset >= -12 * 60 &&
        offset <= 14 * 60 &&
        Number(v.slice(0, 4)) >= 1 &&
        !Number.isNaN(Date.parse(v))
      )
    },
    { message: 'not a real instant (offset from -12:00 to +14:00)' },
  )

/** True when a string anywhere in the value (or an object's key) holds a NUL byte, which PostgreSQL text cannot store. */
export function containsNulByte(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000')
  if (depth > 64 || value === null || typeof value !== 'object') return false
  if (Array.isArray(value)) return value.some((v) => containsNulByte(v, depth + 1))
  return Object.entries(value).some(([k, v]) => k.includes('\u0000') || containsNulByte(v, depth + 1))
}
