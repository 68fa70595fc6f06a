import fs from 'node:fs/promises'
import path from 'node:path'
import { TRPCError } from '@trpc/server'
import { afterAll, describe, expect, it } from 'vitest'
import { attachments } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { callerFor } from '#db/test/callers.ts'
import { sopTenant } from '#db/test/sop-tenant.ts'
import { whatsappComplaint } from '#db/test/whatsapp-complaint.ts'
import { readStoredFile, storeFile, uploadsRoot } from '#server/storage/files.ts'

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof TRPCError ? e.code : String(e)),
  )

// A 1x1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)
const stored: string[] = []
afterAll(async () => {
  for (const key of stored) await fs.rm(path.join(uploadsRoot(), key), { force: true })
})

/** A photo the reporter sent, as the media job leaves it: stored, or still pending. */
async function photo(env: Awaited<ReturnType<typeof sopTenant>>, status: 'stored' | 'pending') {
  const { complaint, message } = await whatsappComplaint(env.tenant)
  const storageKey = status === 'stored' ? await storeFile(PNG, 'png') : null
  if (storageKey) stored.push(storageKey)
  const [row] = await withTenant(env.tenant.id, (tx) =>
    tx
      .insert(attachments)
      .values({
        tenantId: env.tenant.id,
        complaintId: complaint.id,
        messageId: message.id,
        kind: 'image',
        mimeType: 'image/png',
        caption: 'Lapak di trotoar',
        sourceMediaId: '1479537139650973',
        storageKey,
        status,
      })
      .returning(),
  )
  return { complaint, attachment: row! }
}

describe('complaint.getAttachment', () => {
  it('gives a stored photo’s storage key to a member who may see the complaint; the page lists it', async () => {
    const env = await sopTenant('satpol-pp-kabupaten')
    const { complaint, attachment } = await photo(env, 'stored')
    const trc = await callerFor(env.member('trc').userId, env.tenant.slug)
    const found = await trc.complaint.getAttachment({ id: attachment.id })
    expect(found).toEqual({ storageKey: attachment.storageKey, mimeType: 'image/png' })
    expect(await readStoredFile(found.storageKey)).toEqual(PNG)
    const view = await trc.complaint.get({ ticket: complaint.ticketNumber })
    expect(view.attachments).toEqual([
      {
        id: attachment.id,
        messageId: attachment.messageId,
        kind: 'image',
        mimeType: 'image/png',
        caption: 'Lapak di trotoar',
        status: 'stored',
      },
    ])
  })

  it('answers 404 for a photo still downloading, and for an unknown id', async () => {
    const env = await sopTenant('satpol-pp-kabupaten')
    const { complaint, attachment } = await photo(env, 'pending')
    const operator = await callerFor(env.member('operator').userId, env.tenant.slug)
    expect(await codeOf(operator.complaint.getAttachment({ id: attachment.id }))).toBe('NOT_FOUND')
    expect(await codeOf(operator.complaint.getAttachment({ id: crypto.randomUUID() }))).toBe('NOT_FOUND')
    const view = await operator.complaint.get({ ticket: complaint.ticketNumber })
    expect(view.attachments.map((a) => a.status)).toEqual(['pending'])
  })

  it("answers 404 to tenant A's member for tenant B's photo, whichever tenant the URL names", async () => {
    const a = await sopTenant('satpol-pp-kabupaten')
    const b = await sopTenant('city-control-room')
    const { attachment } = await photo(b, 'stored')
    const aOperator = await callerFor(a.member('operator').userId, a.tenant.slug)
    expect(await codeOf(aOperator.complaint.getAttachment({ id: attachment.id }))).toBe('NOT_FOUND')
    const viaB = await callerFor(a.member('operator').userId, b.tenant.slug)
    expect(await codeOf(viaB.complaint.getAttachment({ id: attachment.id }))).toBe('NOT_FOUND')
    const bOperator = await callerFor(b.member('operator').userId, b.tenant.slug)
    expect((await bOperator.complaint.getAttachment({ id: attachment.id })).storageKey).toBe(
      attachment.storageKey,
    )
  })
})
