import { asc, desc, eq } from 'drizzle-orm'
import { db } from '#db/client.ts'
import { tenants, webhookDeliveries } from '#db/schema/index.ts'
import { AppError } from '#server/errors.ts'
import { createTenantFromPreset, ZNewTenant } from '#server/tenants/create-tenant.ts'
import { authedProcedure, router } from '#server/trpc/trpc.ts'

/** The platform's own administration: only for platform admins, never for a tenant's admin. */
const platformProcedure = authedProcedure.meta({ access: 'platform-admin' }).use(({ ctx, next }) => {
  if (!ctx.user.isPlatformAdmin) throw new AppError('NOT_FOUND', 'errors.notFound')
  return next()
})

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
  createTenant: platformProcedure.input(ZNewTenant).mutation(async ({ input }) => {
    const { tenant } = await createTenantFromPreset(input)
    return { slug: tenant.slug }
  }),
})
