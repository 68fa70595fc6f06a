import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { env } from '#server/env.ts'
import { AppError } from '#server/errors.ts'

/**
 * Tanggap's own file storage: attachments live under `<DATA_DIR>/uploads/<storageKey>`. A storage
 * key is always made here (`<yyyy>/<mm>/<random>.<ext>`), never a name a person or Meta chose, and
 * a key that could leave the uploads directory is refused before the disk is touched.
 */
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9]{1,10})?$/
const EXTENSION = /^[A-Za-z0-9]{1,10}$/

export function uploadsRoot() {
  return path.resolve(env.DATA_DIR, 'uploads')
}

/** The absolute path of a key, or a refusal for anything that is not a plain relative key. */
function pathOf(storageKey: string): string {
  const segments = storageKey.split('/')
  const plain =
    storageKey.length > 0 &&
    storageKey.length <= 200 &&
    !storageKey.includes('..') &&
    !storageKey.includes('\\') &&
    !storageKey.includes('\0') &&
    segments.every((segment) => SEGMENT.test(segment))
  const root = uploadsRoot()
  const full = path.resolve(root, storageKey)
  if (!plain || !full.startsWith(root + path.sep)) {
    throw new AppError('BAD_REQUEST', 'errors.invalidInput')
  }
  return full
}

/** Writes the bytes under a new key (written whole, then renamed, so a reader never sees half a file). */
export async function storeFile(bytes: Uint8Array, ext: string): Promise<string> {
  const extension = ext.replace(/^\./, '').toLowerCase()
  if (!EXTENSION.test(extension)) throw new AppError('BAD_REQUEST', 'errors.invalidInput')
  const now = new Date()
  const storageKey = [
    String(now.getUTCFullYear()),
    String(now.getUTCMonth() + 1).padStart(2, '0'),
    `${randomBytes(16).toString('hex')}.${extension}`,
  ].join('/')
  const full = pathOf(storageKey)
  await fs.mkdir(path.dirname(full), { recursive: true })
  const temporary = `${full}.${randomBytes(4).toString('hex')}.tmp`
  await fs.writeFile(temporary, bytes, { mode: 0o640, flag: 'wx' })
  await fs.rename(temporary, full)
  return storageKey
}

/** The bytes of a stored file; NOT_FOUND when there is no such file. */
export async function readStoredFile(storageKey: string): Promise<Buffer> {
  const full = pathOf(storageKey)
  try {
    return await fs.readFile(full)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('NOT_FOUND', 'errors.notFound')
    throw error
  }
}
