import type { Session, User } from 'lucia'

/** What every procedure knows about its caller. The tenant slug comes from the URL, never from input. */
export type TrpcContext = {
  user: User | null
  session: Session | null
  /** The slug of `/t/:tenant` for server-side callers; the page's tenant for tRPC over HTTP. */
  tenantSlug: string | null
  ip: string
}
