import { and, asc, eq, isNotNull } from 'drizzle-orm'
import { db } from '#db/client.ts'
import { channels, tenants } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { devProcedure } from './dev-procedure.ts'

export type WhatsappNumber = {
  phoneNumberId: string
  displayNumber: string
  tenantName: string
  serviceName: string
  timezone: string
}

/** Every active tenant's WhatsApp numbers, read tenant by tenant (each under its own RLS context). */
export async function whatsappNumbers(): Promise<WhatsappNumber[]> {
  const list = await db().select().from(tenants).where(eq(tenants.active, true))
  const numbers: WhatsappNumber[] = []
  for (const tenant of list) {
    const rows = await withTenant(tenant.id, (tx) =>
      tx
        .select({ phoneNumberId: channels.phoneNumberId, displayNumber: channels.displayNumber })
        .from(channels)
        .where(
          and(
            eq(channels.tenantId, tenant.id),
            eq(channels.kind, 'whatsapp'),
            eq(channels.active, true),
            isNotNull(channels.phoneNumberId),
          ),
        )
        .orderBy(asc(channels.createdAt)),
    )
    for (const row of rows) {
      numbers.push({
        phoneNumberId: row.phoneNumberId!,
        displayNumber: row.displayNumber ?? row.phoneNumberId!,
        tenantName: tenant.name,
        serviceName: tenant.serviceName,
        timezone: tenant.timezone,
      })
    }
  }
  return numbers.sort((a, b) => a.phoneNumberId.localeCompare(b.phoneNumberId))
}

/** The agencies a simulated citizen can write to. */
export const findWhatsappNumbersProcedure = devProcedure.query(() => whatsappNumbers())
