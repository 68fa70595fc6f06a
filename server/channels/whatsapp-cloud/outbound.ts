import { and, eq, sql } from 'drizzle-orm'
import type { TFunction } from 'i18next'
import type { Tx } from '#db/client.ts'
import { messages, messageTemplates } from '#db/schema/index.ts'
import { translator } from '#server/i18n/translate.ts'

/**
 * The text of a message to a reporter: the tenant's own template when it has one for the kind and
 * language, else the platform's text from the locale files; {{name}} placeholders filled in.
 */
export async function renderReporterText({
  tx,
  tenantId,
  key,
  language,
  params,
}: {
  tx: Tx
  tenantId: string
  key: string
  language: string
  params: Record<string, string>
}): Promise<{ text: string; whatsappTemplateName: string | null }> {
  const [own] = await tx
    .select()
    .from(messageTemplates)
    .where(
      and(
        eq(messageTemplates.tenantId, tenantId),
        eq(messageTemplates.key, key),
        eq(messageTemplates.language, language),
      ),
    )
  const t: TFunction = await translator(language)
  const body = own?.body ?? t(`whatsapp.texts.${key}`, { defaultValue: '' })
  const text = body.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => params[name] ?? '')
  return { text, whatsappTemplateName: own?.whatsappTemplateName ?? null }
}

/** A message to the reporter is a row first; the send job takes it from there, in order. */
export async function queueReporterMessage({
  tx,
  tenantId,
  conversationId,
  text,
  templateKey,
  params = {},
  interactive,
  whatsappTemplateName,
}: {
  tx: Tx
  tenantId: string
  conversationId: string
  text: string
  templateKey?: string
  params?: Record<string, string>
  /** A Cloud API interactive object (reply buttons, a list), sent instead of plain text. */
  interactive?: Record<string, unknown>
  /** The approved template for this kind, used outside the 24-hour window. */
  whatsappTemplateName?: string | null
}) {
  const [row] = await tx
    .insert(messages)
    .values({
      tenantId,
      conversationId,
      direction: 'outbound',
      type: interactive ? 'interactive' : 'text',
      body: text,
      payload: {
        params,
        // jsonb keeps an object's keys in its own order; the template's parameters go in this order.
        templateParams: Object.values(params),
        ...(interactive ? { interactive } : {}),
        ...(whatsappTemplateName ? { whatsappTemplateName } : {}),
      },
      status: 'queued',
      templateKey: templateKey ?? null,
      nextAttemptAt: new Date(),
      // Not now(): that is the transaction's start, the same for every message it queues, and the
      // send job keeps a reporter's messages in this order.
      createdAt: sql`clock_timestamp()`,
    })
    .returning({ id: messages.id })
  return row!.id
}
