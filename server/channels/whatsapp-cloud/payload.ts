import { z } from 'zod'

/**
 * The webhook payload of the Cloud API. Tolerant of what it does not read: unknown
 * fields pass through and unknown message types are kept whole. Strict about what it reads: every
 * field that processing stores or computes with has the type and a size PostgreSQL accepts, so a
 * body that passes here cannot make processing throw (a non-numeric timestamp, a caption that is
 * not a string, a 3 MB wamid too long for its index).
 */

/** Meta's phone_number_id: digits only. Checked before anything looks a number up. */
export const PHONE_NUMBER_ID = /^\d{6,20}$/
/** Unix seconds as Meta writes them, a string of digits. */
const ZTimestamp = z.string().regex(/^\d{1,12}$/, 'timestamp must be Unix seconds')
/** An identifier that goes into a unique index (btree entries are limited to about 2.7 kB). */
const ZId = z.string().min(1).max(256)
/** Free text a person wrote: Meta's limits are 4,096 characters; anything far beyond is not Meta. */
const ZText = z.string().max(65_536)
const ZLabel = z.string().max(1_024)

/** The media object of an image, video, audio, document or sticker message. */
export const ZMedia = z
  .object({
    // It goes into a Graph API path: only the characters a media id has.
    id: z
      .string()
      .regex(/^[0-9A-Za-z_-]{1,128}$/)
      .optional(),
    mime_type: ZLabel.optional(),
    sha256: ZLabel.optional(),
    caption: ZText.optional(),
    filename: ZLabel.optional(),
  })
  .passthrough()
export const MEDIA_KINDS = ['image', 'video', 'audio', 'document', 'sticker'] as const

export const ZInboundMessage = z
  .object({
    from: z.string().min(1).max(64),
    id: ZId,
    timestamp: ZTimestamp,
    type: z.string().min(1).max(64),
    text: z.object({ body: ZText }).partial().optional(),
    location: z
      .object({
        latitude: z.number().min(-90).max(90),
        longitude: z.number().min(-180).max(180),
        name: ZLabel.optional(),
        address: ZLabel.optional(),
      })
      .optional(),
    interactive: z
      .object({
        type: ZLabel,
        button_reply: z.object({ id: ZLabel, title: ZLabel }).optional(),
        list_reply: z.object({ id: ZLabel, title: ZLabel, description: ZLabel.optional() }).optional(),
      })
      .optional(),
    button: z.object({ payload: ZLabel.optional(), text: ZLabel.optional() }).optional(),
    context: z.object({ from: ZLabel.optional(), id: ZLabel.optional() }).optional(),
    image: ZMedia.optional(),
    video: ZMedia.optional(),
    audio: ZMedia.optional(),
    document: ZMedia.optional(),
    sticker: ZMedia.optional(),
  })
  .passthrough()
export type InboundMessage = z.infer<typeof ZInboundMessage>

export const ZStatus = z
  .object({
    id: ZId,
    status: z.string().min(1).max(64),
    timestamp: ZTimestamp,
    recipient_id: ZLabel.optional(),
    errors: z
      .array(
        z.object({ code: z.number(), title: ZLabel.optional(), message: ZText.optional() }).passthrough(),
      )
      .optional(),
  })
  .passthrough()

export const ZChangeValue = z
  .object({
    messaging_product: z.string().optional(),
    metadata: z.object({
      display_phone_number: z.string().optional(),
      phone_number_id: z.string().regex(PHONE_NUMBER_ID),
    }),
    contacts: z
      .array(
        z
          .object({
            wa_id: z.string().max(64).optional(),
            user_id: z.string().max(256).optional(),
            profile: z.object({ name: ZLabel.optional() }).partial().optional(),
          })
          .passthrough(),
      )
      .optional(),
    messages: z.array(ZInboundMessage).optional(),
    statuses: z.array(ZStatus).optional(),
    errors: z.array(z.unknown()).optional(),
  })
  .passthrough()
export type ChangeValue = z.infer<typeof ZChangeValue>

/** The envelope: enough to find the numbers a body names. */
export const ZEnvelope = z.object({
  object: z.string(),
  entry: z.array(
    z.object({
      id: z.string().optional(),
      changes: z.array(z.object({ field: z.string(), value: z.unknown() })),
    }),
  ),
})

/** The whole body: the envelope, and each `messages` change of a shape processing can store. */
export const ZWebhookBody = ZEnvelope.superRefine((body, ctx) => {
  body.entry.forEach((entry, e) =>
    entry.changes.forEach((change, c) => {
      if (change.field !== 'messages') return
      const value = ZChangeValue.safeParse(change.value)
      if (value.success) return
      for (const issue of value.error.issues)
        ctx.addIssue({ ...issue, path: ['entry', e, 'changes', c, 'value', ...issue.path] })
    }),
  )
})

export type NumbersOfBody =
  { ok: true; phoneNumberIds: string[] } | { ok: false; error: 'phone_number_id_invalid'; path: string }

/**
 * The phone_number_ids a body names, for picking the secrets to check it with and for routing.
 * Every one must be digits (`PHONE_NUMBER_ID`) before it goes near a query. A body that is not an
 * envelope names none (and only the platform secret can sign it).
 */
export function phoneNumberIdsOf(body: unknown): NumbersOfBody {
  const parsed = ZEnvelope.safeParse(body)
  if (!parsed.success) return { ok: true, phoneNumberIds: [] }
  const ids = new Set<string>()
  for (const [e, entry] of parsed.data.entry.entries()) {
    for (const [c, change] of entry.changes.entries()) {
      const metadata = (change.value as { metadata?: unknown } | null)?.metadata
      if (metadata === undefined || metadata === null || typeof metadata !== 'object') continue
      if (!('phone_number_id' in metadata)) continue
      const id = (metadata as { phone_number_id: unknown }).phone_number_id
      if (typeof id !== 'string' || !PHONE_NUMBER_ID.test(id))
        return {
          ok: false,
          error: 'phone_number_id_invalid',
          path: `entry.${e}.changes.${c}.value.metadata.phone_number_id`,
        }
      ids.add(id)
    }
  }
  return { ok: true, phoneNumberIds: [...ids] }
}

/** Where a body first fails `ZWebhookBody`, as a dotted path for the refusal, or null when it passes. */
export function payloadProblem(body: unknown): string | null {
  const parsed = ZWebhookBody.safeParse(body)
  if (parsed.success) return null
  const issue = parsed.error.issues[0]!
  return `${issue.path.join('.') || '(body)'}: ${issue.message}`
}

// A NUL character, or a surrogate without its other half.
// eslint-disable-next-line no-control-regex -- the NUL is exactly what is looked for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/**
 * What PostgreSQL cannot hold, made harmless: a NUL character (text and jsonb refuse it) and an
 * unpaired surrogate (jsonb refuses its escape) become U+FFFD, in keys and values alike. The rest
 * of a genuine message is kept.
 */
export function storable(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(UNSTORABLE, '\uFFFD')
  if (Array.isArray(value)) return value.map(storable)
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storable(k) as string, storable(v)]))
  return value
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
  const media = Object.hasOwn(message, message.type)
    ? (message as Record<string, unknown>)[message.type]
    : undefined
  const caption = (media as { caption?: unknown } | undefined)?.caption
  return typeof caption === 'string' ? caption : `[${message.type}]`
}
