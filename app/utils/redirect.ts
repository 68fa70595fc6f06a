/** Only a path on this site (not `//evil.example` or `https://...`) may be a redirect target. */
export function safeRedirectPath(candidate: string, fallback: string): string {
  if (!candidate.startsWith('/') || candidate.startsWith('//') || candidate.startsWith('/\\')) return fallback
  return candidate
}
