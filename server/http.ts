import path from 'node:path'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import { TRPCError } from '@trpc/server'
import { createExpressMiddleware } from '@trpc/server/adapters/express'
import compression from 'compression'
import { sql } from 'drizzle-orm'
import express, { type NextFunction, type Request, type Response } from 'express'
import type { Session, User } from 'lucia'
import { db } from '#db/client.ts'
import { DEMO_APP_SECRET } from '#db/seed/demo.ts'
import { whatsappWebhook } from './channels/whatsapp-cloud/webhook.ts'
import { graphSimulator } from './dev/graph-simulator.ts'
import { jobQueue } from './jobs/boss.ts'
import { env, publicUrl } from './env.ts'
import { lucia } from './auth/lucia.ts'
import { requestLanguage, resolveLanguage } from './i18n/locale.ts'
import { translator } from './i18n/translate.ts'
import { readStoredFile } from './storage/files.ts'
import { renderPdf } from './pdf/render.ts'
import type { LoadContext } from './load-context.ts'
import { appRouter, createCaller } from './routers/_app.ts'
import type { TrpcContext } from './trpc/context.ts'

/** The most calls one tRPC HTTP request may batch. */
export const MAX_TRPC_BATCH = 10

type Auth = { user: User | null; session: Session | null }

function authOf(res: Response): Auth {
  return (res.locals.auth as Auth | undefined) ?? { user: null, session: null }
}

/** Validates the lucia session cookie once per request and refreshes it when lucia asks to. */
async function sessionMiddleware(req: Request, res: Response, next: NextFunction) {
  try {
    const sessionId = lucia().readSessionCookie(req.headers.cookie ?? '')
    if (!sessionId) {
      res.locals.auth = { user: null, session: null }
      return next()
    }
    const { session, user } = await lucia().validateSession(sessionId)
    if (session?.fresh) res.append('Set-Cookie', lucia().createSessionCookie(session.id).serialize())
    if (!session) res.append('Set-Cookie', lucia().createBlankSessionCookie().serialize())
    res.locals.auth = { user, session }
    next()
  } catch (error) {
    next(error)
  }
}

/**
 * Cross-site request forgery: a state-changing request that says where it comes from must come
 * from here. Browsers always send Origin on POST; requests without Origin or Referer are not from
 * a browser page and carry no ambient cookie risk beyond SameSite=Lax (docs/decisions/004).
 */
function originCheck(req: Request, res: Response, next: NextFunction) {
  if (['GET', 'HEAD', 'OPTIONS'].includes(req.method) || req.path.startsWith('/webhooks/')) return next()
  const claimed = req.headers.origin ?? req.headers.referer
  if (!claimed) return next()
  let origin: URL
  try {
    origin = new URL(claimed)
  } catch {
    return res.status(403).json({ error: 'origin_invalid', message: 'The Origin header is not a URL' })
  }
  if (origin.host !== req.headers.host) {
    return res.status(403).json({ error: 'origin_mismatch', message: 'Cross-site request refused' })
  }
  next()
}

function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown'
}

export function createHttpApp({
  build,
  demo,
  selfUrl = publicUrl,
  onWebhookStored = (deliveryId) => {
    void jobQueue()
      .send('whatsapp-delivery', { deliveryId })
      .catch((error: unknown) =>
        console.error('whatsapp-delivery not queued (the sweep will take it):', error),
      )
  },
}: {
  /** The Remix build; absent in tests of the HTTP layer alone. */
  build?: ServerBuild
  demo: boolean
  onWebhookStored?: (deliveryId: number) => void
  /** Where this server is reached, for the simulator's status webhooks. */
  selfUrl?: () => string
}) {
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', 'loopback')
  app.use(compression())
  app.use('/build', express.static(path.resolve('public/build'), { immutable: true, maxAge: '1y' }))
  app.use(express.static(path.resolve('public'), { maxAge: '1h' }))

  app.get('/healthz', async (_req, res) => {
    try {
      await Promise.race([
        db().execute(sql`select 1`),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000)),
      ])
      res.json({ status: 'ok' })
    } catch {
      res.status(503).json({ status: 'unavailable' })
    }
  })

  // Meta's webhook: no cookies, its own signature check, before anything else reads the body.
  app.use('/webhooks/whatsapp', whatsappWebhook({ onStored: onWebhookStored }))
  if (demo || env.NODE_ENV === 'test') {
    app.use(
      '/dev/graph',
      graphSimulator({
        webhookUrl: () => `${selfUrl()}/webhooks/whatsapp`,
        appSecret: DEMO_APP_SECRET,
        baseUrl: () => `${selfUrl()}/dev/graph`,
      }).router,
    )
  }

  app.use(sessionMiddleware)
  app.use(originCheck)

  app.use(
    '/api/trpc',
    createExpressMiddleware({
      router: appRouter,
      // Five 10 MB files in base64 and the rest of the form; anything larger is refused unread.
      maxBodySize: 72 * 1024 * 1024,
      // A page's live parts batch a few calls; hundreds in one POST are an attack on a limit.
      maxBatchSize: MAX_TRPC_BATCH,
      createContext: ({ req, res, info }): TrpcContext => {
        // Signing in and out happen through the /login and /logout forms (server-side callers): over
        // HTTP they would put a session token in a JSON body and let one POST batch many guesses.
        if (info.calls.some((call) => call.path.startsWith('auth.')))
          throw new TRPCError({ code: 'NOT_FOUND', message: 'Sign in with the form at /login' })
        const tenant = req.headers['x-tanggap-tenant']
        return { ...authOf(res), tenantSlug: typeof tenant === 'string' ? tenant : null, ip: clientIp(req) }
      },
    }),
  )

  if (build) {
    app.all(
      '*',
      createRequestHandler({
        build,
        mode: env.NODE_ENV,
        getLoadContext: async (req, res): Promise<LoadContext> => {
          const auth = authOf(res)
          const ip = clientIp(req)
          return {
            ...auth,
            ip,
            demo,
            devTools: demo || env.NODE_ENV === 'test',
            readStoredFile,
            renderPdf,
            language: await resolveLanguage(req, auth.user?.language),
            caller: (tenantSlug) => createCaller({ ...auth, tenantSlug: tenantSlug ?? null, ip }),
          }
        },
      }),
    )
  }

  // The last resort, outside Remix: plain text in the person's language, from the locale files.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    console.error(error)
    void translator(requestLanguage(req)).then(
      (t) => res.status(500).type('text/plain').send(t('errors.unexpected')),
      () => res.status(500).type('text/plain').send('Internal server error'),
    )
  })
  return app
}
