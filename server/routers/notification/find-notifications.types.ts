import { z } from 'zod'
import { ZInstant } from '#server/zod.ts'

export const ZFindNotificationsInput = z.object({
  /** The language of the texts; the member's own setting, else the tenant's, when not given. */
  language: z.enum(['id', 'en']).optional(),
  /** Keyset cursor: the last row of the previous page (its time with full precision, and its id). */
  cursor: z.object({ at: ZInstant, id: z.string().uuid() }).optional(),
  limit: z.number().int().min(1).max(100).default(20),
})
export type FindNotificationsInput = z.input<typeof ZFindNotificationsInput>

export const ZNotificationItem = z.object({
  id: z.string().uuid(),
  kind: z.string(),
  text: z.string(),
  /** The complaint's ticket, for the link; null when the notification is not about a complaint. */
  ticket: z.string().nullable(),
  /** ISO 8601 with PostgreSQL's full precision, so it can serve as `upTo` of markAllRead. */
  createdAt: z.string(),
  readAt: z.string().nullable(),
})

export const ZFindNotificationsOutput = z.object({
  items: z.array(ZNotificationItem),
  unread: z.number().int(),
  nextCursor: z.object({ at: z.string(), id: z.string().uuid() }).nullable(),
})
