import { and, desc, eq, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm'
import { areas, categories, complaints, conversations, reporters, sopVersions } from '#db/schema/index.ts'
import { maskName } from '#server/complaints/mask.ts'
import { startOfLocalDate } from '#server/sop/clock.ts'
import { AppError } from '#server/errors.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'
import { ZFindInboxInput } from './find-inbox.types.ts'
import { ACTIVE_STATUSES } from '#server/complaints/status.ts'
import { conversationReporter } from '#server/channels/whatsapp-cloud/joins.ts'

/** Escapes LIKE's wildcards in what a person typed. */
const likeTerm = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/**
 * A cursor's time as this procedure gave it out (an ISO instant, or 'infinity' for steps without a
 * limit), or null when it is not one PostgreSQL can read: a mangled or hand-made link.
 */
export function cursorInstant(at: string): Date | 'infinity' | null {
  if (at === 'infinity') return 'infinity'
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(at)) return null
  const date = new Date(at)
  const year = date.getUTCFullYear()
  // PostgreSQL has no year 0; a year past 9999 would be written with a sign it cannot read.
  return Number.isNaN(date.getTime()) || year < 1 || year > 9999 ? null : date
}

/**
 * The unified inbox: complaints of every channel, newest or most urgent first, filtered, searched
 * (trigram indexes on ticket and description, and on reporter names), keyset-paginated so a page
 * costs the same on the first and the thousandth page. Each row carries its current step and how
 * much of the step's time is left.
 */
