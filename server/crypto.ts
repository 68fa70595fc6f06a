import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

/**
 * Channel secrets (WhatsApp access tokens, app secrets) at rest: AES-256-GCM with the key from
 * ENCRYPTION_KEY. Stored as `v1.<iv>.<tag>.<ciphertext>`, base64url.
 */
let key: Buffer | undefined

export function setEncryptionKey(base64: string) {
  const decoded = Buffer.from(base64, 'base64')
  if (decoded.length !== 32) throw new Error('ENCRYPTION_KEY must be 32 bytes, base64-encoded')
  key = decoded
}

function currentKey(): Buffer {
  if (!key) throw new Error('Encryption key not configured: set ENCRYPTION_KEY')
  return key
}

export function generateEncryptionKey(): string {
  return randomBytes(32).toString('base64')
}

export function encryptSecret(plain: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', currentKey(), iv)
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return ['v1', iv, cipher.getAuthTag(), data]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.')
}

export function decryptSecret(stored: string): string {
  const [version, iv, tag, data] = stored.split('.')
  if (version !== 'v1' || !iv || !tag || !data) throw new Error('Unknown secret format')
  const decipher = createDecipheriv('aes-256-gcm', currentKey(), Buffer.from(iv, 'base64url'))
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8')
}
