const BASE = 'http://tanggap.invalid'

/** Control characters (which browsers drop or refuse in a Location) and the backslash (read as `/`). */
const unsafe = (c: string) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f || c === '\\'

/**
 * Only a path on this site may be a redirect target. The candidate is parsed as a browser would
 * (which drops tabs and newlines, so `/\t/evil.example` is `//evil.example`) and must stay on this
 * origin; what comes back is the parsed, percent-encoded path, safe to put in a Location header.
 */
export function safeRedirectPath(candidate: string, fallback: string): string {
  if (!candidate.startsWith('/') || [...candidate].some(unsafe)) return fallback
  let url: URL
  try {
    url = new URL(candidate, BASE)
  } catch {
    return fallback
  }
  const path = `${url.pathname}${url.search}${url.hash}`
  if (url.origin !== BASE || path.startsWith('//')) return fallback
  return path
}
