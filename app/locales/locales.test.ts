import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { LOCALE_FILES, resources } from './index.ts'

const id = resources.id.common
const en = resources.en.common

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return /\.(tsx?)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : []
  })
}

describe('locale files', () => {
  it('are all registered, and no two areas define the same key', () => {
    for (const language of ['id', 'en'] as const) {
      const onDisk = fs
        .readdirSync(path.join('app/locales', language))
        .map((f) => f.replace(/\.json$/, ''))
        .sort()
      expect(Object.keys(LOCALE_FILES[language]).sort()).toEqual(onDisk)
      const seen = new Map<string, string>()
      for (const [area, tree] of Object.entries(LOCALE_FILES[language])) {
        for (const key of keys(tree)) {
          expect({ key, area: seen.get(key) ?? area }).toEqual({ key, area })
          seen.set(key, area)
        }
      }
    }
  })

  it('have the same keys in Indonesian and English', () => {
    const idKeys = keys(id).sort()
    const enKeys = keys(en).sort()
    expect(idKeys.filter((k) => !enKeys.includes(k))).toEqual([])
    expect(enKeys.filter((k) => !idKeys.includes(k))).toEqual([])
  })

  it('have no empty translation', () => {
    for (const [language, resource] of Object.entries({ id, en })) {
      const empty = keys(resource).filter(
        (k) => k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], resource) === '',
      )
      expect({ language, empty }).toEqual({ language, empty: [] })
    }
  })

  it('contain every literal key the code uses', () => {
    const known = new Set(keys(id))
    const used = new Set<string>()
    for (const file of [...sourceFiles('app'), ...sourceFiles('server')]) {
      const text = fs.readFileSync(file, 'utf8')
      for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z]+\.[a-zA-Z0-9_.]+)'/g)) used.add(match[1] ?? '')
      for (const match of text.matchAll(/'((?:errors|sop\.problems|notifications)\.[a-zA-Z]+)'/g))
        used.add(match[1] ?? '')
      // Refusals and form errors a person reads: AppError('CODE', 'key'), messageKey: 'key', and
      // fieldErrors.x = 'key'.
      for (const pattern of [
        /AppError\(\s*'[A-Z_]+',\s*'([a-zA-Z]+\.[a-zA-Z0-9_.]+)'/g,
        /messageKey:\s*'([a-zA-Z]+\.[a-zA-Z0-9_.]+)'/g,
        /fieldErrors\.\w+ = '([a-zA-Z]+\.[a-zA-Z0-9_.]+)'/g,
      ])
        for (const match of text.matchAll(pattern)) used.add(match[1] ?? '')
    }
    expect([...used].filter((k) => !known.has(k)).sort()).toEqual([])
  })
})

describe('timeline labels', () => {
  it('exist for every kind of complaint event the server writes', () => {
    const kinds = [
      'created',
      'sop_started',
      'transition',
      'step_breached',
      'note',
      'assigned',
      'details_changed',
      'trc_dispatched',
      'trc_depart',
      'trc_arrive',
      'trc_finish',
      'receipt_issued',
      'merged_into',
      'duplicate_merged',
      'trc_cancelled',
      'trc_photos',
    ]
    for (const [language, resource] of Object.entries({ id, en })) {
      const events = (resource as { complaints: { events: Record<string, unknown> } }).complaints.events
      expect({ language, missing: kinds.filter((k) => typeof events[k] !== 'string') }).toEqual({
        language,
        missing: [],
      })
    }
  })
})

describe('notification texts', () => {
  it('exist for every kind of notification the server writes', async () => {
    const { NOTIFICATION_KINDS } = await import('#server/notifications/text.ts')
    for (const [language, resource] of Object.entries({ id, en })) {
      const texts = (resource as { notifications: { kind: Record<string, unknown> } }).notifications.kind
      expect({
        language,
        missing: [...NOTIFICATION_KINDS, 'other'].filter((k) => typeof texts[k] !== 'string'),
      }).toEqual({ language, missing: [] })
    }
  })
})
