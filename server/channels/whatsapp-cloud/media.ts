import { createHash } from 'node:crypto'
import { and, asc, eq, lt } from 'drizzle-orm'
import type { Tx } from '#db/client.ts'
import { attachments, channels, conversations, messages } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { decryptSecret } from '#server/crypto.ts'
import { storeFile } from '#server/storage/files.ts'
import { graphConfig } from './graph.ts'
import type { InboundMessage } from './payload.ts'
import { conversationChannel, messageConversation } from './joins.ts'

export const MEDIA_TYPES = ['image', 'video', 'audio', 'document', 'sticker'] as const
type MediaType = (typeof MEDIA_TYPES)[number]

/** The Cloud API's media limits: image 5 MB, video and audio 16 MB, document 100 MB, sticker 100 KB. */
export const MEDIA_LIMITS: Record<MediaType, number> = {
  image: 5 * 1024 * 1024,
  video: 16 * 1024 * 1024,
  audio: 16 * 1024 * 1024,
  document: 100 * 1024 * 1024,
  sticker: 100 * 1024,
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'video/mp4': 'mp4',
  'video/3gpp': '3gp',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/aac': 'aac',
  'application/pdf': 'pdf',
}

type MediaObject = { id?: string; mime_type?: string; sha256?: string; caption?: string; filename?: string }

/** A media message becomes a pending attachment of the complaint; the download job fetches it. */
export async function recordInboundMedia({
  tx,
  tenantId,
  messageId,
  complaintId,
  message,
}: {
  tx: Tx
  tenantId: string
  messageId: string
  complaintId: string | null
  message: InboundMessage
}) {
  if (!(MEDIA_TYPES as readonly string[]).includes(message.type)) return
  const media = (message as Record<string, unknown>)[message.type] as MediaObject | undefined
  if (!media?.id) return
  await tx.insert(attachments).values({
    tenantId,
    complaintId,
    messageId,
    kind: message.type,
    mimeType: media.mime_type ?? null,
    fileName: media.filename ?? null,
    caption: media.caption ?? null,
    sha256: media.sha256 ?? null,
    sourceMediaId: media.id,
  })
}

/** Meta writes the hash in hex or in base64 depending on the field's age; accept both. */
function sameHash(expected: string | null | undefined, bytes: Buffer) {
  if (!expected) return true
  const digest = createHash('sha256').update(bytes)
  const hex = digest.copy().digest('hex')
  return expected === hex || expected === digest.digest('base64')
}

/**
 * Downloads a tenant's pending media into Tanggap's storage: `GET /{media-id}` for the short-lived
 * URL, then the URL with the bearer token; checked against the sha256 and the size limit of its type.
 * A media id lives 7 days: what cannot be fetched after five tries is marked failed with the reason.
 */
export async function downloadPendingMedia(tenantId: string): Promise<{ stored: number; failed: number }> {
  const counts = { stored: 0, failed: 0 }
  await withTenant(tenantId, async (tx) => {
    const pending = await tx
      .select({ attachment: attachments, channel: channels })
      .from(attachments)
      .innerJoin(
        messages,
        and(eq(messages.tenantId, attachments.tenantId), eq(messages.id, attachments.messageId)),
      )
      .innerJoin(conversations, messageConversation)
      .innerJoin(channels, conversationChannel)
      .where(
        and(
          eq(attachments.tenantId, tenantId),
          eq(attachments.status, 'pending'),
          lt(attachments.attempts, 5),
        ),
      )
      .orderBy(asc(attachments.createdAt))
      .limit(20)
      .for('update', { of: attachments, skipLocked: true })
    for (const { attachment, channel } of pending) {
      const outcome = await download(
        attachment,
        channel.accessTokenEnc ? decryptSecret(channel.accessTokenEnc) : null,
      )
      const where = and(eq(attachments.tenantId, tenantId), eq(attachments.id, attachment.id))
      if (outcome.ok) {
        const storageKey = await storeFile(outcome.bytes, EXTENSIONS[outcome.mimeType] ?? 'bin')
        await tx
          .update(attachments)
          .set({
            status: 'stored',
            storageKey,
            mimeType: outcome.mimeType,
            sizeBytes: outcome.bytes.length,
            attempts: attachment.attempts + 1,
            error: null,
          })
          .where(where)
        counts.stored++
      } else {
        const attempts = attachment.attempts + 1
        await tx
          .update(attachments)
          .set({
            attempts,
            error: outcome.reason,
            status: outcome.final || attempts >= 5 ? 'failed' : 'pending',
          })
          .where(where)
        if (outcome.final || attempts >= 5) counts.failed++
      }
    }
  })
  return counts
}

type Download = { ok: true; bytes: Buffer; mimeType: string } | { ok: false; reason: string; final: boolean }

async function download(
  attachment: typeof attachments.$inferSelect,
  token: string | null,
): Promise<Download> {
  if (!token) return { ok: false, reason: 'the number has no access token', final: false }
  if (!attachment.sourceMediaId) return { ok: false, reason: 'no media id', final: true }
  const { baseUrl, version } = graphConfig()
  const headers = { Authorization: `Bearer ${token}` }
  try {
    const info = await fetch(`${baseUrl}/${version}/${attachment.sourceMediaId}`, {
      headers,
      signal: AbortSignal.timeout(10_000),
    })
    if (info.status === 404 || info.status === 400)
      return { ok: false, reason: `media id unknown or expired (${info.status})`, final: true }
    if (!info.ok) return { ok: false, reason: `media lookup answered ${info.status}`, final: false }
    const meta = (await info.json()) as {
      url?: string
      mime_type?: string
      sha256?: string
      file_size?: number
    }
    const limit = MEDIA_LIMITS[attachment.kind as MediaType] ?? MEDIA_LIMITS.document
    if (meta.file_size && meta.file_size > limit)
      return {
        ok: false,
        reason: `file of ${meta.file_size} bytes is over the ${limit}-byte limit`,
        final: true,
      }
    if (!meta.url) return { ok: false, reason: 'media lookup gave no URL', final: false }
    const file = await fetch(meta.url, { headers, signal: AbortSignal.timeout(60_000) })
    if (!file.ok) return { ok: false, reason: `media download answered ${file.status}`, final: false }
    const bytes = Buffer.from(await file.arrayBuffer())
    if (bytes.length > limit)
      return {
        ok: false,
        reason: `file of ${bytes.length} bytes is over the ${limit}-byte limit`,
        final: true,
      }
    if (!sameHash(attachment.sha256 ?? meta.sha256, bytes))
      return { ok: false, reason: 'sha256 does not match: the file was changed or cut off', final: false }
    return { ok: true, bytes, mimeType: meta.mime_type ?? attachment.mimeType ?? 'application/octet-stream' }
  } catch (error) {
    return { ok: false, reason: `no answer: ${String(error)}`, final: false }
  }
}
