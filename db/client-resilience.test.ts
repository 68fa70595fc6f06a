import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { testOwnerUrl } from '#db/test/setup.ts'

const root = fileURLToPath(new URL('..', import.meta.url))

function runChild(mode: 'guarded' | 'unguarded') {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'db/test/null-socket-child.ts', testOwnerUrl, mode],
      {
        cwd: root,
        env: { PATH: process.env.PATH, NODE_ENV: 'test' },
      },
    )
    let output = ''
    child.stdout.on('data', (d: Buffer) => (output += d.toString()))
    child.stderr.on('data', (d: Buffer) => (output += d.toString()))
    child.on('exit', (code) => resolve({ code, output }))
  })
}

describe('a connection lost in the middle of a transaction', () => {
  it('never ends the process, and leaves no connection of the pool spoiled', async () => {
    const { code, output } = await runChild('guarded')
    const result = /\{"failedAfter":\d+\}/.exec(output)?.[0]
    const writes = (output.match(/replacing the pool/g) ?? []).length
    console.log(`six transactions killed in flight: ${writes} null-socket writes survived; ${result}`)
    expect(code, output.slice(-3000)).toBe(0)
    expect(result).toBe('{"failedAfter":0}')
  }, 60_000)
})
