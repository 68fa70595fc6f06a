import { createHash } from 'node:crypto'
import { TRPCError } from '@trpc/server'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.ts'
import { webhookDeliveries } from '#db/schema/index.ts'
import { anonymousCaller } from '#db/test/callers.ts'
import { sopTenant } from '#db/test/sop-tenant.ts'
import * as wa from '#db/test/whatsapp.ts'
import { processDelivery } from '#server/channels/whatsapp-cloud/process-delivery.ts'
import { sendQueuedMessages } from '#server/channels/whatsapp-cloud/send.ts'
import { devToolsEnabled } from './dev-procedure.ts'
import { agencyItem } from './get-citizen-chat.ts'

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof TRPCError ? e.code : String(e)),
  )

let server: Awaited<ReturnType<typeof wa.startTestServer>>
const stored: number[] = []
beforeAll(async () => {
  server = await wa.startTestServer((id) => stored.push(id))
})
afterAll(async () => {
  await server.close()
})

const bodyOf = async (deliveryId: number) => {
  const [row] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId))
  return JSON.parse(row!.body) as {
    entry: {
      changes: { value: { metadata: unknown; contacts: unknown[]; messages: Record<string, unknown>[] } }[]
    }[]
  }
}

describe('dev router (the citizen side of the WhatsApp simulator)', () => {
  it('exists in tests and demo mode only', () => {
    expect(devToolsEnabled({ NODE_ENV: 'test', DEMO: undefined, DATABASE_URL: 'postgres://x/y' })).toBe(true)
    expect(devToolsEnabled({ NODE_ENV: 'production', DEMO: true, DATABASE_URL: 'postgres://x/y' })).toBe(true)
    // The embedded database means demo mode, unless DEMO says otherwise.
    expect(devToolsEnabled({ NODE_ENV: 'development', DEMO: undefined, DATABASE_URL: undefined })).toBe(true)
    expect(devToolsEnabled({ NODE_ENV: 'development', DEMO: false, DATABASE_URL: undefined })).toBe(false)
    expect(devToolsEnabled({ NODE_ENV: 'production', DEMO: undefined, DATABASE_URL: 'postgres://x/y' })).toBe(
      false,
    )
  })

  it('sends signed Meta-shaped webhooks for a text and a photo, and shows both sides of the conversation', async () => {
    const env = await sopTenant('satpol-pp-kabupaten', {
      ticketPrefix: 'LALISA',
      businessHours: { start: '00:00', end: '24:00' },
      workingDays: [1, 2, 3, 4, 5, 6, 7],
    })
    const { phoneNumberId } = await wa.whatsappNumber(env.tenant)
    const dev = anonymousCaller()
    expect(
      (await dev.dev.findWhatsappNumbers()).find((n) => n.phoneNumberId === phoneNumberId),
    ).toMatchObject({
      displayNumber: '+62 811-5100-0001',
      serviceName: env.tenant.serviceName,
      timezone: 'Asia/Makassar',
    })
    const citizen = { origin: server.url, phoneNumberId, waId: '6281277770001' }
    await dev.dev.sendCitizenMessage({
      ...citizen,
      name: 'Warga Paringin',
      message: { type: 'text', body: 'Ada pedagang kaki lima di trotoar depan Pasar Paringin.' },
    })
    const textDelivery = stored.at(-1)!
    const { entry } = await bodyOf(textDelivery)
    expect(entry[0]!.changes[0]!.value).toMatchObject({
      metadata: { display_phone_number: '6281151000001', phone_number_id: phoneNumberId },
      contacts: [{ profile: { name: 'Warga Paringin' }, wa_id: '6281277770001' }],
      messages: [
        {
          from: '6281277770001',
          type: 'text',
          text: { body: 'Ada pedagang kaki lima di trotoar depan Pasar Paringin.' },
        },
      ],
    })

    // The platform processes it and acknowledges with a ticket number, which the phone shows.
    await processDelivery(textDelivery)
    await sendQueuedMessages(env.tenant.id)
    const chat = await dev.dev.getCitizenChat(citizen)
    expect(chat.messages[0]).toMatchObject({
      from: 'citizen',
      type: 'text',
      text: 'Ada pedagang kaki lima di trotoar depan Pasar Paringin.',
    })
    const replies = chat.messages.slice(1)
    expect(replies.length).toBeGreaterThan(0)
    expect(replies.every((m) => m.from === 'agency')).toBe(true)
    expect(JSON.stringify(replies)).toMatch(/LALISA-\d{4}-\d{6}/)
    // Another agency's conversation with the same citizen stays apart.
    expect((await dev.dev.getCitizenChat({ ...citizen, phoneNumberId: '109000000000999' })).messages).toEqual(
      [],
    )

    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    )
    const upload = (await (
      await fetch(`${server.url}/dev/graph/media`, {
        method: 'POST',
        headers: { 'Content-Type': 'image/png' },
        body: png,
      })
    ).json()) as { id: string; mime_type: string; sha256: string }
    await dev.dev.sendCitizenMessage({
      ...citizen,
      name: 'Warga Paringin',
      message: {
        type: 'image',
        image: { id: upload.id, mime_type: upload.mime_type, sha256: upload.sha256, caption: 'Lapaknya' },
      },
    })
    const photo = (await bodyOf(stored.at(-1)!)).entry[0]!.changes[0]!.value.messages[0]
    expect(photo).toMatchObject({
      type: 'image',
      image: {
        id: upload.id,
        mime_type: 'image/png',
        sha256: createHash('sha256').update(png).digest('hex'),
        caption: 'Lapaknya',
      },
    })
    expect((await dev.dev.getCitizenChat(citizen)).messages.at(-1)).toMatchObject({
      from: 'citizen',
      type: 'image',
      text: 'Lapaknya',
    })
  })

  it('refuses an unknown agency and a malformed number', async () => {
    const dev = anonymousCaller()
    const base = { origin: server.url, name: 'Warga', message: { type: 'text' as const, body: 'Halo' } }
    expect(
      await codeOf(
        dev.dev.sendCitizenMessage({ ...base, phoneNumberId: '109000000000999', waId: '6281200000000' }),
      ),
    ).toBe('NOT_FOUND')
    expect(
      await codeOf(
        dev.dev.sendCitizenMessage({ ...base, phoneNumberId: '109000000000001', waId: '+62 812' }),
      ),
    ).toBe('BAD_REQUEST')
  })

  it('turns the bot’s reply buttons, lists and templates into what a phone shows', () => {
    const at = new Date().toISOString()
    const buttons = agencyItem({
      wamid: 'wamid.A',
      phoneNumberId: '1',
      at,
      body: {
        type: 'interactive',
        interactive: {
          type: 'button',
          body: { text: 'Apakah lokasinya sudah benar?' },
          action: {
            buttons: [
              { type: 'reply', reply: { id: 'ya', title: 'Ya, benar' } },
              { type: 'reply', reply: { id: 'ubah', title: 'Ubah lokasi' } },
            ],
          },
        },
      },
    })
    expect(buttons).toMatchObject({
      text: 'Apakah lokasinya sudah benar?',
      interactive: {
        kind: 'button',
        sections: [
          {
            options: [
              { id: 'ya', title: 'Ya, benar' },
              { id: 'ubah', title: 'Ubah lokasi' },
            ],
          },
        ],
      },
    })
    const list = agencyItem({
      wamid: 'wamid.B',
      phoneNumberId: '1',
      at,
      body: {
        type: 'interactive',
        interactive: {
          type: 'list',
          body: { text: 'Pilih jenis aduan' },
          action: {
            button: 'Jenis aduan',
            sections: [
              {
                title: 'Ketertiban',
                rows: [{ id: 'pkl', title: 'Pedagang kaki lima', description: 'Trotoar' }],
              },
            ],
          },
        },
      },
    })
    expect(list.interactive).toMatchObject({
      kind: 'list',
      button: 'Jenis aduan',
      sections: [
        {
          title: 'Ketertiban',
          options: [{ id: 'pkl', title: 'Pedagang kaki lima', description: 'Trotoar' }],
        },
      ],
    })
    const template = agencyItem({
      wamid: 'wamid.C',
      phoneNumberId: '1',
      at,
      body: {
        type: 'template',
        template: {
          name: 'aduan_diterima',
          components: [{ type: 'body', parameters: [{ type: 'text', text: 'LALISA-2026-000001' }] }],
        },
      },
    })
    expect(template).toMatchObject({
      text: null,
      template: { name: 'aduan_diterima', parameters: ['LALISA-2026-000001'] },
    })
  })
})
