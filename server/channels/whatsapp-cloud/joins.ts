import { and, eq } from 'drizzle-orm'
import { channels, conversations, messages, reporters } from '#db/schema/index.ts'

/**
 * The join conditions of the WhatsApp tables, tenant first (every foreign key carries it): a
 * message's conversation, and a conversation's channel and reporter.
 */
export const messageConversation = and(
  eq(conversations.tenantId, messages.tenantId),
  eq(conversations.id, messages.conversationId),
)!
export const conversationChannel = and(
  eq(channels.tenantId, conversations.tenantId),
  eq(channels.id, conversations.channelId),
)!
export const conversationReporter = and(
  eq(reporters.tenantId, conversations.tenantId),
  eq(reporters.id, conversations.reporterId),
)!
