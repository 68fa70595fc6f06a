import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// The CLI as an operator runs it (`npm run cli` is `node --import tsx server/cli.ts`), from the
// repository root so that relative paths mean what they say.
const root = fileURLToPath(new URL('..', import.meta.url))
const cli = (args: string[], input?: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    input,
    timeout: 30_000,
  })

describe('cli', () => {
  it('sop:import prints the draft of an SOP table as JSON', () => {
    const result = cli(['sop:import', 'server/sop/import/fixtures/lalisa-001.txt'])
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    expect(result.stdout).toMatch(/^\{\n {2}"actorColumns": \[/)
    const draft = JSON.parse(result.stdout) as { steps: Array<Record<string, unknown>> }
    expect(draft.steps).toHaveLength(8)
    for (const step of draft.steps) {
      expect(Object.keys(step)).toEqual(['no', 'activity', 'actors', 'inputs', 'limit', 'output'])
    }
    expect(draft.steps[4]).toEqual({
      no: 5,
      activity: 'Menindaklanjuti aduan dengan mengirim TRC (Tim Reaksi Cepat) Satpol PP',
      actors: ['KABID'],
      inputs: ['Mobil', 'Sepeda Motor', 'Pentungan', 'Tameng'],
      limit: { target: 3, max: 5, unit: 'hours' },
      output: 'Laporan aduan sudah ditindaklanjuti',
    })
  })

  it('prints the first table of a file with several, every table with --all, and reads stdin for -', () => {
    const first = cli(['sop:import', 'server/sop/import/fixtures/satpolpp-003.txt'])
    expect((JSON.parse(first.stdout) as { title: string }).title).toBe(
      'PROSEDUR PELAYANAN PENGADUAN SECARA TIDAK LANGSUNG',
    )
    const all = cli(['sop:import', '--all', 'server/sop/import/fixtures/satpolpp-003.txt'])
    expect((JSON.parse(all.stdout) as Array<{ steps: unknown[] }>).map((d) => d.steps.length)).toEqual([7, 7])
    const piped = cli(
      ['sop:import', '-'],
      'NO\tKEGIATAN\tWAKTU\tOUTPUT\n1\tMenerima aduan\t5 menit\tAduan diterima\n',
    )
    expect(piped.status).toBe(0)
    expect((JSON.parse(piped.stdout) as { steps: unknown[] }).steps).toEqual([
      {
        no: 1,
        activity: 'Menerima aduan',
        actors: [],
        inputs: [],
        limit: { target: 5, max: 5, unit: 'minutes' },
        output: 'Aduan diterima',
      },
    ])
  })

  it('exits with 2 and one line on stderr for a missing file or an unknown command', () => {
    const missing = cli(['sop:import', 'server/sop/import/fixtures/no-such-file.txt'])
    expect(missing.status).toBe(2)
    expect(missing.stdout).toBe('')
    expect(missing.stderr).toBe('sop:import: no such file: server/sop/import/fixtures/no-such-file.txt\n')

    const unknown = cli(['sop:export'])
    expect(unknown.status).toBe(2)
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1)

    expect(cli(['sop:import']).status).toBe(2)
  })

  it('prints the usage with --help', () => {
    const help = cli(['--help'])
    expect(help.status).toBe(0)
    expect(help.stdout).toContain('sop:import FILE|- [--all]')
  })
})
