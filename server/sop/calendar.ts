import { eq } from 'drizzle-orm'
import type { Tx } from '#db/client.ts'
import { tenantHolidays, type tenants } from '#db/schema/index.ts'
import type { TenantCalendar } from './clock.ts'

/** The tenant's calendar for the SLA clock: zone, working days and hours, and its holiday list. */
export async function loadCalendar(tx: Tx, tenant: typeof tenants.$inferSelect): Promise<TenantCalendar> {
  const holidays = await tx
    .select({ date: tenantHolidays.date })
    .from(tenantHolidays)
    .where(eq(tenantHolidays.tenantId, tenant.id))
  return {
    timezone: tenant.timezone,
    workingDays: tenant.workingDays,
    businessHours: tenant.businessHours,
    holidays: new Set(holidays.map((h) => h.date)),
  }
}
