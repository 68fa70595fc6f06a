import { z } from 'zod'
import { CHANNEL_KINDS } from '#db/schema/enums.ts'

const ZStepRef = z.object({
  sopId: z.string().uuid(),
  sopNameId: z.string(),
  sopNameEn: z.string(),
  stepKey: z.string(),
  nameId: z.string(),
  nameEn: z.string(),
})

const ZCount = z.number().int().nonnegative()

/** What the supervisor's dashboard shows; every figure is defined where it is computed (server/dashboard/figures.ts). */
export const ZDashboard = z.object({
  /** The instant the figures were taken at, and the tenant's calendar day it falls on (YYYY-MM-DD). */
  now: z.string().datetime(),
  today: z.string().date(),
  totals: z.object({
    receivedToday: ZCount,
    open: ZCount,
    overdue: ZCount,
    /** Step visits finished this month that had a limit, and how many of them were done by their due time. */
    onTimeThisMonth: z.object({
      limited: ZCount,
      withinLimit: ZCount,
      share: z.number().min(0).max(1).nullable(),
    }),
  }),
  /** Every channel, in a fixed order, with zero where nothing came in today. */
  intakeToday: z.array(z.object({ channel: z.enum(CHANNEL_KINDS), count: ZCount })),
  openByStep: z.array(ZStepRef.extend({ open: ZCount, overdue: ZCount })),
  /** The most overdue open complaints, most overdue first. */
  overdue: z.array(
    z.object({
      ticketNumber: z.string(),
      step: ZStepRef.nullable(),
      dueAt: z.string().datetime(),
      overdueMinutes: ZCount,
      category: z.object({ nameId: z.string(), nameEn: z.string() }).nullable(),
      kecamatan: z.string().nullable(),
    }),
  ),
  onTimeByStep: z.array(
    ZStepRef.extend({
      finished: ZCount,
      limited: ZCount,
      withinLimit: ZCount,
      share: z.number().min(0).max(1).nullable(),
      medianMinutes: z.number().nullable(),
    }),
  ),
  /** The last 30 days of the tenant's calendar, oldest first, today last, zero-filled. */
  daily: z.array(z.object({ date: z.string().date(), count: ZCount })),
  kecamatan: z.array(
    z.object({
      id: z.string().uuid(),
      name: z.string(),
      latitude: z.number().nullable(),
      longitude: z.number().nullable(),
      /** Received in the same 30 days as `daily`. */
      received: ZCount,
      open: ZCount,
    }),
  ),
  withoutKecamatan: z.object({ received: ZCount, open: ZCount }),
})
export type Dashboard = z.infer<typeof ZDashboard>
