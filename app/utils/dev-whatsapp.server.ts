import { randomInt } from 'node:crypto'
import { createCookie } from '@remix-run/node'
import { publicUrl } from '#server/env.ts'

/** Who the person plays on /dev/whatsapp: a citizen's WhatsApp number and name, and the agency written to. */
export type Citizen = { waId: string; name: string; phoneNumberId: string }

const WA_ID = /^\d{8,15}$/
const MAX_PHOTO_BYTES = 5 * 1024 * 1024

const citizenCookie = createCookie('tanggap_dev_citizen', {
  path: '/dev',
  httpOnly: true,
  sameSite: 'lax',
  maxAge: 60 * 60 * 24 * 30,
})

/** A new Indonesian mobile number (Telkomsel's 0812 range), as WhatsApp writes it: 62812xxxxxxxx. */
export function randomWaId() {
  return `62812${String(randomInt(0, 100_000_000)).padStart(8, '0')}`
}

export function isWaId(value: string) {
  return WA_ID.test(value)
}

/** The citizen from the cookie, or a fresh one (then `setCookie` must be sent back). */
export async function readCitizen(
  request: Request,
  phoneNumberIds: readonly string[],
): Promise<{ citizen: Citizen; setCookie: string | null }> {
  const stored = (await citizenCookie.parse(request.headers.get('Cookie'))) as Partial<Citizen> | null
  const citizen: Citizen = {
    waId: typeof stored?.waId === 'string' && isWaId(stored.waId) ? stored.waId : randomWaId(),
    name:
      typeof stored?.name === 'string' && stored.name.trim() ? stored.name.trim().slice(0, 60) : 'Warga Demo',
    phoneNumberId:
      typeof stored?.phoneNumberId === 'string' && phoneNumberIds.includes(stored.phoneNumberId)
        ? stored.phoneNumberId
        : (phoneNumberIds[0] ?? ''),
  }
  const same =
    stored?.waId === citizen.waId &&
    stored?.name === citizen.name &&
    stored?.phoneNumberId === citizen.phoneNumberId
  return { citizen, setCookie: same ? null : await citizenCookie.serialize(citizen) }
}

export function saveCitizen(citizen: Citizen) {
  return citizenCookie.serialize(citizen)
}

/**
 * Uploads a photo to the Graph simulator as a phone's WhatsApp would to Meta, and returns the media
 * object a webhook message carries. A refusal is a translated message key.
 */
export async function uploadPhoto(
  file: FormDataEntryValue | null,
): Promise<
  { ok: true; image: { id: string; mime_type: string; sha256: string } } | { ok: false; messageKey: string }
> {
  if (!file || typeof file === 'string' || file.size === 0)
    return { ok: false, messageKey: 'devWhatsapp.errors.photoRequired' }
  if (file.size > MAX_PHOTO_BYTES) return { ok: false, messageKey: 'devWhatsapp.errors.photoTooLarge' }
  // This server's own simulator, never the address the request claims (its Host header).
  const response = await fetch(`${publicUrl()}/dev/graph/media`, {
    method: 'POST',
    headers: { 'Content-Type': file.type || 'image/jpeg' },
    body: new Uint8Array(await file.arrayBuffer()),
    signal: AbortSignal.timeout(10_000),
  }).catch(() => null)
  const json = (await response?.json().catch(() => null)) as {
    id?: unknown
    mime_type?: unknown
    sha256?: unknown
  } | null
  if (
    !response?.ok ||
    typeof json?.id !== 'string' ||
    typeof json.mime_type !== 'string' ||
    typeof json.sha256 !== 'string'
  )
    return { ok: false, messageKey: 'devWhatsapp.errors.uploadFailed' }
  return { ok: true, image: { id: json.id, mime_type: json.mime_type, sha256: json.sha256 } }
}
