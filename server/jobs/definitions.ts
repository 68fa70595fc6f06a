import { and, asc, eq, inArray, lt, or } from 'drizzle-orm'
import { z } from 'zod'
import { db } from '#db/client.ts'
import { tenants, webhookDeliveries } from '#db/schema/index.ts'
import { downloadPendingMedia } from '#server/channels/whatsapp-cloud/media.ts'
import { runReporterNotifications } from '#server/channels/whatsapp-cloud/notify.ts'
import { MAX_DELIVERY_ATTEMPTS, processDelivery } from '#server/channels/whatsapp-cloud/process-delivery.ts'
import { sendQueuedMessages } from '#server/channels/whatsapp-cloud/send.ts'
import { forgetOldLoginFailures } from '#server/auth/sign-in.ts'
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

/**
 * Runs `work` for every item, whatever happens to the others: a failure is logged and the rest go
 * on; the failures are thrown together at the end, so the job is still seen to have failed.
 */
export async function eachApart<T>(items: readonly T[], label: string, work: (item: T) => Promise<unknown>) {
  const errors: unknown[] = []
  for (const item of items) {
    try {
      await work(item)
    } catch (error) {
      console.error(`${label} ${String(item)}:`, error)
      errors.push(error)
    }
  }
  if (errors.length > 0)
    throw new AggregateError(errors, `${label}: ${errors.length} of ${items.length} failed`)
}

/** After inbound processing or an SOP action: tell reporters, then send what is queued. */
async function notifyAndSend(tenantIds: readonly string[]) {
  if (tenantIds.length === 0) return
  // A deactivated agency tells and sends nothing.
  const active = await db()
    .select({ id: tenants.id })
    .from(tenants)
    .where(and(inArray(tenants.id, [...tenantIds]), eq(tenants.active, true)))
  const activeIds = new Set(active.map((t) => t.id))
  await eachApart(
    tenantIds.filter((id) => activeIds.has(id)),
    'notify and send, tenant',
    async (id) => {
      await runDispatchActions(id)
      await runReporterNotifications(id)
      await sendQueuedMessages(id)
    },
  )
}

export const whatsappDelivery = define({
  name: 'whatsapp-delivery',
  schema: z.object({ deliveryId: z.number().int() }),
  handler: async ({ deliveryId }) => {
    const result = await processDelivery(deliveryId)
    if (result.error) console.warn(`WhatsApp: delivery ${deliveryId} failed: ${result.error}`)
    if (result.unroutable.length > 0)
      console.warn(
        `WhatsApp: unknown or inactive phone_number_id ${result.unroutable.join(', ')} (delivery ${deliveryId})`,
      )
    await notifyAndSend(result.tenantIds)
    await eachApart(result.tenantIds, 'media, tenant', downloadPendingMedia)
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
  /** `catchUp`: at a worker's start, every delivery still `received`, however new (see boss.ts). */
  schema: z.object({ catchUp: z.boolean().optional() }).passthrough(),
  // Deliveries stored but never processed (a crash between the 200 and the job), failed ones that
  // are not poison yet (once a minute, so at most MAX_DELIVERY_ATTEMPTS minutes), and SOP actions
  // that asked to tell a reporter. Each apart: one that fails does not stop the others.
  cron: '* * * * *',
  handler: async ({ catchUp }) => {
    const due = await db()
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(
        or(
          and(
            eq(webhookDeliveries.status, 'received'),
            lt(webhookDeliveries.receivedAt, new Date(Date.now() - (catchUp ? 0 : 30_000))),
          ),
          and(eq(webhookDeliveries.status, 'failed'), lt(webhookDeliveries.attempts, MAX_DELIVERY_ATTEMPTS)),
        ),
      )
      .orderBy(asc(webhookDeliveries.id))
      .limit(500)
    const failures: unknown[] = []
    const apart = (work: Promise<unknown>) => work.catch((error: unknown) => void failures.push(error))
    // Every delivery first, then each tenant told and sent to once (not once per delivery).
    await apart(
      eachApart(
        due.map((d) => d.id),
        'whatsapp-delivery',
        async (deliveryId) => {
          const result = await processDelivery(deliveryId)
          if (result.error) console.warn(`WhatsApp: delivery ${deliveryId} failed: ${result.error}`)
        },
      ),
    )
    const tenantIds = await allTenantIds()
    await apart(notifyAndSend(tenantIds))
    await apart(eachApart(tenantIds, 'media, tenant', downloadPendingMedia))
    if (failures.length > 0) throw new AggregateError(failures, 'whatsapp-sweep: some work failed')
  },
})

/** How long a processed, unroutable or failed webhook body is kept: long enough to look into one. */
export const WEBHOOK_RETENTION_DAYS = 30

export const webhookRetention = define({
  name: 'webhook-retention',
  schema: z.object({}).passthrough(),
  // Daily, at a quiet hour in Indonesia (03:20 WIB).
  cron: '20 20 * * *',
  handler: async () => {
    const before = new Date(Date.now() - WEBHOOK_RETENTION_DAYS * 86_400_000)
    let deleted = 0
    // In slices, so a large backlog never holds one long lock.
    for (;;) {
      const slice = db()
        .select({ id: webhookDeliveries.id })
        .from(webhookDeliveries)
        .where(
          and(
            inArray(webhookDeliveries.status, ['processed', 'unroutable', 'failed']),
            lt(webhookDeliveries.receivedAt, before),
          ),
        )
        .limit(5_000)
      const rows = await db()
        .delete(webhookDeliveries)
        .where(inArray(webhookDeliveries.id, slice))
        .returning({ id: webhookDeliveries.id })
      deleted += rows.length
      if (rows.length < 5_000) return { deleted }
    }
  },
})

export const loginFailureRetention = define({
  name: 'login-failure-retention',
  schema: z.object({}).passthrough(),
  cron: '17 * * * *',
  handler: async () => ({ deleted: await forgetOldLoginFailures() }),
})

export const JOBS: AnyJob[] = [
  slaScan,
  deliverEmails,
  dailyDigest,
  whatsappDelivery,
  whatsappSend,
  whatsappSweep,
  webhookRetention,
  loginFailureRetention,
]
