import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { createWhatsappChannel, type Tenant } from '#db/factories/index.ts'
import { setGraphConfig } from '#server/channels/whatsapp-cloud/graph.ts'
import { signBody } from '#server/channels/whatsapp-cloud/signature.ts'
import { createHttpApp } from '#server/http.ts'
import { activeSimulator } from '#server/dev/graph-simulator.ts'

/** Meta-shaped webhook payloads (decision 007), for tests. */
// The simulator signs its status webhooks with the demo app's secret: test numbers use it too.
export const APP_SECRET = 'demo-app-secret'
export const wamid = () => `wamid.HBgN${randomBytes(10).toString('hex').toUpperCase()}`
const now = () => String(Math.floor(Date.now() / 1000))

export function envelope(phoneNumberId: string, value: Record<string, unknown>) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '628115100001', phone_number_id: phoneNumberId },
              ...value,
            },
          },
        ],
      },
    ],
  }
}

export const contact = (waId: string, name = 'Warga Paringin') => ({ profile: { name }, wa_id: waId })
export const text = (from: string, body: string, id = wamid(), timestamp = now()) => ({
  from,
  id,
  timestamp,
  type: 'text',
  text: { body },
})
export const image = (from: string, caption: string, id = wamid()) => ({
  from,
  id,
  timestamp: now(),
  type: 'image',
  image: { id: '1479537139650973', mime_type: 'image/jpeg', sha256: 'SHA256_HASH', caption },
})
export const location = (from: string, latitude: number, longitude: number, id = wamid()) => ({
  from,
  id,
  timestamp: now(),
  type: 'location',
  location: { latitude, longitude, name: 'Pasar Paringin', address: 'Jl. A. Yani, Paringin' },
})
export const buttonReply = (from: string, replyId: string, title: string, id = wamid()) => ({
  from,
  id,
  timestamp: now(),
  type: 'interactive',
  interactive: { type: 'button_reply', button_reply: { id: replyId, title } },
})
export const unknownType = (from: string, id = wamid()) => ({
  from,
  id,
  timestamp: now(),
  type: 'unsupported',
  errors: [{ code: 131051, title: 'Message type unknown' }],
})
export const reaction = (from: string, messageId: string, id = wamid()) => ({
  from,
  id,
  timestamp: now(),
  type: 'reaction',
  reaction: { message_id: messageId, emoji: '👍' },
})
export const status = (
  id: string,
  value: string,
  recipient: string,
  extra: Record<string, unknown> = {},
) => ({
  id,
  status: value,
  timestamp: now(),
  recipient_id: recipient,
  ...extra,
})

/** The real HTTP server (webhook and Graph simulator, no Remix) on a free port. */
export async function startTestServer(onStored: (id: number) => void = () => {}) {
  let url = ''
  const app = createHttpApp({ demo: false, onWebhookStored: onStored, selfUrl: () => url })
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s))
  })
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  setGraphConfig({ baseUrl: `${url}/dev/graph`, version: 'v21.0' })
  const post = (
    body: unknown,
    { secret = APP_SECRET, raw }: { secret?: string | null; raw?: string } = {},
  ) => {
    const payload = raw ?? JSON.stringify(body)
    return fetch(`${url}/webhooks/whatsapp`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(secret ? { 'X-Hub-Signature-256': signBody(payload, secret) } : {}),
      },
      body: payload,
    })
  }
  // The simulator's records and failure switches, read in this process: over HTTP they are for a
  // signed-in platform admin only.
  const simulator = activeSimulator()!
  const sentTo = async (to: string) => simulator.sentTo(to)
  const failNext = async (to: string, failures: Parameters<typeof simulator.failNext>[1]) =>
    simulator.failNext(to, failures)
  /** Tells the simulated Meta account it holds this number, usable with this access token only. */
  const metaHolds = async (id: string, accessToken: string) => {
    simulator.holdNumber(id, accessToken)
  }
  return {
    url,
    post,
    sentTo,
    failNext,
    metaHolds,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

export async function whatsappNumber(tenant: Tenant) {
  const phoneNumberId = `1090${randomBytes(5).readUIntBE(0, 5).toString().padStart(11, '0')}`
  const channel = await createWhatsappChannel(tenant, {
    phoneNumberId,
    displayNumber: '+62 811-5100-0001',
    verifyToken: `verify-${phoneNumberId}`,
    appSecret: APP_SECRET,
    accessToken: 'test-access-token',
  })
  return { phoneNumberId, channel }
}
