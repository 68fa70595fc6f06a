import fs from 'node:fs'
import path from 'node:path'
import postgres from 'postgres'
import { describe, expect, it } from 'vitest'
import { createUser } from '#db/factories/index.ts'
import { testOwnerUrl } from '#db/test/setup.ts'

/** Data migrations: the statements that change rows, run against rows written before them. */
describe('migrations that change existing rows', () => {
  it('0015 ends sessions made under the old 30 days as a new 12-hour session would, and leaves shorter ones', async () => {
    const file = fs.readFileSync(path.resolve('db/migrations/0015_login-devices.sql'), 'utf8')
    const update = file
      .split('--> statement-breakpoint')
      .map((s) => s.trim())
      .find((s) => /UPDATE "sessions"/.test(s))
    expect(update).toBeDefined()
    const { user } = await createUser({})
    const sql = postgres(testOwnerUrl, { max: 1, onnotice: () => {} })
    try {
      await sql`insert into sessions (id, user_id, expires_at) values
        ('lama', ${user.id}, now() + interval '30 days'), ('pendek', ${user.id}, now() + interval '1 hour')`
      await sql.unsafe(update!)
      const rows = await sql<{ id: string; hours: number }[]>`
        select id, extract(epoch from expires_at - now()) / 3600 as hours from sessions where user_id = ${user.id} order by id`
      const hours = Object.fromEntries(rows.map((r) => [r.id, Number(r.hours)]))
      expect(hours.lama).toBeLessThanOrEqual(12)
      expect(hours.lama).toBeGreaterThan(11)
      expect(hours.pendek).toBeLessThanOrEqual(1)
      expect(hours.pendek).toBeGreaterThan(0.9)
    } finally {
      await sql.end()
    }
  })
})
