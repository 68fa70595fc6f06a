import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import postgres from 'postgres'
import { afterEach, describe, expect, it } from 'vitest'
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded.ts'

const started: EmbeddedPostgres[] = []
afterEach(async () => {
  while (started.length) await started.pop()?.stop()
})

async function count(url: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} })
  try {
    const [row] = await sql`select count(*)::int as n from survived`
    return row?.n
  } finally {
    await sql.end()
  }
}

describe('embedded PostgreSQL', () => {
  it('shares a server another live Node process runs on the same data, and leaves it running', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tanggap-shared-'))
    const first = await startEmbeddedPostgres({ dataDir })
    started.push(first)
    const postgres_ = (await import('postgres')).default
    const sql = postgres_(first.ownerUrl, { max: 1, onnotice: () => {} })
    await sql`create table survived (note text)`
    await sql`insert into survived values ('shared')`
    await sql.end()
    // A second start (the CLI while the server runs) in a child Node process.
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `const m = await import('./db/embedded.ts'); const pg = await m.startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)} }); console.log(pg.ownerUrl); await pg.stop()`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (out += d.toString()))
    await new Promise((resolve) => child.once('close', resolve))
    expect(out).toContain(new URL(first.ownerUrl).port)
    expect(await count(first.ownerUrl)).toBe(1)
    await first.stop()
    started.pop()
    fs.rmSync(dataDir, { recursive: true, force: true })
    if (!first.dataDir.startsWith(dataDir))
      fs.rmSync(path.dirname(first.dataDir), { recursive: true, force: true })
  }, 60_000)

  it('starts again on the same data after its Node process was killed with SIGKILL', async () => {
    // A checkout under a directory only root may enter, as /root is: the postgres user cannot reach it.
    const locked = fs.mkdtempSync(path.join(os.tmpdir(), 'tanggap-locked-'))
    fs.chmodSync(locked, 0o700)
    const dataDir = path.join(locked, 'data')
    const child = spawn(process.execPath, ['--import', 'tsx', 'db/test/embedded-child.ts', dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        output += d.toString()
        if (output.includes('READY')) resolve()
      })
      child.stderr.on('data', (d: Buffer) => (output += d.toString()))
      child.on('exit', (code) => reject(new Error(`child exited ${code}: ${output}`)))
    })
    child.kill('SIGKILL')
    await new Promise((r) => child.once('close', r))

    // The orphaned server still holds the data directory; a new start must cope and keep the row.
    const again = await startEmbeddedPostgres({ dataDir })
    started.push(again)
    expect(await count(again.ownerUrl)).toBe(1)
    // The postgres user cannot enter the locked directory, so the cluster lives outside it.
    if (process.getuid?.() === 0) expect(again.dataDir.startsWith(locked)).toBe(false)
    // It is ours (the orphan was stopped, not shared): stopping it removes its pid file.
    await again.stop()
    started.pop()
    expect(fs.existsSync(path.join(again.dataDir, 'postmaster.pid'))).toBe(false)
    fs.rmSync(locked, { recursive: true, force: true })
    if (!again.dataDir.startsWith(locked))
      fs.rmSync(path.dirname(again.dataDir), { recursive: true, force: true })
  }, 60_000)
})
