import { hash, verify } from '@node-rs/argon2'

// OWASP's argon2id minimum (19 MiB, 2 iterations): about 25 ms here, enough to slow guessing.
// algorithm 2 is Argon2id (a const enum that isolatedModules cannot import).
const options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 }

export function hashPassword(password: string): Promise<string> {
  return hash(password, options)
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

// Verified against when the email is unknown, so both answers take the same time.
let dummyHash: Promise<string> | undefined
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('tanggap-no-such-user')
  return dummyHash
}
