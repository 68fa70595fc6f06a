import { and, eq, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm'
import type { Tx } from '#db/client.ts'
import { complaintSteps, sopVersions } from '#db/schema/index.ts'

export type StepFigure = {
  sopId: string
  stepKey: string
  finished: number
  /** Finished visits that had a due time (a step without a limit has none). */
  limited: number
  withinLimit: number
  /** Share of finished visits done by their due time; null when none had a limit. */
  onTimeShare: number | null
  medianMinutes: number | null
  p90Minutes: number | null
}

/**
 * Per SOP step, over the visits finished in [from, to): how many were done within the limit (the
 * SOP's "mutu baku" made measurable), and the median and 90th percentile time taken, in minutes.
 */
export async function stepFigures({
  tx,
  tenantId,
  from,
  to,
  stepKeys,
}: {
  tx: Tx
  tenantId: string
  from: Date
  to: Date
  /**
   * Only these steps. Naming them lets PostgreSQL walk complaint_steps_stats_idx
   * (tenant_id, step_key, finished_at) per step instead of reading all of the tenant's visits.
   */
  stepKeys?: readonly string[]
}): Promise<StepFigure[]> {
  if (stepKeys?.length === 0) return []
  const minutes = sql`extract(epoch from (${complaintSteps.finishedAt} - ${complaintSteps.startedAt})) / 60`
  const rows = await tx
    .select({
      sopId: sopVersions.sopId,
      stepKey: complaintSteps.stepKey,
      finished: sql<number>`count(*)`.mapWith(Number),
      limited: sql<number>`count(*) filter (where ${complaintSteps.dueAt} is not null)`.mapWith(Number),
      withinLimit:
        sql<number>`count(*) filter (where ${complaintSteps.finishedAt} <= ${complaintSteps.dueAt})`.mapWith(
          Number,
        ),
      median: sql<number | null>`percentile_cont(0.5) within group (order by ${minutes})`,
      p90: sql<number | null>`percentile_cont(0.9) within group (order by ${minutes})`,
    })
    .from(complaintSteps)
    .innerJoin(
      sopVersions,
      and(eq(sopVersions.tenantId, complaintSteps.tenantId), eq(sopVersions.id, complaintSteps.sopVersionId)),
    )
    .where(
      and(
        eq(complaintSteps.tenantId, tenantId),
        stepKeys ? inArray(complaintSteps.stepKey, [...stepKeys]) : undefined,
        isNotNull(complaintSteps.finishedAt),
        gte(complaintSteps.finishedAt, from),
        lt(complaintSteps.finishedAt, to),
        // A visit ended by merging the complaint into another was not the step's work.
        sql`${complaintSteps.outcomeKey} is distinct from 'merged'`,
      ),
    )
    .groupBy(sopVersions.sopId, complaintSteps.stepKey)
  const round = (v: number | null) => (v === null ? null : Math.round(Number(v) * 10) / 10)
  return rows.map((r) => ({
    sopId: r.sopId,
    stepKey: r.stepKey,
    finished: r.finished,
    limited: r.limited,
    withinLimit: r.withinLimit,
    onTimeShare: r.limited === 0 ? null : r.withinLimit / r.limited,
    medianMinutes: round(r.median),
    p90Minutes: round(r.p90),
  }))
}
