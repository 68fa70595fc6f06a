import { and, asc, eq, gte, inArray, lt, sql } from 'drizzle-orm'
import type { Tx } from '#db/client.ts'
import { CHANNEL_KINDS, type ChannelKind } from '#db/schema/enums.ts'
import { areas, categories, complaints, sops, sopVersions, type tenants } from '#db/schema/index.ts'
import type { Dashboard } from '#server/routers/tenant/get-dashboard.types.ts'
import { stepFigures } from '#server/sop/stats.ts'

/** Complaints being worked on: the SLA clock runs for these (docs/decisions/005). */
const OPEN = ['open', 'in_progress'] as const
const DAYS = 30
const OVERDUE_LIST = 10
const count = () => sql<number>`count(*)`.mapWith(Number)

type StepRef = NonNullable<Dashboard['overdue'][number]['step']>

/** YYYY-MM-DD of the calendar day `days` before `date` (a plain date, no timezone involved). */
function dayBefore(date: string, days: number) {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10)
}

/**
 * The supervisor's figures for one tenant at `now`, in the tenant's timezone. Each query starts
 * with `tenant_id` and stays on an index, so its cost grows with the work in hand, the recent
 * intake or the month's work, never with the whole history:
 * - the open set through complaints_step_idx (tenant_id, sop_version_id, current_step_key): a
 *   complaint is at a step exactly while it is open (the engine clears the step at the end). Not
 *   through complaints_status_idx: under row-level security PostgreSQL only uses leakproof
 *   operators in index conditions, and the enum `=` behind `status in (...)` is not leakproof, so a
 *   status condition is a filter on every row of the tenant; uuid and text `=` are leakproof;
 * - the 30 days through complaints_created_idx (timestamptz comparisons are leakproof);
 * - the month's step visits through complaint_steps_stats_idx, per step key.
 */
