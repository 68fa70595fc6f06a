import { z } from 'zod'

export const ZReplyComplaintInput = z.object({
  ticket: z.string().trim().min(3).max(60),
  /** The operator's own text, inside the 24-hour window (WhatsApp's limit is 4096 characters). */
  text: z.string().trim().max(4096).optional(),
  /** Send the tenant's approved operator-reply template instead (the only way outside the window). */
  template: z.boolean().default(false),
})
export type ReplyComplaintInput = z.input<typeof ZReplyComplaintInput>
