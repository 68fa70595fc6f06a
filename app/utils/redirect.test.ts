import { describe, expect, it } from 'vitest'
import { safeRedirectPath } from './redirect.ts'

describe('safeRedirectPath', () => {
  it.each([
    ['/t/balangan/inbox?view=mine#top', '/t/balangan/inbox?view=mine#top'],
    ['/t/balangan/complaints/LALISA-2026-000001', '/t/balangan/complaints/LALISA-2026-000001'],
    ['/lacak/balangan?q=jalan rusak', '/lacak/balangan?q=jalan%20rusak'],
  ])('keeps a path on this site: %s', (candidate, expected) => {
    expect(safeRedirectPath(candidate, '/')).toBe(expected)
  })

  it.each([
    'https://evil.example/',
    '//evil.example',
    '/\\evil.example',
    '/\t/evil.example',
    '/%09/evil.example'.replace('%09', '\t'),
    '/\n/evil.example',
    '/\r/evil.example',
    '/.//evil.example',
    '/./\t/evil.example',
    '\u3000/evil.example',
    'javascript:alert(1)',
    '',
  ])('falls back for anything that could leave the site: %j', (candidate) => {
    expect(safeRedirectPath(candidate, '/fallback')).toBe('/fallback')
  })

  it('puts only header-safe characters in the Location (U+3000 is percent-encoded)', () => {
    expect(safeRedirectPath('/t/balangan\u3000x', '/')).toBe('/t/balangan%E3%80%80x')
  })
})
