import { graphConfig } from '#server/channels/whatsapp-cloud/graph.ts'
import { AppError } from '#server/errors.ts'

/**
 * Proves that whoever saves a number holds it: the Graph API's GET /{phone-number-id} with the
 * access token given must succeed and name that very number. A token for another number, an
 * expired token or a number that does not exist is refused with a reason the admin can act on;
 * nothing is stored (the caller's transaction rolls back).
 */
export async function assertNumberOwned({
  phoneNumberId,
  accessToken,
  timeoutMs = 10_000,
}: {
  phoneNumberId: string
  accessToken: string
  timeoutMs?: number
}): Promise<{ displayNumber: string | null }> {
  const { baseUrl, version } = graphConfig()
  let response: Response
  try {
    response = await fetch(
      `${baseUrl}/${version}/${encodeURIComponent(phoneNumberId)}?fields=id,display_phone_number,verified_name`,
      { headers: { Authorization: `Bearer ${accessToken}` }, signal: AbortSignal.timeout(timeoutMs) },
    )
  } catch {
    throw new AppError('BAD_REQUEST', 'members.channels.errors.graphUnreachable')
  }
  const json = (await response.json().catch(() => ({}))) as {
    id?: unknown
    display_phone_number?: unknown
    error?: { code?: unknown }
  }
  if (response.status === 401 || json.error?.code === 190)
    throw new AppError('BAD_REQUEST', 'members.channels.errors.tokenInvalid')
  if (response.status >= 500) throw new AppError('BAD_REQUEST', 'members.channels.errors.graphUnreachable')
  if (!response.ok || json.id !== phoneNumberId)
    throw new AppError('FORBIDDEN', 'members.channels.errors.numberNotOwned')
  return { displayNumber: typeof json.display_phone_number === 'string' ? json.display_phone_number : null }
}
