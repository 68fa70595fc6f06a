import { sql } from 'drizzle-orm'
import { db, type Queryable } from '#db/client.ts'
import { decryptSecret } from '#server/crypto.ts'
import { env } from '#server/env.ts'

export type ChannelRoute = { tenantId: string; channelId: string; appSecret: string | null; active: boolean }

/** A number's tenant and channel, through the one definer function allowed to look across tenants. */
export async function routeOf(
  phoneNumberId: string,
  on: Queryable = db(),
): Promise<ChannelRoute | undefined> {
  const rows = await on.execute(
    sql`select tenant_id, channel_id, app_secret_enc, active from whatsapp_channel_route(${phoneNumberId})`,
  )
  const row = rows[0] as
    { tenant_id: string; channel_id: string; app_secret_enc: string | null; active: boolean } | undefined
  if (!row) return undefined
  return {
    tenantId: row.tenant_id,
    channelId: row.channel_id,
    appSecret: row.app_secret_enc ? decryptSecret(row.app_secret_enc) : null,
    active: row.active,
  }
}

export async function verifyTokenKnown(token: string): Promise<boolean> {
  if (env.WHATSAPP_VERIFY_TOKEN && token === env.WHATSAPP_VERIFY_TOKEN) return true
  const rows = await db().execute(sql`select whatsapp_verify_token_known(${token}) as known`)
  return rows[0]?.known === true
}

let platformSecret = env.WHATSAPP_APP_SECRET

/** The platform Meta app's secret (the demo sets the demo app's). */
export function setPlatformAppSecret(secret: string | undefined) {
  platformSecret = secret
}

/** The secrets a body may be signed with: the platform app's, and those of the numbers it names. */
export async function candidateSecrets(phoneNumberIds: readonly string[]): Promise<string[]> {
  const secrets = platformSecret ? [platformSecret] : []
  for (const id of phoneNumberIds.slice(0, 20)) {
    const route = await routeOf(id)
    if (route?.appSecret) secrets.push(route.appSecret)
  }
  return [...new Set(secrets)]
}
