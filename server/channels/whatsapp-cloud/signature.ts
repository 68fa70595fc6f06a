import { createHmac, timingSafeEqual } from 'node:crypto'

/** `sha256=<hex>` of the raw body keyed with the app secret, as Meta signs X-Hub-Signature-256. */
export function signBody(body: Buffer | string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`
}

/** Constant-time check of a signature header against the raw bytes. */
export function verifySignature(body: Buffer, header: string | undefined, appSecret: string): boolean {
  if (!header?.startsWith('sha256=')) return false
  const expected = Buffer.from(signBody(body, appSecret))
  const given = Buffer.from(header)
  return expected.length === given.length && timingSafeEqual(expected, given)
}
