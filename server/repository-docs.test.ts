import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import { describe, expect, it } from 'vitest'

/** The repository's own rulebook is ARCHITECTURE.md, docs/style.md and docs/decisions/ (docs/style.md rule 19). */
const tracked = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' })
  .split('\0')
  .filter(
    (f) =>
      f && fs.existsSync(f) && !/\.(png|jpe?g|pdf|ico|woff2?)$/.test(f) && !f.endsWith('package-lock.json'),
  )
const text = new Map(tracked.map((f) => [f, fs.readFileSync(f, 'utf8')]))

function hits(pattern: RegExp) {
  return [...text].flatMap(([file, body]) =>
    [...body.matchAll(pattern)].map((m) => ({ file, match: m[0], m })),
  )
}

describe('documents the repository cites', () => {
  it('cites no rulebook that lives outside the repository', () => {
    // Spelled in parts so this file does not match itself.
    const outside = new RegExp(
      ['STYLE', 'DESIGN', 'STACK', 'WHATSAPP'].map((n) => `\\b${n}\\.md\\b`).join('|'),
      'g',
    )
    expect(hits(outside).map((h) => `${h.file}: ${h.match}`)).toEqual([])
  })

  it('cites no issue of the tracker, which lives outside the repository', () => {
    // An upstream project's issue names its repository first (porsager/postgres issues 1154).
    const cited = hits(/(?<![\w-]+\/[\w.-]+ )\bissues? #?\d+\b/gi).filter(
      (h) => !h.file.endsWith('repository-docs.test.ts'),
    )
    expect(cited.map((h) => `${h.file}: ${h.match}`)).toEqual([])
  })

  it('cites only rules of docs/style.md that exist', () => {
    const rules = new Set([...text.get('docs/style.md')!.matchAll(/^(\d+)\. \*\*/gm)].map((m) => m[1]))
    expect(rules.size).toBeGreaterThan(15)
    const cited = hits(/docs\/style\.md rule (\d+)/g)
    expect(cited.length).toBeGreaterThan(0)
    expect(cited.filter((h) => !rules.has(h.m[1])).map((h) => `${h.file}: ${h.match}`)).toEqual([])
  })

  it('cites only decisions that exist', () => {
    const decisions = new Set(fs.readdirSync('docs/decisions').map((f) => f.slice(0, 3)))
    const cited = hits(/\bdecisions?[/ ](\d{3})\b/g)
    expect(cited.length).toBeGreaterThan(0)
    expect(cited.filter((h) => !decisions.has(h.m[1]!)).map((h) => `${h.file}: ${h.match}`)).toEqual([])
  })

  it('gives every decision a date and a status', () => {
    const files = fs.readdirSync('docs/decisions').filter((f) => f.endsWith('.md'))
    expect(files.length).toBeGreaterThan(10)
    const undated = files.filter(
      (f) =>
        !/^Date: \d{4}-\d{2}-\d{2}\. Status: (superseded by \d{3}|accepted, amended by \d{3}|accepted)\b/m.test(
          fs.readFileSync(`docs/decisions/${f}`, 'utf8'),
        ),
    )
    expect(undated).toEqual([])
  })
})
