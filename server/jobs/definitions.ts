import { and, eq, lt } from 'drizzle-orm'
import { z } from 'zod'
import { db } from '#db/client.ts'
import { tenants, webhookDeliveries } from '#db/schema/index.ts'
import { downloadPendingMedia } from '#server/channels/whatsapp-cloud/media.ts'
import { runReporterNotifications } from '#server/channels/whatsapp-cloud/notify.ts'
import { processDelivery } from '#server/channels/whatsapp-cloud/process-delivery.ts'
import { sendQueuedMessages } from '#server/channels/whatsapp-cloud/send.ts'
import { runDispatchActions } from '#server/trc/dispatch.ts'
import { publicUrl } from '#server/env.ts'
import { deliverQueuedEmails } from '#server/mail/queue.ts'
import { sendDailyDigests } from '#server/notifications/digest.ts'
import { scanOverdueSteps } from '#server/sop/sla.ts'

/** A job: a queue name, the shape of its data and what it does (docs/style.md rule 11). */
export type JobDefinition<T extends z.ZodTypeAny = z.ZodTypeAny> = {
  name: string
  schema: T
  /** Cron in UTC, for jobs that run on a schedule. */
  cron?: string
  handler: (data: z.infer<T>) => Promise<unknown>
}

const define = <T extends z.ZodTypeAny>(job: JobDefinition<T>) => job

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

export const dailyDigest = define({
  name: 'daily-digest',
  schema: z.object({}).passthrough(),
  // Every quarter hour in UTC; each agency's digest goes out at the first run inside its own working
  // hours (WIB, WITA, WIT alike), once per member and day (server/notifications/digest.ts).
  cron: '*/15 * * * *',
  handler: async () => {
    const written = await sendDailyDigests({ publicUrl: publicUrl() })
    for (const tenantId of new Set(written.map((w) => w.tenantId))) await deliverEmails.handler({ tenantId })
    return { written: written.length }
  },
})

/** Jobs of any data shape; each validates its own data with its schema before the handler runs. */
export type AnyJob = Omit<JobDefinition, 'handler'> & { handler: (data: never) => Promise<unknown> }

const allTenantIds = async () =>
  (await db().select({ id: tenants.id }).from(tenants).where(eq(tenants.active, true))).map((t) => t.id)

/** After inbound processing or an SOP action: tell reporters, then send what is queued. */
async function notifyAndSend(tenantIds: readonly string[]) {
  for (const id of tenantIds) {
    await runDispatchActions(id)
    await runReporterNotifications(id)
    await sendQueuedMessages(id)
  }
}

export const whatsappDelivery = define({
  name: 'whatsapp-delivery',
  schema: z.object({ deliveryId: z.number().int() }),
  handler: async ({ deliveryId }) => {
    const result = await processDelivery(deliveryId)
    await notifyAndSend(result.tenantIds)
    for (const id of result.tenantIds) await downloadPendingMedia(id)
    if (result.unroutable.length > 0)
      console.warn(
        `WhatsApp: unknown phone_number_id ${result.unroutable.join(', ')} (delivery ${deliveryId})`,
      )
    return result
  },
})

/** Tell reporters and send what is queued for one tenant: after a transition, a reply, a new token. */
export const whatsappSend = define({
  name: 'whatsapp-send',
  schema: z.object({ tenantId: z.string().uuid() }),
  handler: async ({ tenantId }) => notifyAndSend([tenantId]),
})

export const whatsappSweep = define({
  name: 'whatsapp-sweep',
  schema: z.object({}).passthrough(),
  // Deliveries stored but never processed (a crash between the 200 and the job), retries that are due,
  // and SOP actions that asked to tell a reporter.
  cron: '* * * * *',
  handler: async () => {
    const stuck = await db()
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(
        and(
          eq(webhookDeliveries.status, 'received'),
          lt(webhookDeliveries.receivedAt, new Date(Date.now() - 30_000)),
        ),
      )
      .limit(500)
    for (const { id } of stuck) await whatsappDelivery.handler({ deliveryId: id })
    const tenantIds = await allTenantIds()
    await notifyAndSend(tenantIds)
    for (const id of tenantIds) await downloadPendingMedia(id)
  },
})

export const JOBS: AnyJob[] = [
  slaScan,
  deliverEmails,
  dailyDigest,
  whatsappDelivery,
  whatsappSend,
  whatsappSweep,
]
