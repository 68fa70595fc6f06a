import type { Session, User } from 'lucia'
import type { Language } from './i18n/locale.ts'
import type { renderPdf } from './pdf/render.ts'
import type { createCaller } from './routers/_app.ts'

/** What every Remix loader and action receives from the express server (`getLoadContext`). */
export type LoadContext = {
  user: User | null
  session: Session | null
  language: Language
  /** The client's address as sign-in throttling counts it (an IPv6 address as its /64). */
  ip: string
  demo: boolean
  /** This response's Content-Security-Policy nonce, for the inline scripts Remix renders. */
  cspNonce: string
  /** Demo mode or tests: the developer pages (/dev/whatsapp) are served. */
  devTools: boolean
  /** The bytes of a stored attachment (server/storage/files.ts), for the route that serves them. */
  readStoredFile: (storageKey: string) => Promise<Buffer>
  /** Renders one of the platform's documents (server/pdf), for the route that hands it out. */
  renderPdf: typeof renderPdf
  /** A tRPC caller for this request, bound to the tenant of the URL when given its slug. */
  caller: (tenantSlug?: string) => ReturnType<typeof createCaller>
}

declare module '@remix-run/node' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends LoadContext {}
}
