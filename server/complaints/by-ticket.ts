import { and, eq } from 'drizzle-orm'
import type { Tx } from '#db/client.ts'
import { complaints } from '#db/schema/index.ts'
import { AppError } from '#server/errors.ts'

/** A complaint of the tenant by its ticket number; missing or another tenant's: 404. */
export async function complaintByTicket(tx: Tx, tenantId: string, ticket: string) {
  const [complaint] = await tx
    .select()
    .from(complaints)
    .where(and(eq(complaints.tenantId, tenantId), eq(complaints.ticketNumber, ticket.toUpperCase())))
  if (!complaint) throw new AppError('NOT_FOUND', 'errors.notFound')
  return complaint
}
