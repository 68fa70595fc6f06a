import fs from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { readStoredFile, storeFile, uploadsRoot } from './files.ts'

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => String((e as { code?: unknown }).code ?? e),
  )

describe('file storage', () => {
  it('stores bytes under a dated random key and reads them back', async () => {
    const bytes = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')
    const key = await storeFile(bytes, 'png')
    try {
      const now = new Date()
      const month = String(now.getUTCMonth() + 1).padStart(2, '0')
      expect(key).toMatch(new RegExp(`^${now.getUTCFullYear()}/${month}/[0-9a-f]{32}\\.png$`))
      expect(await readStoredFile(key)).toEqual(bytes)
      expect((await fs.stat(path.join(uploadsRoot(), key))).size).toBe(bytes.length)
      // Two files never share a key.
      const other = await storeFile(bytes, '.PNG')
      expect(other).not.toBe(key)
      expect(other).toMatch(/\.png$/)
      await fs.rm(path.join(uploadsRoot(), other))
    } finally {
      await fs.rm(path.join(uploadsRoot(), key), { force: true })
    }
  })

  it('refuses keys that could leave the uploads directory, and odd extensions, before touching the disk', async () => {
    for (const key of [
      '../encryption-key',
      '2026/11/../../../etc/passwd',
      '..',
      '/etc/passwd',
      '2026\\11\\x.png',
      '2026//x.png',
      '',
      '2026/11/x.png\0',
      './2026/x.png',
    ]) {
      expect({ key, code: await codeOf(readStoredFile(key)) }).toEqual({ key, code: 'BAD_REQUEST' })
    }
    for (const ext of ['../png', 'p/ng', '', 'toolongextension']) {
      expect({ ext, code: await codeOf(storeFile(Buffer.from('x'), ext)) }).toEqual({
        ext,
        code: 'BAD_REQUEST',
      })
    }
  })

  it('answers NOT_FOUND for a key with no file', async () => {
    expect(await codeOf(readStoredFile('2000/01/00000000000000000000000000000000.png'))).toBe('NOT_FOUND')
  })
})
