import { randomInt } from 'node:crypto'
import { createComplaint, type Tenant } from '#db/factories/index.ts'
import { conversations, messages, reporters } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import * as wa from './whatsapp.ts'

/**
 * A complaint that came in on WhatsApp, with its reporter's conversation and first message, the
 * reporter last writing at `lastInboundAt` (which opens or closes the 24-hour window).
 */
export async function whatsappComplaint(
  tenant: Tenant,
  { lastInboundAt = new Date(), text = 'Pedagang berjualan di trotoar depan Pasar Paringin.' } = {},
) {
  const { channel, phoneNumberId } = await wa.whatsappNumber(tenant)
  const waId = `62812${String(randomInt(0, 100_000_000)).padStart(8, '0')}`
  const [reporter] = await withTenant(tenant.id, (tx) =>
    tx
      .insert(reporters)
      .values({ tenantId: tenant.id, waId, phone: `+${waId}`, name: 'Siti Aminah' })
      .returning(),
  )
  const complaint = await createComplaint(tenant, {
    channel: 'whatsapp',
    channelId: channel.id,
    reporterId: reporter!.id,
    description: text,
    status: 'open',
  })
  const { conversation, message } = await withTenant(tenant.id, async (tx) => {
    const [conversation] = await tx
      .insert(conversations)
      .values({
        tenantId: tenant.id,
        channelId: channel.id,
        reporterId: reporter!.id,
        lastInboundAt,
        complaintId: complaint.id,
        state: 'complaint_open',
      })
      .returning()
    const wamid = wa.wamid()
    const [message] = await tx
      .insert(messages)
      .values({
        tenantId: tenant.id,
        conversationId: conversation!.id,
        direction: 'inbound',
        wamid,
        type: 'text',
        body: text,
        payload: wa.text(waId, text, wamid),
        status: 'received',
        sentAt: lastInboundAt,
      })
      .returning()
    return { conversation: conversation!, message: message! }
  })
  return { channel, phoneNumberId, waId, reporter: reporter!, complaint, conversation, message }
}
