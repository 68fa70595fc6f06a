import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { attachments, complaints } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { callerFor, refusal } from '#db/test/callers.ts'
import { sopTenant } from '#db/test/sop-tenant.ts'
import { readStoredFile } from '#server/storage/files.ts'

// The smallest files that are what they say they are.
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n')
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')
const file = (fileName: string, bytes: Buffer) => ({ fileName, dataBase64: bytes.toString('base64') })

describe('manual intake of letters and social media', () => {
  it('keeps the scanned letter with the complaint, on the letter SOP', async () => {
    const env = await sopTenant('satpol-pp-kabupaten')
    const staf = await callerFor(env.member('admin_staff').userId, env.tenant.slug)
    const { ticketNumber } = await staf.complaint.create({
      channel: 'letter',
      description: 'Surat dari warga Desa Batu Piring tentang tempat hiburan malam yang bising.',
      reporterName: 'H. Syahrani',
      letterScans: [file('surat-hal-1.pdf', PDF), file('surat-hal-2.png', PNG)],
    })
    const view = await staf.complaint.get({ ticket: ticketNumber })
    expect(view.sop?.nameId).toBe('Pelayanan Pengaduan Secara Tidak Langsung')
    expect(view.attachments.map((a) => [a.kind, a.mimeType, a.status])).toEqual([
      ['letter_scan', 'application/pdf', 'stored'],
      ['letter_scan', 'image/png', 'stored'],
    ])
    const rows = await withTenant(env.tenant.id, (tx) => tx.select().from(attachments))
    expect(rows.every((r) => r.uploadedBy === env.member('admin_staff').membershipId)).toBe(true)
    expect(await readStoredFile(rows[0]!.storageKey!)).toEqual(PDF)
  })

  it('refuses a letter without its scan, or with a file that is not a PDF or photo, storing nothing', async () => {
    const env = await sopTenant('satpol-pp-kabupaten')
    const staf = await callerFor(env.member('admin_staff').userId, env.tenant.slug)
    const letter = { channel: 'letter' as const, description: 'Surat warga tentang parkir liar di pasar.' }
    expect(await refusal(staf.complaint.create(letter))).toEqual({
      code: 'BAD_REQUEST',
      messageKey: 'complaints.form.letterScanRequired',
    })
    const disguised = file('surat.pdf', Buffer.from('MZ\x90\x00 this is a program, not a letter'))
    expect(
      await refusal(staf.complaint.create({ ...letter, letterScans: [file('ok.pdf', PDF), disguised] })),
    ).toEqual({ code: 'BAD_REQUEST', messageKey: 'uploads.wrongType' })
    expect(await withTenant(env.tenant.id, (tx) => tx.select().from(complaints))).toEqual([])
    expect(await withTenant(env.tenant.id, (tx) => tx.select().from(attachments))).toEqual([])
  })

  it('keeps the link of a social-media post and refuses one that is not a web address', async () => {
    const env = await sopTenant('satpol-pp-kabupaten')
    const operator = await callerFor(env.member('operator').userId, env.tenant.slug)
    const { ticketNumber } = await operator.complaint.create({
      channel: 'social',
      description: 'Unggahan warga: balap liar di jalan lingkar Paringin tiap malam minggu.',
      sourceUrl: 'https://www.instagram.com/p/C0ffee123/',
    })
    expect((await operator.complaint.get({ ticket: ticketNumber })).complaint.sourceUrl).toBe(
      'https://www.instagram.com/p/C0ffee123/',
    )
    expect(
      (
        await refusal(
          operator.complaint.create({
            channel: 'social',
            description: 'Unggahan warga: balap liar di jalan lingkar.',
            sourceUrl: 'javascript:alert(1)',
          }),
        )
      ).code,
    ).toBe('BAD_REQUEST')
    const rows = await withTenant(env.tenant.id, (tx) =>
      tx.select({ ticket: complaints.ticketNumber }).from(complaints).where(eq(complaints.channel, 'social')),
    )
    expect(rows).toEqual([{ ticket: ticketNumber }])
  })
})
