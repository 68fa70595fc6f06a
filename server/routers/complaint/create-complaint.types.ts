import { z } from 'zod'
import { ZUploadedFiles } from '#server/complaints/uploads.ts'

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : null))

export const ZCreateComplaintInput = z.object({
  channel: z.enum(['web', 'walk_in', 'letter', 'phone', 'social', 'email']),
  description: z.string().trim().min(10).max(5000),
  categoryId: z.string().uuid().optional(),
  reporterName: optionalText(200),
  reporterPhone: optionalText(40),
  reporterEmail: z
    .string()
    .trim()
    .email()
    .max(320)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  anonymous: z.boolean().default(false),
  locationText: optionalText(500),
  /** The post or message a social-media complaint came from. */
  sourceUrl: z
    .string()
    .trim()
    .max(2000)
    .url()
    .refine((u) => /^https?:\/\//i.test(u))
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** The scanned letter ("Berkas Pengaduan"): required for a letter. */
  letterScans: ZUploadedFiles.default([]),
})
export type CreateComplaintInput = z.input<typeof ZCreateComplaintInput>
