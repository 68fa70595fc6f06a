import type { Request } from 'express'
import { describe, expect, it } from 'vitest'
import { requestLanguage } from './locale.ts'

const request = (headers: Record<string, string>) => ({ headers }) as unknown as Request

describe('the language of a request without the database', () => {
  it('takes the language switch first, then the browser, else Indonesian', () => {
    expect(requestLanguage(request({ cookie: 'a=1; lng=en', 'accept-language': 'id-ID' }))).toBe('en')
    expect(requestLanguage(request({ 'accept-language': 'en-GB,en;q=0.9' }))).toBe('en')
    expect(requestLanguage(request({ 'accept-language': 'fr-FR' }))).toBe('id')
    expect(requestLanguage(request({ cookie: 'lng=xx' }))).toBe('id')
    expect(requestLanguage(request({}))).toBe('id')
  })
})
