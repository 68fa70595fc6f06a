import { and, desc, eq, sql } from 'drizzle-orm'
import { complaints, notifications } from '#db/schema/index.ts'
import { translator } from '#server/i18n/translate.ts'
import { notificationText } from '#server/notifications/text.ts'
import { tenantProcedure } from '#server/trpc/trpc.ts'
import { ZFindNotificationsInput, ZFindNotificationsOutput } from './find-notifications.types.ts'
import { countUnread } from './get-unread-count.ts'

/**
 * The signed-in member's notifications, newest first, in keyset pages on
 * (tenant_id, membership_id, created_at): each with its text in the reader's language and the
 * complaint's ticket to link to. Only ever the member's own rows.
 */
export const findNotificationsProcedure = tenantProcedure
  .input(ZFindNotificationsInput)
  .output(ZFindNotificationsOutput)
  .query(async ({ ctx, input }) => {
    const tenantId = ctx.tenant.id
    const language = input.language ?? (ctx.user.language === 'en' ? 'en' : ctx.tenant.language)
    const rows = await ctx.tx
      .select({
        id: notifications.id,
        kind: notifications.kind,
        params: notifications.params,
        ticket: complaints.ticketNumber,
        readAt: notifications.readAt,
        // The cursor keeps PostgreSQL's microseconds; a JavaScript Date would drop them.
        at: sql<string>`to_json(${notifications.createdAt}) #>> '{}'`,
      })
      .from(notifications)
      .leftJoin(
        complaints,
        and(eq(complaints.tenantId, notifications.tenantId), eq(complaints.id, notifications.complaintId)),
      )
      .where(
        and(
          eq(notifications.tenantId, tenantId),
          eq(notifications.membershipId, ctx.membership.id),
          input.cursor
            ? sql`(${notifications.createdAt}, ${notifications.id}) < (${input.cursor.at}::timestamptz, ${input.cursor.id}::uuid)`
            : undefined,
        ),
      )
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(input.limit + 1)
    const page = rows.slice(0, input.limit)
    const last = page.at(-1)
    const t = await translator(language)
    return {
      items: page.map((row) => ({
        id: row.id,
        kind: row.kind,
        text: notificationText({ t, language, kind: row.kind, params: row.params, ticket: row.ticket }),
        ticket: row.ticket,
        createdAt: row.at,
        readAt: row.readAt?.toISOString() ?? null,
      })),
      unread: await countUnread(ctx),
      nextCursor: rows.length > input.limit && last ? { at: last.at, id: last.id } : null,
    }
  })
