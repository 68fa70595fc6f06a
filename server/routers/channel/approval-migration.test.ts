import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { drizzle } from 'drizzle-orm/postgres-js'
import { migrate } from 'drizzle-orm/postgres-js/migrator'
import postgres from 'postgres'
import { describe, expect, inject, it } from 'vitest'

const MIGRATIONS = path.resolve('db/migrations')
type Journal = { entries: { tag: string }[] }

/** The migrations folder as it was before `tag`: the same files, a journal that stops short of it. */
function migrationsBefore(tag: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tanggap-migrations-'))
  fs.cpSync(MIGRATIONS, dir, { recursive: true })
  const journalPath = path.join(dir, 'meta', '_journal.json')
  const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8')) as Journal
  const stop = journal.entries.findIndex((e) => e.tag === tag)
  expect(stop).toBeGreaterThan(0)
  fs.writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, stop) }))
  return dir
}

describe('migration 0016 (channel approval)', () => {
  it('keeps the numbers registered before it approved and routable; a number added after it waits', async () => {
    const { serverUrl, prefix } = inject('testDatabase')
    const name = `${prefix}approval_${process.pid}_${Date.now().toString(36)}`
    const url = new URL(serverUrl)
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} })
    await admin.unsafe(`create database "${name}"`)
    url.pathname = `/${name}`
    const owner = postgres(url.toString(), { max: 1, onnotice: () => {} })
    const before = migrationsBefore('0016_channel-approval')
    try {
      // A database as it was before 0016 (the application role exists cluster-wide already).
      await migrate(drizzle(owner), { migrationsFolder: before })
      const [tenant] = await owner`
        insert into tenants (slug, name, service_name, region_name, timezone, ticket_prefix)
        values ('lama', 'Instansi Lama', 'LAMA', 'Kabupaten Lama', 'Asia/Makassar', 'LAMA') returning id`
      await owner`
        insert into channels (tenant_id, kind, name, phone_number_id, verify_token)
        values (${tenant!.id}, 'whatsapp', 'WhatsApp lama', '109555000000001', 'verifikasi-lama')`

      await migrate(drizzle(owner), { migrationsFolder: MIGRATIONS })
      const [old] =
        await owner`select approval, approved_at from channels where phone_number_id = '109555000000001'`
      expect(old?.approval).toBe('approved')
      expect(old?.approved_at).not.toBeNull()
      expect(await owner`select channel_id from whatsapp_channel_route('109555000000001')`).toHaveLength(1)

      await owner`
        insert into channels (tenant_id, kind, name, phone_number_id, verify_token)
        values (${tenant!.id}, 'whatsapp', 'WhatsApp baru', '109555000000002', 'verifikasi-baru')`
      const [fresh] = await owner`select approval from channels where phone_number_id = '109555000000002'`
      expect(fresh?.approval).toBe('pending')
      expect(await owner`select channel_id from whatsapp_channel_route('109555000000002')`).toHaveLength(0)
    } finally {
      fs.rmSync(before, { recursive: true, force: true })
      await owner.end()
      await admin.unsafe(`drop database if exists "${name}" with (force)`)
      await admin.end()
    }
  })
})
