import { randomBytes } from 'node:crypto'
import { DEMO_APP_SECRET } from '#db/seed/demo.ts'
import { signBody } from '#server/channels/whatsapp-cloud/signature.ts'
import { activeSimulator } from '#server/dev/graph-simulator.ts'
import { publicUrl } from '#server/env.ts'
import { AppError } from '#server/errors.ts'
import { recordCitizenMessage, type CitizenMessage } from './citizen-log.ts'
import { devProcedure } from './dev-procedure.ts'
import { whatsappNumbers } from './find-whatsapp-numbers.ts'
import { ZSendCitizenMessageInput } from './send-citizen-message.types.ts'

const optional = <T extends Record<string, unknown>>(value: T) =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== ''))

/** This server's own webhook: where the simulator posts its status webhooks too. */
const ownWebhookUrl = () => activeSimulator()?.webhookUrl() ?? `${publicUrl()}/webhooks/whatsapp`

/**
 * A simulated citizen writes to an agency: the message goes the way Meta would send it, as a signed
 * Cloud API webhook to this server's `/webhooks/whatsapp`, so the whole intake path runs for real.
 */
export const sendCitizenMessageProcedure = devProcedure
  .input(ZSendCitizenMessageInput)
  .mutation(async ({ input }) => {
    const number = (await whatsappNumbers()).find((n) => n.phoneNumberId === input.phoneNumberId)
    if (!number) throw new AppError('NOT_FOUND', 'devWhatsapp.errors.unknownAgency')
    const wamid = `wamid.SIMIN${randomBytes(12).toString('hex').toUpperCase()}`
    const { message } = input
    const content: Record<string, unknown> =
      message.type === 'text'
        ? { text: { body: message.body } }
        : message.type === 'image'
          ? { image: optional(message.image) }
          : message.type === 'location'
            ? {
                location: optional({
                  latitude: message.latitude,
                  longitude: message.longitude,
                  name: message.name,
                  address: message.address,
                }),
              }
            : {
                interactive: {
                  type: message.reply,
                  [message.reply]: optional({
                    id: message.id,
                    title: message.title,
                    description: message.description,
                  }),
                },
                ...(message.contextId
                  ? { context: { from: number.displayNumber.replace(/\D/g, ''), id: message.contextId } }
                  : {}),
              }
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'SIMULATED_WABA',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: {
                  display_phone_number: number.displayNumber.replace(/\D/g, ''),
                  phone_number_id: number.phoneNumberId,
                },
                contacts: [{ profile: { name: input.name }, wa_id: input.waId }],
                messages: [
                  {
                    from: input.waId,
                    id: wamid,
                    timestamp: String(Math.floor(Date.now() / 1000)),
                    type: message.type,
                    ...content,
                  },
                ],
              },
            },
          ],
        },
      ],
    })
    const response = await fetch(ownWebhookUrl(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': signBody(body, DEMO_APP_SECRET) },
      body,
      signal: AbortSignal.timeout(10_000),
    }).catch(() => null)
    if (!response?.ok)
      throw new AppError('BAD_REQUEST', 'devWhatsapp.errors.webhookRefused', {
        status: response?.status ?? 0,
      })
    const logged: CitizenMessage = {
      wamid,
      phoneNumberId: number.phoneNumberId,
      at: new Date().toISOString(),
      type: message.type,
      text:
        message.type === 'text'
          ? message.body
          : message.type === 'image'
            ? (message.image.caption ?? null)
            : message.type === 'interactive'
              ? message.title
              : null,
      ...(message.type === 'location'
        ? {
            location: {
              latitude: message.latitude,
              longitude: message.longitude,
              name: message.name || undefined,
              address: message.address || undefined,
            },
          }
        : {}),
    }
    recordCitizenMessage(input.waId, logged)
    return { wamid }
  })
