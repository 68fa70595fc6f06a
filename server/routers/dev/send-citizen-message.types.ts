import { z } from 'zod'

/** The webhook goes to this server's own `/webhooks/whatsapp`, never to an address a caller names. */
export const ZCitizen = z.object({
  phoneNumberId: z.string().regex(/^\d{6,20}$/),
  /** The citizen's WhatsApp id: the phone number with its country code, digits only. */
  waId: z.string().regex(/^\d{8,15}$/),
})

export const ZCitizenMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), body: z.string().trim().min(1).max(4096) }),
  z.object({
    type: z.literal('image'),
    /** What the simulator's media upload answered. */
    image: z.object({
      id: z.string().min(1).max(100),
      mime_type: z.string().min(1).max(100),
      sha256: z.string().min(1).max(128),
      caption: z.string().trim().max(1024).optional(),
    }),
  }),
  z.object({
    type: z.literal('location'),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    name: z.string().trim().max(200).optional(),
    address: z.string().trim().max(500).optional(),
  }),
  z.object({
    type: z.literal('interactive'),
    reply: z.enum(['button_reply', 'list_reply']),
    id: z.string().min(1).max(256),
    title: z.string().min(1).max(72),
    description: z.string().max(72).optional(),
    /** The message the citizen answers (Meta's `context.id`). */
    contextId: z.string().max(200).optional(),
  }),
])

export const ZSendCitizenMessageInput = ZCitizen.extend({
  name: z.string().trim().min(1).max(60),
  message: ZCitizenMessage,
})
export type SendCitizenMessageInput = z.input<typeof ZSendCitizenMessageInput>
