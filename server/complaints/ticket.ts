import { sql } from 'drizzle-orm'
import type { Tx } from '#db/client.ts'
import { ticketCounters } from '#db/schema/index.ts'

/** The year a ticket belongs to: the tenant's local year, not UTC's (31 December 23:00 WIT is still that year). */
export function ticketYear(now: Date, timezone: string): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone: timezone, year: 'numeric' }).format(now))
}

/** Hands out the next ticket number of the tenant for a year: `LALISA-2026-000123`, gap-free per year. */
export async function nextTicketNumber(tx: Tx, tenant: { id: string; ticketPrefix: string }, year: number) {
  const [row] = await tx
    .insert(ticketCounters)
    .values({ tenantId: tenant.id, year, last: 1 })
    .onConflictDoUpdate({
      target: [ticketCounters.tenantId, ticketCounters.year],
      set: { last: sql`${ticketCounters.last} + 1` },
    })
    .returning({ last: ticketCounters.last })
  return `${tenant.ticketPrefix}-${year}-${String(row?.last ?? 1).padStart(6, '0')}`
}
