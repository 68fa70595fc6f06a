import { z } from 'zod'

/**
 * The webhook payload of the Cloud API. Tolerant: unknown fields pass through, unknown
 * message types are kept whole, and only what routing and storage need is required.
 */
export const ZInboundMessage = z
  .object({
    from: z.string(),
    id: z.string(),
    timestamp: z.string(),
    type: z.string(),
    text: z.object({ body: z.string() }).partial().optional(),
    location: z
      .object({
        latitude: z.number(),
        longitude: z.number(),
        name: z.string().optional(),
        address: z.string().optional(),
      })
      .optional(),
    interactive: z
      .object({
        type: z.string(),
        button_reply: z.object({ id: z.string(), title: z.string() }).optional(),
        list_reply: z
          .object({ id: z.string(), title: z.string(), description: z.string().optional() })
          .optional(),
      })
      .optional(),
    button: z.object({ payload: z.string().optional(), text: z.string().optional() }).optional(),
    context: z.object({ from: z.string().optional(), id: z.string().optional() }).optional(),
  })
  .passthrough()
export type InboundMessage = z.infer<typeof ZInboundMessage>

export const ZStatus = z
  .object({
    id: z.string(),
    status: z.string(),
    timestamp: z.string(),
    recipient_id: z.string().optional(),
    errors: z
      .array(
        z
          .object({ code: z.number(), title: z.string().optional(), message: z.string().optional() })
          .passthrough(),
      )
      .optional(),
  })
  .passthrough()

export const ZChangeValue = z
  .object({
    messaging_product: z.string().optional(),
    metadata: z.object({ display_phone_number: z.string().optional(), phone_number_id: z.string() }),
    contacts: z
      .array(
        z
          .object({
            wa_id: z.string().optional(),
            user_id: z.string().optional(),
            profile: z.object({ name: z.string().optional() }).partial().optional(),
          })
          .passthrough(),
      )
      .optional(),
    messages: z.array(z.unknown()).optional(),
    statuses: z.array(z.unknown()).optional(),
    errors: z.array(z.unknown()).optional(),
  })
  .passthrough()
export type ChangeValue = z.infer<typeof ZChangeValue>

export const ZWebhookBody = z.object({
  object: z.string(),
  entry: z.array(
    z.object({
      id: z.string().optional(),
      changes: z.array(z.object({ field: z.string(), value: z.unknown() })),
    }),
  ),
})

/** The phone_number_ids a body names, for routing and for picking the secrets to check it with. */
export function phoneNumberIdsOf(body: unknown): string[] {
  const parsed = ZWebhookBody.safeParse(body)
  if (!parsed.success) return []
  const ids = parsed.data.entry.flatMap((e) =>
    e.changes.flatMap((c) => {
      const id = (c.value as { metadata?: { phone_number_id?: unknown } } | null)?.metadata?.phone_number_id
      return typeof id === 'string' ? [id] : []
    }),
  )
  return [...new Set(ids)]
}

/** A line for the operator's thread: the text, the caption, the chosen reply or the type. */
export function summaryOf(message: InboundMessage): string {
  if (message.text?.body) return message.text.body
  if (message.interactive?.button_reply) return message.interactive.button_reply.title
  if (message.interactive?.list_reply) return message.interactive.list_reply.title
  if (message.button?.text) return message.button.text
  if (message.location)
    return [
      message.location.name,
      message.location.address,
      `${message.location.latitude}, ${message.location.longitude}`,
    ]
      .filter(Boolean)
      .join(' · ')
  const media = (message as Record<string, unknown>)[message.type] as { caption?: string } | undefined
  return media?.caption ?? `[${message.type}]`
}
