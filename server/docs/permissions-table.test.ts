import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { PERMISSIONS_DOC, permissionsTable } from './permissions-table.ts'

describe('docs/permissions.md', async () => {
  it('is what the generator makes of the code (run `npm run docs:permissions` after changing access)', async () => {
    const committed = fs.existsSync(PERMISSIONS_DOC) ? fs.readFileSync(PERMISSIONS_DOC, 'utf8') : ''
    expect(committed).toBe(await permissionsTable())
  })
})
