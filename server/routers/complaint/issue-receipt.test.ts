import { eq } from 'drizzle-orm'
import { PDFParse } from 'pdf-parse'
import { describe, expect, it } from 'vitest'
import { createUser } from '#db/factories/index.ts'
import { complaintEvents, complaints, roles, stepActions } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { callerFor, refusal } from '#db/test/callers.ts'
import { sopTenant } from '#db/test/sop-tenant.ts'
import { hashTrackingSecret } from '#server/complaints/create-complaint.ts'
import { renderPdf } from '#server/pdf/render.ts'

async function pdfText(pdf: Buffer) {
  const parser = new PDFParse({ data: new Uint8Array(pdf) })
  try {
    return (await parser.getText()).text
  } finally {
    await parser.destroy()
  }
}

const rowOf = (tenantId: string, ticket: string) =>
  withTenant(tenantId, async (tx) => {
    const [row] = await tx.select().from(complaints).where(eq(complaints.ticketNumber, ticket))
    return row!
  })

describe('complaint.issueReceipt', () => {
  it('prints the walk-in\'s "Form Penerimaan Layanan" with a new tracking code each time', async () => {
    const env = await sopTenant('satpol-pp-kabupaten', {
      ticketPrefix: 'LALISA',
      letterhead: {
        parentName: 'PEMERINTAH KABUPATEN BALANGAN',
        agencyName: 'SATUAN POLISI PAMONG PRAJA',
        address: 'Jl. A. Yani Km. 4,5 Paringin',
      },
    })
    const piket = await callerFor(env.member('duty_officer').userId, env.tenant.slug)
    const { ticketNumber, trackingSecret } = await piket.complaint.create({
      channel: 'walk_in',
      description: 'Pedagang berjualan di trotoar depan pasar Paringin.',
      reporterName: 'Siti Aminah',
      reporterPhone: '081234567890',
      locationText: 'Pasar Paringin',
    })
    expect(trackingSecret).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/)

    const { document, fileName } = await piket.complaint.issueReceipt({ ticket: ticketNumber })
    expect(fileName).toBe(`form-penerimaan-layanan-${ticketNumber}.pdf`)
    const row = await rowOf(env.tenant.id, ticketNumber)
    // The printed code is the one that works now; the one from intake no longer does.
    expect(row.trackingSecretHash).toBe(hashTrackingSecret(document.trackingCode))
    expect(row.trackingSecretHash).not.toBe(hashTrackingSecret(trackingSecret))
    expect(hashTrackingSecret(document.trackingCode.toLowerCase().replace('-', ' '))).toBe(
      row.trackingSecretHash,
    )

    const text = await pdfText(await renderPdf('service-receipt', document))
    for (const expected of [
      'FORM PENERIMAAN LAYANAN',
      'SATUAN POLISI PAMONG PRAJA',
      ticketNumber,
      document.trackingCode,
      'Siti Aminah',
      '081234567890',
      'Pedagang berjualan di trotoar depan pasar Paringin.',
      'Pelapor melapor kedatangan ke petugas piket',
      'Sedang berjalan',
      'WITA',
    ])
      expect(text).toContain(expected)

    const again = await piket.complaint.issueReceipt({ ticket: ticketNumber })
    expect(again.document.trackingCode).not.toBe(document.trackingCode)
    const events = await withTenant(env.tenant.id, (tx) =>
      tx.select().from(complaintEvents).where(eq(complaintEvents.kind, 'receipt_issued')),
    )
    expect(events).toHaveLength(2)
    expect(events[0]?.actorMembershipId).toBe(env.member('duty_officer').membershipId)
  })

  it("carries out the walk-in SOP's hand-over-the-form action when the service officer prints it", async () => {
    const env = await sopTenant('satpol-pp-kabupaten')
    const piket = await callerFor(env.member('duty_officer').userId, env.tenant.slug)
    const staf = await callerFor(env.member('admin_staff').userId, env.tenant.slug)
    const layanan = await callerFor(env.member('operator').userId, env.tenant.slug)
    const { ticketNumber: ticket } = await piket.complaint.create({
      channel: 'walk_in',
      description: 'Pedagang berjualan di trotoar depan pasar Paringin.',
    })
    const steps: [typeof piket, string, string[]][] = [
      [piket, 'tercatat', ['identitas']],
      [piket, 'diserahkan', ['informasi']],
      [staf, 'lanjut', ['berkas']],
      [staf, 'disampaikan', ['berkas-analisis']],
      [layanan, 'layanan-siap', ['peraturan', 'data-pendukung']],
    ]
    for (const [who, outcomeKey, checklist] of steps) {
      const { complaint } = await who.complaint.get({ ticket })
      await who.complaint.transition({ ticket, outcomeKey, checklist, expectedVersion: complaint.version })
    }
    const letterActions = () =>
      withTenant(env.tenant.id, (tx) =>
        tx.select().from(stepActions).where(eq(stepActions.kind, 'generate_letter')),
      )
    expect((await letterActions()).map((a) => [a.stepKey, a.status])).toEqual([['klarifikasi', 'pending']])
    await layanan.complaint.issueReceipt({ ticket })
    const [done] = await letterActions()
    expect(done?.status).toBe('done')
    expect(done?.result).toMatchObject({ printedBy: env.member('operator').membershipId })
  })

  it('refuses a complaint that did not come in person, and a member who cannot take complaints', async () => {
    const env = await sopTenant('satpol-pp-kabupaten')
    const operator = await callerFor(env.member('operator').userId, env.tenant.slug)
    const phone = await operator.complaint.create({
      channel: 'phone',
      description: 'Ada balap liar setiap malam di jalan lingkar.',
    })
    expect(await refusal(operator.complaint.issueReceipt({ ticket: phone.ticketNumber }))).toEqual({
      code: 'BAD_REQUEST',
      messageKey: 'receipt.walkInOnly',
    })
    const walkIn = await operator.complaint.create({
      channel: 'walk_in',
      description: 'Pedagang berjualan di trotoar depan pasar Paringin.',
    })
    const before = await rowOf(env.tenant.id, walkIn.ticketNumber)
    const trc = await callerFor(env.member('trc').userId, env.tenant.slug)
    expect((await refusal(trc.complaint.issueReceipt({ ticket: walkIn.ticketNumber }))).code).toBe(
      'FORBIDDEN',
    )
    expect((await rowOf(env.tenant.id, walkIn.ticketNumber)).trackingSecretHash).toBe(
      before.trackingSecretHash,
    )
  })

  it("answers 404 for another tenant's ticket and leaves its tracking code alone", async () => {
    const a = await sopTenant('satpol-pp-kabupaten')
    const b = await sopTenant('satpol-pp-kabupaten')
    const bPiket = await callerFor(b.member('duty_officer').userId, b.tenant.slug)
    const { ticketNumber } = await bPiket.complaint.create({
      channel: 'walk_in',
      description: 'Pedagang berjualan di trotoar depan pasar Paringin.',
    })
    const before = await rowOf(b.tenant.id, ticketNumber)
    const aPiket = await callerFor(a.member('duty_officer').userId, a.tenant.slug)
    expect((await refusal(aPiket.complaint.issueReceipt({ ticket: ticketNumber }))).code).toBe('NOT_FOUND')
    const viaB = await callerFor(a.member('duty_officer').userId, b.tenant.slug)
    expect((await refusal(viaB.complaint.issueReceipt({ ticket: ticketNumber }))).code).toBe('NOT_FOUND')
    expect((await rowOf(b.tenant.id, ticketNumber)).trackingSecretHash).toBe(before.trackingSecretHash)
    const events = await withTenant(b.tenant.id, (tx) => tx.select().from(complaintEvents))
    expect(events.map((e) => e.kind)).not.toContain('receipt_issued')
  })

  it('leaves the identity off the form for an officer who may not see it, and refuses one who may not read complaints', async () => {
    const env = await sopTenant('satpol-pp-kabupaten')
    // Custom roles an agency might make: an intake desk without reporter.view_pii, and a role that
    // may register complaints but not read them.
    await withTenant(env.tenant.id, (tx) =>
      tx.insert(roles).values([
        {
          tenantId: env.tenant.id,
          key: 'meja_depan',
          nameId: 'Meja depan',
          nameEn: 'Front desk',
          permissions: ['dashboard.view', 'complaint.view', 'complaint.create'],
        },
        {
          tenantId: env.tenant.id,
          key: 'penerima',
          nameId: 'Penerima',
          nameEn: 'Receiver',
          permissions: ['complaint.create'],
        },
      ]),
    )
    const { user: desk } = await createUser({ tenant: env.tenant, roles: ['meja_depan'] })
    const { user: receiver } = await createUser({ tenant: env.tenant, roles: ['penerima'] })
    const piket = await callerFor(env.member('duty_officer').userId, env.tenant.slug)
    const { ticketNumber } = await piket.complaint.create({
      channel: 'walk_in',
      description: 'Pedagang berjualan di trotoar depan pasar Paringin.',
      reporterName: 'Siti Aminah',
      reporterPhone: '081234567890',
      reporterEmail: 'siti@warga.test',
    })
    const deskCaller = await callerFor(desk.id, env.tenant.slug)
    const { document } = await deskCaller.complaint.issueReceipt({ ticket: ticketNumber })
    const text = await pdfText(await renderPdf('service-receipt', document))
    expect(text).toContain('(dirahasiakan)')
    for (const secret of ['Siti', 'Aminah', '081234567890', 'siti@warga.test'])
      expect(text).not.toContain(secret)

    const before = await rowOf(env.tenant.id, ticketNumber)
    const receiverCaller = await callerFor(receiver.id, env.tenant.slug)
    expect(await refusal(receiverCaller.complaint.issueReceipt({ ticket: ticketNumber }))).toEqual({
      code: 'FORBIDDEN',
      messageKey: 'errors.forbidden',
    })
    expect((await rowOf(env.tenant.id, ticketNumber)).trackingSecretHash).toBe(before.trackingSecretHash)
  })
})