export const findInboxProcedure = tenantProcedureWith('complaint.view')
  .input(ZFindInboxInput)
  .query(async ({ ctx, input }) => {
    const tenantId = ctx.tenant.id
    const seesPii = ctx.permissions.has('reporter.view_pii')
    const cursorAt = input.cursor ? cursorInstant(input.cursor.at) : null
    if (input.cursor && !cursorAt) throw new AppError('BAD_REQUEST', 'scoping.badCursor')
    const versions = await ctx.tx
      .select({ id: sopVersions.id, sopId: sopVersions.sopId, definition: sopVersions.definition })
      .from(sopVersions)
      .where(eq(sopVersions.tenantId, tenantId))
    const stepName = new Map<string, { nameId: string; nameEn: string; roleKeys: string[] }>()
    const mySteps: { versionId: string; stepKey: string }[] = []
    for (const version of versions) {
      for (const step of version.definition.steps) {
        stepName.set(`${version.id}:${step.key}`, {
          nameId: step.nameId,
          nameEn: step.nameEn,
          roleKeys: step.roleKeys,
        })
        if (step.roleKeys.some((r) => ctx.roleKeys.includes(r)))
          mySteps.push({ versionId: version.id, stepKey: step.key })
      }
    }

    const where: (SQL | undefined)[] = [eq(complaints.tenantId, tenantId)]
    if (input.status === 'active') where.push(inArray(complaints.status, [...ACTIVE_STATUSES]))
    else if (input.status !== 'any') where.push(eq(complaints.status, input.status))
    if (input.stepKey) where.push(eq(complaints.currentStepKey, input.stepKey))
    if (input.sopId) {
      const ofSop = versions.filter((v) => v.sopId === input.sopId).map((v) => v.id)
      where.push(ofSop.length === 0 ? sql`false` : inArray(complaints.sopVersionId, ofSop))
    }
    if (input.categoryId) where.push(eq(complaints.categoryId, input.categoryId))
    if (input.channel) where.push(eq(complaints.channel, input.channel))
    if (input.kecamatanId) where.push(eq(complaints.kecamatanId, input.kecamatanId))
    if (input.overdue || input.view === 'overdue') {
      where.push(inArray(complaints.status, [...ACTIVE_STATUSES]), lt(complaints.stepDueAt, new Date()))
    }
    if (input.view === 'mine') where.push(eq(complaints.assigneeMembershipId, ctx.membership.id))
    if (input.view === 'waiting') {
      where.push(
        mySteps.length === 0
          ? sql`false`
          : or(
              ...mySteps.map((s) =>
                and(eq(complaints.sopVersionId, s.versionId), eq(complaints.currentStepKey, s.stepKey)),
              ),
            ),
      )
    }
    // Days are the agency's days (WIB, WITA, WIT): 1 June means from 00:00 local time.
    if (input.from) where.push(gte(complaints.createdAt, startOfLocalDate(input.from, ctx.tenant.timezone)))
    // The calendar's last day has no day after it to stop before: up to it means no upper bound.
    if (input.to && input.to < LAST_DATE)
      where.push(lt(complaints.createdAt, startOfLocalDate(nextDate(input.to), ctx.tenant.timezone)))
    if (input.q) {
      const term = likeTerm(input.q)
      // Only what the person may see is searched: a reporter's name only with reporter.view_pii
      // (else a search for each next letter would spell out a name shown masked, or an anonymous
      // reporter's shown not at all). Phone numbers and e-mail addresses are not searched.
      const text = sql`(${complaints.ticketNumber} || ' ' || ${complaints.description}) ilike ${term}`
      where.push(
        seesPii
          ? or(
              text,
              sql`exists (select 1 from ${reporters} r where r.tenant_id = ${complaints.tenantId} and r.id = ${complaints.reporterId} and r.name ilike ${term})`,
            )
          : text,
      )
    }
    const urgent = input.sort === 'urgent'
    if (input.cursor && cursorAt) {
      // A step without a limit sorts last among the urgent; its cursor says so.
      const at =
        cursorAt === 'infinity' ? sql`'infinity'::timestamptz` : sql`${cursorAt.toISOString()}::timestamptz`
      where.push(
        urgent
          ? sql`(coalesce(${complaints.stepDueAt}, 'infinity'::timestamptz), ${complaints.id}) > (${at}, ${input.cursor.id})`
          : sql`(${complaints.createdAt}, ${complaints.id}) < (${at}, ${input.cursor.id})`,
      )
    }

    const rows = await ctx.tx
      .select({
        complaint: complaints,
        categoryId: categories.nameId,
        categoryEn: categories.nameEn,
        kecamatan: areas.name,
        reporterName: reporters.name,
        anonymous: reporters.anonymous,
      })
      .from(complaints)
      .leftJoin(
        categories,
        and(eq(categories.tenantId, complaints.tenantId), eq(categories.id, complaints.categoryId)),
      )
      .leftJoin(areas, and(eq(areas.tenantId, complaints.tenantId), eq(areas.id, complaints.kecamatanId)))
      .leftJoin(
        reporters,
        and(eq(reporters.tenantId, complaints.tenantId), eq(reporters.id, complaints.reporterId)),
      )
      .where(and(...where))
      .orderBy(
        ...(urgent
          ? [sql`coalesce(${complaints.stepDueAt}, 'infinity'::timestamptz) asc`, complaints.id]
          : [desc(complaints.createdAt), desc(complaints.id)]),
      )
      .limit(input.limit + 1)

    const now = Date.now()
    const page = rows.slice(0, input.limit)
    const last = page.at(-1)?.complaint
    // WhatsApp threads that have not become a complaint yet (a greeting, waiting for the story).
    const pendingConversations = input.cursor
      ? []
      : await ctx.tx
          .select({
            id: conversations.id,
            at: conversations.lastInboundAt,
            reporterName: reporters.name,
            anonymous: reporters.anonymous,
          })
          .from(conversations)
          .innerJoin(reporters, conversationReporter)
          .where(and(eq(conversations.tenantId, tenantId), isNull(conversations.complaintId)))
          .orderBy(desc(conversations.lastInboundAt))
          .limit(20)
    return {
      items: page.map(({ complaint: c, categoryId, categoryEn, kecamatan, reporterName, anonymous }) => {
        const step =
          c.sopVersionId && c.currentStepKey
            ? stepName.get(`${c.sopVersionId}:${c.currentStepKey}`)
            : undefined
        const started = c.stepStartedAt?.getTime()
        const due = c.stepDueAt?.getTime()
        const left = due === undefined ? null : due - now
        const share =
          due !== undefined && started !== undefined && due > started
            ? Math.max(0, left ?? 0) / (due - started)
            : null
        return {
          ticketNumber: c.ticketNumber,
          status: c.status,
          channel: c.channel,
          description: c.description.length > 160 ? `${c.description.slice(0, 157)}...` : c.description,
          category: categoryId ? { nameId: categoryId, nameEn: categoryEn ?? categoryId } : null,
          kecamatan,
          reporter: anonymous && !seesPii ? null : seesPii ? reporterName : maskName(reporterName),
          step: step
            ? {
                nameId: step.nameId,
                nameEn: step.nameEn,
                mine: step.roleKeys.some((r) => ctx.roleKeys.includes(r)),
              }
            : null,
          createdAt: c.createdAt.toISOString(),
          dueAt: c.stepDueAt?.toISOString() ?? null,
          /** green: on time; amber: under a quarter of the step's time left; red: past the limit. */
          urgency:
            left === null ? null : left < 0 ? 'overdue' : share !== null && share < 0.25 ? 'soon' : 'ok',
        }
      }),
      nextCursor:
        rows.length > input.limit && last
          ? {
              at: urgent ? (last.stepDueAt?.toISOString() ?? 'infinity') : last.createdAt.toISOString(),
              id: last.id,
            }
          : null,
      pendingConversations: pendingConversations.map((p) => ({
        id: p.id,
        at: p.at?.toISOString() ?? null,
        reporter: seesPii ? p.reporterName : p.anonymous ? null : maskName(p.reporterName),
      })),
    }
  })

const LAST_DATE = '9999-12-31'

/** The calendar day after 'YYYY-MM-DD' (before LAST_DATE). */
function nextDate(date: string) {
  const day = new Date(`${date}T00:00:00Z`)
  day.setUTCDate(day.getUTCDate() + 1)
  return day.toISOString().slice(0, 10)
}
