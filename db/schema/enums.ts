import { pgEnum } from 'drizzle-orm/pg-core'

/** Where a complaint came in. Kept apart so schema files can share it without import cycles. */
export const CHANNEL_KINDS = ['whatsapp', 'web', 'walk_in', 'letter', 'phone', 'social', 'email'] as const
export type ChannelKind = (typeof CHANNEL_KINDS)[number]
export const channelKind = pgEnum('channel_kind', CHANNEL_KINDS)
