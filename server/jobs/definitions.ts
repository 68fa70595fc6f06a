import { z } from 'zod'
import { db } from '#db/client.ts'
import { tenants } from '#db/schema/index.ts'
import { env } from '#server/env.ts'
import { deliverQueuedEmails } from '#server/mail/queue.ts'
import { scanOverdueSteps } from '#server/sop/sla.ts'

/** A job: a queue name, the shape of its data and what it does (STYLE.md rule 11). */
export type JobDefinition<T extends z.ZodTypeAny = z.ZodTypeAny> = {
  name: string
  schema: T
  /** Cron in UTC, for jobs that run on a schedule. */
  cron?: string
  handler: (data: z.infer<T>) => Promise<unknown>
}

const define = <T extends z.ZodTypeAny>(job: JobDefinition<T>) => job

export const publicUrl = () => env.PUBLIC_URL ?? `http://localhost:${env.PORT}`

export const deliverEmails = define({
  name: 'deliver-emails',
  schema: z.object({ tenantId: z.string().uuid().optional() }),
  // A safety net: mail queued by anything is sent within a minute even if no one asked for it.
  cron: '* * * * *',
  handler: async ({ tenantId }) => {
    const ids = tenantId ? [tenantId] : (await db().select({ id: tenants.id }).from(tenants)).map((t) => t.id)
    for (const id of ids) await deliverQueuedEmails(id)
  },
})

export const slaScan = define({
  name: 'sla-scan',
  schema: z.object({}).passthrough(),
  cron: '* * * * *',
  handler: async () => {
    const escalated = await scanOverdueSteps({ publicUrl: publicUrl() })
    for (const tenantId of new Set(escalated.map((e) => e.tenantId)))
      await deliverEmails.handler({ tenantId })
    return { escalated: escalated.length }
  },
})

/** Jobs of any data shape; each validates its own data with its schema before the handler runs. */
export type AnyJob = Omit<JobDefinition, 'handler'> & { handler: (data: never) => Promise<unknown> }

export const JOBS: AnyJob[] = [slaScan, deliverEmails]
