import { eq } from 'drizzle-orm'
import type { Request } from 'express'
import { db } from '#db/client.ts'
import { tenants } from '#db/schema/index.ts'

export const LANGUAGES = ['id', 'en'] as const
export type Language = (typeof LANGUAGES)[number]
export const LANGUAGE_COOKIE = 'lng'

function asLanguage(value: string | null | undefined): Language | undefined {
  const base = value?.trim().toLowerCase().split(/[-_]/)[0]
  return LANGUAGES.find((l) => l === base)
}

const tenantLanguages = new Map<string, { language: Language | undefined; at: number }>()

/** The language of the tenant named by the path (/t/:slug, /lapor/:slug, /lacak/:slug), cached a minute. */
async function tenantLanguage(pathname: string): Promise<Language | undefined> {
  const slug = /^\/(?:t|lapor|lacak)\/([a-z0-9-]+)/.exec(pathname)?.[1]
  if (!slug) return undefined
  const cached = tenantLanguages.get(slug)
  if (cached && Date.now() - cached.at < 60_000) return cached.language
  const [row] = await db().select({ language: tenants.language }).from(tenants).where(eq(tenants.slug, slug))
  const language = asLanguage(row?.language)
  tenantLanguages.set(slug, { language, at: Date.now() })
  return language
}

function browserLanguage(header: string | undefined): Language | undefined {
  if (!header) return undefined
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, q] = part.trim().split(';q=')
      return { tag: tag ?? '', q: q ? Number(q) : 1 }
    })
    .sort((a, b) => b.q - a.q)
  for (const { tag } of ranked) {
    const language = asLanguage(tag)
    if (language) return language
  }
  return undefined
}

/**
 * The language of a request without asking the database (for the last-resort error page, which
 * may be answering because the database is down): the language switch's cookie, else the browser.
 */
export function requestLanguage(req: Request): Language {
  const cookieLanguage = /(?:^|;\s*)lng=([a-z]{2})/.exec(req.headers.cookie ?? '')?.[1]
  return asLanguage(cookieLanguage) ?? browserLanguage(req.headers['accept-language']) ?? 'id'
}

/**
 * The user's own setting, then a choice made with the language switch (cookie), then the
 * tenant's language, then the browser's; Indonesian when nothing says otherwise.
 */
export async function resolveLanguage(
  req: Request,
  userLanguage: string | null | undefined,
): Promise<Language> {
  const cookieLanguage = /(?:^|;\s*)lng=([a-z]{2})/.exec(req.headers.cookie ?? '')?.[1]
  return (
    asLanguage(userLanguage) ??
    asLanguage(cookieLanguage) ??
    (await tenantLanguage(req.path)) ??
    browserLanguage(req.headers['accept-language']) ??
    'id'
  )
}
