import { z } from 'zod'

export const ZTransitionComplaintInput = z.object({
  ticket: z.string().trim().min(3).max(60),
  outcomeKey: z.string().min(1).max(60),
  checklist: z.array(z.string().max(60)).max(50).default([]),
  note: z.string().trim().max(2000).optional(),
  /** The complaint version the person's screen showed. */
  expectedVersion: z.number().int().min(0),
})
