import { env, type Env } from '#server/env.ts'
import { AppError } from '#server/errors.ts'
import { publicProcedure } from '#server/trpc/trpc.ts'

/**
 * The developer tools (the WhatsApp simulator's citizen side) exist in demo mode and in tests only,
 * like `/dev/graph` (server/http.ts). Demo mode is DEMO, or else the embedded database, which is
 * used exactly when there is no DATABASE_URL (server/database.ts).
 */
export function devToolsEnabled(config: Pick<Env, 'NODE_ENV' | 'DEMO' | 'DATABASE_URL'>): boolean {
  return config.NODE_ENV === 'test' || (config.DEMO ?? config.DATABASE_URL === undefined)
}

/** No session needed (the person plays a citizen); anywhere else it does not exist: 404. */
export const devProcedure = publicProcedure.meta({ access: 'dev-tools' }).use(({ next }) => {
  if (!devToolsEnabled(env)) throw new AppError('NOT_FOUND', 'errors.notFound')
  return next()
})
