import { and, eq } from 'drizzle-orm'
import type { Tx } from '#db/client.ts'
import { complaints } from '#db/schema/index.ts'
import { AppError } from '#server/errors.ts'

/**
 * A complaint of the tenant by its ticket number; missing or another tenant's: 404. With `lock`,
 * the row is held until the transaction ends, so two changes of one complaint take turns.
 */
export async function complaintByTicket(
  tx: Tx,
  tenantId: string,
  ticket: string,
  { lock = false }: { lock?: boolean } = {},
) {
  const query = tx
    .select()
    .from(complaints)
    .where(and(eq(complaints.tenantId, tenantId), eq(complaints.ticketNumber, ticket.toUpperCase())))
  const [complaint] = lock ? await query.for('update') : await query
  if (!complaint) throw new AppError('NOT_FOUND', 'errors.notFound')
  return complaint
}
