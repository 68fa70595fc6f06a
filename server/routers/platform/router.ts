import { and, asc, desc, eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import { db } from '#db/client.ts'
import { channels, tenants, webhookDeliveries } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { AppError } from '#server/errors.ts'
import { createTenantFromPreset, ZNewTenant } from '#server/tenants/create-tenant.ts'
import { authedProcedure, router } from '#server/trpc/trpc.ts'

/** The platform's own administration: only for platform admins, never for a tenant's admin. */
const platformProcedure = authedProcedure.meta({ access: 'platform-admin' }).use(({ ctx, next }) => {
  if (!ctx.user.isPlatformAdmin) throw new AppError('NOT_FOUND', 'errors.notFound')
  return next()
})

type PendingChannel = {
  tenantId: string
  tenantSlug: string
  tenantName: string
  channelId: string
  phoneNumberId: string | null
  displayNumber: string | null
  createdAt: Date
}

/** WhatsApp numbers claimed by a tenant (and verified with Meta) that wait for a platform admin. */
async function pendingChannels(): Promise<PendingChannel[]> {
  const rows = (await db().execute(
    sql`select tenant_id, tenant_slug, tenant_name, channel_id, phone_number_id, display_number, created_at
        from whatsapp_channels_pending()`,
  )) as unknown as {
    tenant_id: string
    tenant_slug: string
    tenant_name: string
    channel_id: string
    phone_number_id: string | null
    display_number: string | null
    created_at: string | Date
  }[]
  return rows.map((r) => ({
    tenantId: r.tenant_id,
    tenantSlug: r.tenant_slug,
    tenantName: r.tenant_name,
    channelId: r.channel_id,
    phoneNumberId: r.phone_number_id,
    displayNumber: r.display_number,
    createdAt: new Date(r.created_at),
  }))
}

/** A pending number of the named tenant, or a 404 (another tenant's, approved, or none: the same). */
async function pendingChannel(input: { tenantSlug: string; channelId: string }) {
  const found = (await pendingChannels()).find(
    (c) => c.channelId === input.channelId && c.tenantSlug === input.tenantSlug,
  )
  if (!found) throw new AppError('NOT_FOUND', 'errors.notFound')
  return found
}

const ZChannelDecision = z.object({ tenantSlug: z.string().max(100), channelId: z.string().uuid() })

export const platformRouter = router({
  findTenants: platformProcedure.query(() =>
    db()
      .select({
        slug: tenants.slug,
        name: tenants.name,
        serviceName: tenants.serviceName,
        timezone: tenants.timezone,
        createdAt: tenants.createdAt,
      })
      .from(tenants)
      .orderBy(asc(tenants.name)),
  ),
  /** Webhook deliveries for numbers no agency has registered: kept, and shown here to be sorted out. */
  findUnroutable: platformProcedure.query(() =>
    db()
      .select({
        id: webhookDeliveries.id,
        phoneNumberIds: webhookDeliveries.phoneNumberIds,
        receivedAt: webhookDeliveries.receivedAt,
      })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.status, 'unroutable'))
      .orderBy(desc(webhookDeliveries.receivedAt))
      .limit(50),
  ),
  findPendingChannels: platformProcedure.query(() => pendingChannels()),
  /** The number may take complaints and send from now on. */
  approveChannel: platformProcedure.input(ZChannelDecision).mutation(async ({ input }) => {
    const channel = await pendingChannel(input)
    const updated = await withTenant(channel.tenantId, (tx) =>
      tx
        .update(channels)
        .set({ approval: 'approved', approvedAt: new Date() })
        .where(
          and(
            eq(channels.tenantId, channel.tenantId),
            eq(channels.id, channel.channelId),
            eq(channels.approval, 'pending'),
          ),
        )
        .returning({ id: channels.id }),
    )
    if (updated.length === 0) throw new AppError('NOT_FOUND', 'errors.notFound')
    return { channelId: channel.channelId, approval: 'approved' as const }
  }),
  /** A claim refused: the pending row goes, so the number is free for the agency that holds it. */
  rejectChannel: platformProcedure.input(ZChannelDecision).mutation(async ({ input }) => {
    const channel = await pendingChannel(input)
    const deleted = await withTenant(channel.tenantId, (tx) =>
      tx
        .delete(channels)
        .where(
          and(
            eq(channels.tenantId, channel.tenantId),
            eq(channels.id, channel.channelId),
            eq(channels.approval, 'pending'),
          ),
        )
        .returning({ id: channels.id }),
    )
    if (deleted.length === 0) throw new AppError('NOT_FOUND', 'errors.notFound')
    return { channelId: channel.channelId, deleted: true }
  }),
  createTenant: platformProcedure.input(ZNewTenant).mutation(async ({ input }) => {
    const { tenant } = await createTenantFromPreset(input)
    return { slug: tenant.slug }
  }),
})
