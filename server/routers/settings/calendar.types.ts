import { z } from 'zod'
import { ZCalendarDate } from '#server/zod.ts'

export const TIMEZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/)

export const ZUpdateCalendarInput = z
  .object({
    timezone: z.enum(TIMEZONES),
    businessHours: z.object({ start: hhmm, end: hhmm }),
    workingDays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
  })
  .refine((v) => v.businessHours.start < v.businessHours.end, {
    path: ['businessHours'],
    message: 'start before end',
  })

export const ZHolidayInput = z.object({
  date: ZCalendarDate,
  nameId: z.string().trim().min(2).max(200),
  nameEn: z.string().trim().max(200).optional(),
})

export const ZYearInput = z.object({ year: z.number().int().min(2000).max(2100) })
