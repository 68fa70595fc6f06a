import { sql } from 'drizzle-orm'
import { db, type Queryable } from '#db/client.ts'
import { decryptSecret } from '#server/crypto.ts'
import { env } from '#server/env.ts'
import { verifySignature } from './signature.ts'

export type ChannelRoute = { tenantId: string; channelId: string; appSecret: string | null }

/**
 * The tenant and channel of each number, in one query through the one definer function allowed to
 * look across tenants. A channel or tenant that is not active is no route: its numbers are unknown
 * here, so nothing signed with its secret is accepted and nothing it receives is processed. Callers
 * validate the ids (`PHONE_NUMBER_ID`) first.
 */
export async function routesOf(
  phoneNumberIds: readonly string[],
  on: Queryable = db(),
): Promise<Map<string, ChannelRoute>> {
  const routes = new Map<string, ChannelRoute>()
  if (phoneNumberIds.length === 0) return routes
  const ids = sql.join(
    phoneNumberIds.map((id) => sql`${id}`),
    sql`, `,
  )
  const rows = (await on.execute(
    sql`select n.id as phone_number_id, r.tenant_id, r.channel_id, r.app_secret_enc, r.active
        from unnest(array[${ids}]::text[]) as n(id)
        cross join lateral whatsapp_channel_route(n.id) r`,
  )) as unknown as {
    phone_number_id: string
    tenant_id: string
    channel_id: string
    app_secret_enc: string | null
    active: boolean
  }[]
  for (const row of rows) {
    if (!row.active) continue
    routes.set(row.phone_number_id, {
      tenantId: row.tenant_id,
      channelId: row.channel_id,
      appSecret: row.app_secret_enc ? decryptSecret(row.app_secret_enc) : null,
    })
  }
  return routes
}

/** One number's route (see `routesOf`). */
export async function routeOf(
  phoneNumberId: string,
  on: Queryable = db(),
): Promise<ChannelRoute | undefined> {
  return (await routesOf([phoneNumberId], on)).get(phoneNumberId)
}

export async function verifyTokenKnown(token: string): Promise<boolean> {
  // Never a lookup for what no verify token is (a NUL byte makes PostgreSQL refuse the query).
  if (token.length === 0 || token.length > 512 || token.includes('\u0000')) return false
  if (env.WHATSAPP_VERIFY_TOKEN && token === env.WHATSAPP_VERIFY_TOKEN) return true
  const rows = await db().execute(sql`select whatsapp_verify_token_known(${token}) as known`)
  return rows[0]?.known === true
}

let platformSecret = env.WHATSAPP_APP_SECRET

/** The platform Meta app's secret (the demo sets the demo app's). */
export function setPlatformAppSecret(secret: string | undefined) {
  platformSecret = secret
}

/** At most this many numbers in one body; Meta sends one or a few, a larger set is refused unread. */
export const MAX_NUMBERS_PER_DELIVERY = 50

export type SignatureCheck =
  { ok: true } | { ok: false; error: 'signature_invalid' | 'signature_not_for_number' | 'too_many_numbers' }

/**
 * A body is genuine when the platform app signed it, or when every number it names belongs to a
 * channel whose own app secret signed it. Checking each number against its own channel is what keeps
 * one agency from signing, with a secret it set itself, an entry that routes into another agency.
 */
export async function checkDeliverySignature(
  raw: Buffer,
  header: string,
  phoneNumberIds: readonly string[],
): Promise<SignatureCheck> {
  if (platformSecret && verifySignature(raw, header, platformSecret)) return { ok: true }
  if (phoneNumberIds.length > MAX_NUMBERS_PER_DELIVERY) return { ok: false, error: 'too_many_numbers' }
  if (phoneNumberIds.length === 0) return { ok: false, error: 'signature_invalid' }
  const routes = await routesOf(phoneNumberIds)
  let signedBySome = false
  let signedByAll = true
  for (const id of phoneNumberIds) {
    const route = routes.get(id)
    const signed = !!route?.appSecret && verifySignature(raw, header, route.appSecret)
    signedBySome ||= signed
    signedByAll &&= signed
  }
  if (signedByAll) return { ok: true }
  return { ok: false, error: signedBySome ? 'signature_not_for_number' : 'signature_invalid' }
}
