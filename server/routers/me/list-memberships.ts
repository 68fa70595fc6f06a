import { and, asc, eq } from 'drizzle-orm'
import { z } from 'zod'
import { memberships, tenants } from '#db/schema/index.ts'
import { withUser } from '#db/tenant.ts'
import { authedProcedure } from '#server/trpc/trpc.ts'

export const ZMembershipSummary = z.object({ slug: z.string(), name: z.string(), serviceName: z.string() })

/** The tenants a user belongs to, for the switcher and the landing page after sign-in. */
export async function listMembershipsOf(userId: string) {
  return withUser(userId, (tx) =>
    tx
      .select({ slug: tenants.slug, name: tenants.name, serviceName: tenants.serviceName })
      .from(memberships)
      .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
      .where(and(eq(memberships.userId, userId), eq(memberships.active, true), eq(tenants.active, true)))
      .orderBy(asc(tenants.name)),
  )
}

export async function landingPathFor(userId: string): Promise<string> {
  const [first] = await listMembershipsOf(userId)
  return first ? `/t/${first.slug}` : '/'
}

export const listMembershipsProcedure = authedProcedure
  .output(z.array(ZMembershipSummary))
  .query(({ ctx }) => listMembershipsOf(ctx.user.id))
