import PgBoss from 'pg-boss'
import { JOBS } from './definitions.ts'

let boss: PgBoss | undefined

/**
 * pg-boss on the same PostgreSQL, as the owner role (it keeps its own schema `pgboss`). With
 * `work`, this process also runs the workers; `npm run worker` runs them alone for scale-out.
 */
export async function startJobs({ ownerUrl, work }: { ownerUrl: string; work: boolean }) {
  const instance = new PgBoss({ connectionString: ownerUrl, schema: 'pgboss', max: 4 })
  boss = instance
  instance.on('error', (error) => console.error('pg-boss:', error))
  await instance.start()
  for (const job of JOBS) {
    await instance.createQueue(job.name)
    if (job.cron) await instance.schedule(job.name, job.cron, {}, { tz: 'UTC' })
    if (work) {
      // Webhooks and sends wait for nobody: poll often and take several at once.
      // Each job of a batch on its own: one that fails is failed alone (pg-boss retries it), the
      // others complete; a failing job never holds back the nine fetched with it.
      await instance.work(job.name, { batchSize: 10, pollingIntervalSeconds: 0.5 }, async (batch) => {
        const failed: { id: string; error: unknown }[] = []
        for (const item of batch) {
          try {
            await job.handler(job.schema.parse(item.data ?? {}) as never)
          } catch (error) {
            console.error(`${job.name} ${item.id} failed:`, error)
            failed.push({ id: item.id, error })
          }
        }
        for (const { id, error } of failed) {
          // Failed before pg-boss completes the batch, which leaves jobs no longer active alone.
          await instance
            .fail(job.name, id, { message: String(error) })
            .catch((e: unknown) => console.error(`${job.name} ${id}: could not record the failure:`, e))
        }
      })
    }
  }
  if (work) {
    // A process that died after a 200 may have left deliveries it never queued: take them now
    // rather than at the sweep's next minute (processing twice is harmless, docs/decisions/007).
    await instance.send('whatsapp-sweep', { catchUp: true })
  }
  return instance
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
