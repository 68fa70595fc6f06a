import PgBoss from 'pg-boss'
import { JOBS } from './definitions.ts'

let boss: PgBoss | undefined

/**
 * pg-boss on the same PostgreSQL, as the owner role (it keeps its own schema `pgboss`). With
 * `work`, this process also runs the workers; `npm run worker` runs them alone for scale-out.
 */
export async function startJobs({ ownerUrl, work }: { ownerUrl: string; work: boolean }) {
  boss = new PgBoss({ connectionString: ownerUrl, schema: 'pgboss', max: 4 })
  boss.on('error', (error) => console.error('pg-boss:', error))
  await boss.start()
  for (const job of JOBS) {
    await boss.createQueue(job.name)
    if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: 'UTC' })
    if (work) {
      // Webhooks and sends wait for nobody: poll often and take several at once.
      await boss.work(job.name, { batchSize: 10, pollingIntervalSeconds: 0.5 }, async (batch) => {
        for (const item of batch) await job.handler(job.schema.parse(item.data ?? {}) as never)
      })
    }
  }
  return boss
}

export function isJobsStarted() {
  return boss !== undefined
}

export function jobQueue(): PgBoss {
  if (!boss) throw new Error('jobs not started')
  return boss
}

export async function stopJobs() {
  // Graceful: pg-boss 10 with graceful false leaves the process hanging.
  await boss?.stop({ graceful: true, timeout: 5_000 })
  boss = undefined
}
