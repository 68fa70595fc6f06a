import { createHash, randomInt } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import type { Tx } from '#db/client.ts'
import type { ChannelKind } from '#db/schema/enums.ts'
import { categories, complaintEvents, complaints, reporters, type tenants } from '#db/schema/index.ts'
import { AppError } from '#server/errors.ts'
import { startComplaintOnSop, type Actor } from '#server/sop/engine.ts'
import { nextTicketNumber, ticketYear } from './ticket.ts'

export type NewComplaint = {
  channel: ChannelKind
  description: string
  categoryId?: string | null
  reporter?: { name?: string | null; phone?: string | null; email?: string | null; anonymous?: boolean }
  /** A reporter already known (a WhatsApp sender); `reporter` is then ignored. */
  reporterId?: string
  channelId?: string
  latitude?: number | null
  longitude?: number | null
  locationText?: string | null
  sourceUrl?: string | null
}

// No 0/O, 1/I/L: the code is read off paper and typed or spoken back.
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'

/** A tracking code for the receipt, e.g. `K3FQ9-XZAMP` (31^10, about 50 bits). */
export function newTrackingCode(): string {
  const chars = Array.from({ length: 10 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)])
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`
}

/** Case, spaces and dashes do not matter when the code is typed back. */
export function hashTrackingSecret(secret: string) {
  return createHash('sha256')
    .update(secret.toUpperCase().replace(/[^0-9A-Z]/g, ''))
    .digest('hex')
}

/**
 * Registers a complaint from any channel and puts it on step 1 of its SOP, in one transaction.
 * Returns the tracking secret printed on the receipt (only its hash is stored).
 */
export async function createComplaint({
  tx,
  tenant,
  actor,
  input,
  now = new Date(),
}: {
  tx: Tx
  tenant: typeof tenants.$inferSelect
  actor: Actor | null
  input: NewComplaint
  now?: Date
}) {
  if (input.categoryId) {
    const [category] = await tx
      .select({ id: categories.id })
      .from(categories)
      .where(
        and(
          eq(categories.tenantId, tenant.id),
          eq(categories.id, input.categoryId),
          eq(categories.active, true),
        ),
      )
    if (!category) throw new AppError('BAD_REQUEST', 'errors.categoryUnknown')
  }
  let reporterId: string | null = input.reporterId ?? null
  const r = input.reporter
  if (!reporterId && r && (r.name || r.phone || r.email)) {
    const [reporter] = await tx
      .insert(reporters)
      .values({
        tenantId: tenant.id,
        name: r.name || null,
        phone: r.phone || null,
        email: r.email || null,
        anonymous: r.anonymous ?? false,
      })
      .returning({ id: reporters.id })
    reporterId = reporter!.id
  }
  const secret = newTrackingCode()
  const ticketNumber = await nextTicketNumber(tx, tenant, ticketYear(now, tenant.timezone))
  const [created] = await tx
    .insert(complaints)
    .values({
      tenantId: tenant.id,
      ticketNumber,
      trackingSecretHash: hashTrackingSecret(secret),
      channel: input.channel,
      channelId: input.channelId ?? null,
      reporterId,
      latitude: input.latitude ?? null,
      longitude: input.longitude ?? null,
      description: input.description.trim(),
      categoryId: input.categoryId ?? null,
      locationText: input.locationText?.trim() || null,
      sourceUrl: input.sourceUrl ?? null,
      status: 'draft',
      createdAt: now,
    })
    .returning()
  await tx.insert(complaintEvents).values({
    tenantId: tenant.id,
    complaintId: created!.id,
    kind: 'created',
    actorMembershipId: actor?.membershipId,
    data: { channel: input.channel },
    createdAt: now,
  })
  const started = await startComplaintOnSop({ tx, tenant, complaintId: created!.id, actor, now })
  return { complaint: started, trackingSecret: secret }
}
