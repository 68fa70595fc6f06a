import { z } from 'zod'
import { CHANNEL_KINDS } from '#db/schema/enums.ts'

export const INBOX_VIEWS = ['all', 'mine', 'waiting', 'overdue'] as const

export const ZFindInboxInput = z.object({
  view: z.enum(INBOX_VIEWS).default('all'),
  status: z
    .enum(['active', 'open', 'in_progress', 'resolved', 'rejected', 'closed', 'any'])
    .default('active'),
  stepKey: z.string().max(60).optional(),
  /** With stepKey: the step of this SOP only (two SOPs of a tenant may both have e.g. "klarifikasi"). */
  sopId: z.string().uuid().optional(),
  categoryId: z.string().uuid().optional(),
  channel: z.enum(CHANNEL_KINDS).optional(),
  kecamatanId: z.string().uuid().optional(),
  overdue: z.boolean().default(false),
  from: z.string().date().optional(),
  to: z.string().date().optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(['newest', 'urgent']).default('newest'),
  /** Keyset cursor: the last row of the previous page. */
  cursor: z.object({ at: z.string(), id: z.string().uuid() }).optional(),
  limit: z.number().int().min(1).max(100).default(30),
})
export type FindInboxInput = z.input<typeof ZFindInboxInput>
