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
    await again.stop()
    started.pop()
    fs.rmSync(locked, { recursive: true, force: true })
    if (!again.dataDir.startsWith(locked))
      fs.rmSync(path.dirname(again.dataDir), { recursive: true, force: true })
  }, 60_000)
})