export async function dashboardFigures({
  tx,
  tenant,
  now = new Date(),
}: {
  tx: Tx
  tenant: Pick<typeof tenants.$inferSelect, 'id' | 'timezone'>
  now?: Date
}): Promise<Dashboard> {
  const tenantId = tenant.id
  const tz = tenant.timezone
  const nowIso = now.toISOString()

  // The tenant's calendar: today's date, and the instants its days and month start at.
  const local = sql`(${nowIso}::timestamptz at time zone ${tz})`
  const [bounds] = await tx.execute<{
    today: string
    from_ms: number
    tomorrow_ms: number
    month_ms: number
  }>(
    sql`select to_char(${local}, 'YYYY-MM-DD') as today,
      extract(epoch from (date_trunc('day', ${local}) - make_interval(days => ${DAYS - 1})) at time zone ${tz})::float8 * 1000 as from_ms,
      extract(epoch from (date_trunc('day', ${local}) + interval '1 day') at time zone ${tz})::float8 * 1000 as tomorrow_ms,
      extract(epoch from date_trunc('month', ${local}) at time zone ${tz})::float8 * 1000 as month_ms`,
  )
  if (!bounds) throw new Error('calendar bounds not computed')
  const today = bounds.today
  const from = new Date(Number(bounds.from_ms))
  const tomorrow = new Date(Number(bounds.tomorrow_ms))
  const monthStart = new Date(Number(bounds.month_ms))

  // Step names come from the SOP versions, the published one first (a complaint pins its version).
  const versions = await tx
    .select({
      id: sopVersions.id,
      sopId: sopVersions.sopId,
      version: sopVersions.version,
      definition: sopVersions.definition,
      sopNameId: sops.nameId,
      sopNameEn: sops.nameEn,
      publishedVersionId: sops.publishedVersionId,
    })
    .from(sopVersions)
    .innerJoin(sops, and(eq(sops.tenantId, sopVersions.tenantId), eq(sops.id, sopVersions.sopId)))
    .where(eq(sopVersions.tenantId, tenantId))
  versions.sort(
    (a, b) =>
      Number(b.id === b.publishedVersionId) - Number(a.id === a.publishedVersionId) || b.version - a.version,
  )
  const sopOfVersion = new Map(versions.map((v) => [v.id, v.sopId]))
  const steps = new Map<string, StepRef & { sopOrder: string; position: number }>()
  for (const v of versions) {
    v.definition.steps.forEach((step, position) => {
      const key = `${v.sopId}:${step.key}`
      if (steps.has(key)) return
      steps.set(key, {
        sopId: v.sopId,
        sopNameId: v.sopNameId,
        sopNameEn: v.sopNameEn,
        stepKey: step.key,
        nameId: step.nameId,
        nameEn: step.nameEn,
        sopOrder: v.sopNameId,
        position,
      })
    })
  }
  const stepRef = (sopId: string | undefined, stepKey: string | null): StepRef | null => {
    const found = sopId && stepKey ? steps.get(`${sopId}:${stepKey}`) : undefined
    if (!found) return null
    const { sopId: id, sopNameId, sopNameEn, stepKey: key, nameId, nameEn } = found
    return { sopId: id, sopNameId, sopNameEn, stepKey: key, nameId, nameEn }
  }
  const inStepOrder = (a: { sopId: string; stepKey: string }, b: { sopId: string; stepKey: string }) => {
    const x = steps.get(`${a.sopId}:${a.stepKey}`)
    const y = steps.get(`${b.sopId}:${b.stepKey}`)
    return (x?.sopOrder ?? '').localeCompare(y?.sopOrder ?? '') || (x?.position ?? 0) - (y?.position ?? 0)
  }

  // Open complaints by the step they are at (and where); "overdue" is past the step's due time now.
  const versionIds = versions.map((v) => v.id)
  const stepKeys = [...new Set([...steps.values()].map((s) => s.stepKey))]
  const atAStep =
    versionIds.length === 0
      ? sql`false`
      : and(
          eq(complaints.tenantId, tenantId),
          inArray(complaints.sopVersionId, versionIds),
          inArray(complaints.currentStepKey, stepKeys),
          inArray(complaints.status, [...OPEN]),
        )
  const openRows = await tx
    .select({
      sopVersionId: complaints.sopVersionId,
      stepKey: complaints.currentStepKey,
      kecamatanId: complaints.kecamatanId,
      open: count(),
      overdue: sql<number>`count(*) filter (where ${complaints.stepDueAt} < ${nowIso}::timestamptz)`.mapWith(
        Number,
      ),
    })
    .from(complaints)
    .where(atAStep)
    .groupBy(complaints.sopVersionId, complaints.currentStepKey, complaints.kecamatanId)
  const openByStep = new Map<string, Dashboard['openByStep'][number]>()
  const openByPlace = new Map<string | null, number>()
  let open = 0
  let overdueTotal = 0
  for (const row of openRows) {
    open += row.open
    overdueTotal += row.overdue
    openByPlace.set(row.kecamatanId, (openByPlace.get(row.kecamatanId) ?? 0) + row.open)
    const ref = stepRef(row.sopVersionId ? sopOfVersion.get(row.sopVersionId) : undefined, row.stepKey)
    if (!ref) continue
    const key = `${ref.sopId}:${ref.stepKey}`
    const current = openByStep.get(key) ?? { ...ref, open: 0, overdue: 0 }
    current.open += row.open
    current.overdue += row.overdue
    openByStep.set(key, current)
  }

  const overdueRows = await tx
    .select({
      ticketNumber: complaints.ticketNumber,
      sopVersionId: complaints.sopVersionId,
      stepKey: complaints.currentStepKey,
      dueAt: complaints.stepDueAt,
      categoryId: categories.nameId,
      categoryEn: categories.nameEn,
      kecamatan: areas.name,
    })
    .from(complaints)
    .leftJoin(
      categories,
      and(eq(categories.tenantId, complaints.tenantId), eq(categories.id, complaints.categoryId)),
    )
    .leftJoin(areas, and(eq(areas.tenantId, complaints.tenantId), eq(areas.id, complaints.kecamatanId)))
    .where(and(atAStep, lt(complaints.stepDueAt, now)))
    .orderBy(asc(complaints.stepDueAt), asc(complaints.id))
    .limit(OVERDUE_LIST)

  // Intake per calendar day and channel over the last 30 days (today included).
  const intakeRows = await tx
    .select({
      day: sql<string>`to_char(${complaints.createdAt} at time zone ${tz}, 'YYYY-MM-DD')`,
      channel: complaints.channel,
      n: count(),
    })
    .from(complaints)
    .where(
      and(
        eq(complaints.tenantId, tenantId),
        gte(complaints.createdAt, from),
        lt(complaints.createdAt, tomorrow),
      ),
    )
    // By position: the same expression twice with a bound time zone would be two different expressions.
    .groupBy(sql`1`, sql`2`)
  const perDay = new Map<string, number>()
  const todayByChannel = new Map<ChannelKind, number>()
  for (const row of intakeRows) {
    perDay.set(row.day, (perDay.get(row.day) ?? 0) + row.n)
    if (row.day === today) todayByChannel.set(row.channel, row.n)
  }
  const daily = Array.from({ length: DAYS }, (_, i) => {
    const date = dayBefore(today, DAYS - 1 - i)
    return { date, count: perDay.get(date) ?? 0 }
  })

  // Where complaints come from: received in the 30 days (open now: above), per kecamatan.
  const areaRows = await tx
    .select({ id: areas.id, name: areas.name, latitude: areas.latitude, longitude: areas.longitude })
    .from(areas)
    .where(and(eq(areas.tenantId, tenantId), eq(areas.kind, 'kecamatan')))
    .orderBy(asc(areas.name))
  const placeRows = await tx
    .select({
      kecamatanId: complaints.kecamatanId,
      received: count(),
    })
    .from(complaints)
    .where(
      and(
        eq(complaints.tenantId, tenantId),
        gte(complaints.createdAt, from),
        lt(complaints.createdAt, tomorrow),
      ),
    )
    .groupBy(complaints.kecamatanId)
  const receivedByPlace = new Map(placeRows.map((r) => [r.kecamatanId, r.received]))

  // On time this month: step visits finished since the 1st, done by their due time.
  const figures = await stepFigures({
    tx,
    tenantId,
    from: monthStart,
    to: now,
    stepKeys,
  })
  const onTimeByStep = figures
    .flatMap((f) => {
      const ref = stepRef(f.sopId, f.stepKey)
      return ref
        ? [
            {
              ...ref,
              finished: f.finished,
              limited: f.limited,
              withinLimit: f.withinLimit,
              share: f.onTimeShare,
              medianMinutes: f.medianMinutes,
            },
          ]
        : []
    })
    .sort(inStepOrder)
  const limited = figures.reduce((sum, f) => sum + f.limited, 0)
  const withinLimit = figures.reduce((sum, f) => sum + f.withinLimit, 0)

  return {
    now: nowIso,
    today,
    totals: {
      receivedToday: [...todayByChannel.values()].reduce((sum, n) => sum + n, 0),
      open,
      overdue: overdueTotal,
      onTimeThisMonth: { limited, withinLimit, share: limited === 0 ? null : withinLimit / limited },
    },
    intakeToday: CHANNEL_KINDS.map((channel) => ({ channel, count: todayByChannel.get(channel) ?? 0 })),
    openByStep: [...openByStep.values()].sort(inStepOrder),
    overdue: overdueRows.map((r) => ({
      ticketNumber: r.ticketNumber,
      step: stepRef(r.sopVersionId ? sopOfVersion.get(r.sopVersionId) : undefined, r.stepKey),
      dueAt: r.dueAt!.toISOString(),
      overdueMinutes: Math.floor((now.getTime() - r.dueAt!.getTime()) / 60_000),
      category: r.categoryId ? { nameId: r.categoryId, nameEn: r.categoryEn ?? r.categoryId } : null,
      kecamatan: r.kecamatan,
    })),
    onTimeByStep,
    daily,
    kecamatan: areaRows.map((a) => ({
      ...a,
      received: receivedByPlace.get(a.id) ?? 0,
      open: openByPlace.get(a.id) ?? 0,
    })),
    withoutKecamatan: {
      received: receivedByPlace.get(null) ?? 0,
      open: openByPlace.get(null) ?? 0,
    },
  }
}
