import { createHash } from 'node:crypto'
import { z } from 'zod'
import type { Tx } from '#db/client.ts'
import { attachments } from '#db/schema/index.ts'
import { AppError } from '#server/errors.ts'
import { storeFile } from '#server/storage/files.ts'

/** What staff may upload: scanned letters (PDF or photo) and field photos. */
const TYPES = {
  'application/pdf': { ext: 'pdf', magic: (b: Uint8Array) => ascii(b, 0, 5) === '%PDF-' },
  'image/jpeg': { ext: 'jpg', magic: (b: Uint8Array) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  'image/png': { ext: 'png', magic: (b: Uint8Array) => ascii(b, 1, 4) === 'PNG' && b[0] === 0x89 },
  'image/webp': {
    ext: 'webp',
    magic: (b: Uint8Array) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP',
  },
} as const
type UploadType = keyof typeof TYPES

function ascii(bytes: Uint8Array, from: number, to: number) {
  return String.fromCharCode(...bytes.subarray(from, to))
}

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024
export const MAX_UPLOADS = 5

/** A file as a procedure receives it (base64, so the same input works in-process and over HTTP). */
export const ZUploadedFile = z.object({
  fileName: z.string().trim().max(200),
  dataBase64: z
    .string()
    .max(Math.ceil(MAX_UPLOAD_BYTES / 3) * 4 + 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/),
})
export type UploadedFile = z.infer<typeof ZUploadedFile>
export const ZUploadedFiles = z.array(ZUploadedFile).max(MAX_UPLOADS)

/** The type a file really is, from its first bytes (never the name or the browser's word for it). */
export function sniffUpload(bytes: Uint8Array, accept: readonly UploadType[]): UploadType | null {
  return accept.find((type) => TYPES[type].magic(bytes)) ?? null
}

/**
 * Stores staff uploads of a complaint and records them as attachments, refusing (before anything is
 * written) a file that is empty, too large or not one of the accepted types. The files are written
 * before the rows: a rolled-back transaction can leave an unreferenced file, never a row without one.
 */
export async function storeUploads({
  tx,
  tenantId,
  complaintId,
  uploadedBy,
  kind,
  files,
  accept,
}: {
  tx: Tx
  tenantId: string
  complaintId: string
  uploadedBy: string
  kind: 'letter_scan' | 'trc_before' | 'trc_after'
  files: UploadedFile[]
  accept: readonly UploadType[]
}) {
  const checked = files.map((file) => {
    const bytes = Buffer.from(file.dataBase64, 'base64')
    if (bytes.length === 0) throw new AppError('BAD_REQUEST', 'uploads.empty', { name: file.fileName })
    if (bytes.length > MAX_UPLOAD_BYTES)
      throw new AppError('PAYLOAD_TOO_LARGE', 'uploads.tooLarge', { name: file.fileName, mb: 10 })
    const type = sniffUpload(bytes, accept)
    if (!type) throw new AppError('BAD_REQUEST', 'uploads.wrongType', { name: file.fileName })
    return { file, bytes, type }
  })
  const ids: string[] = []
  for (const { file, bytes, type } of checked) {
    const storageKey = await storeFile(bytes, TYPES[type].ext)
    const [row] = await tx
      .insert(attachments)
      .values({
        tenantId,
        complaintId,
        kind,
        mimeType: type,
        fileName: file.fileName || null,
        sizeBytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        storageKey,
        status: 'stored',
        uploadedBy,
      })
      .returning({ id: attachments.id })
    ids.push(row!.id)
  }
  return ids
}
