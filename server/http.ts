import { randomBytes } from 'node:crypto'
import { isIP } from 'node:net'
import path from 'node:path'
import { Transform, type Readable } from 'node:stream'
import {
  createReadableStreamFromReadable,
  createRequestHandler,
  writeReadableStreamToWritable,
  type ServerBuild,
} from '@remix-run/node'
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
import { MAX_UPLOAD_BYTES, MAX_UPLOADS } from './complaints/uploads.ts'
import { env, isProduction, publicUrl } from './env.ts'
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
 * The origins a state-changing request may come from: this server as the request reached it (the
 * scheme from the trusted proxy's X-Forwarded-Proto) and PUBLIC_URL. Scheme, host and port all
 * count: http://host is not https://host.
 */
function ownOrigins(req: Request): string[] {
  const origins: string[] = []
  try {
    origins.push(new URL(`${req.protocol}://${req.headers.host ?? ''}`).origin)
  } catch {
    // No usable Host header: only PUBLIC_URL can match.
  }
  if (env.PUBLIC_URL) origins.push(new URL(env.PUBLIC_URL).origin)
  return origins
}

/**
 * Cross-site request forgery: a state-changing request that says where it comes from must come
 * from here, scheme included. Browsers always send Origin on POST; requests without Origin or
 * Referer are not from a browser page and carry no ambient cookie risk beyond SameSite=Lax
 * (docs/decisions/004).
 */
function originCheck(req: Request, res: Response, next: NextFunction) {
  if (['GET', 'HEAD', 'OPTIONS'].includes(req.method) || req.path.startsWith('/webhooks/')) return next()
  const claimed = req.headers.origin ?? req.headers.referer
  if (!claimed) return next()
  let origin: string
  try {
    origin = new URL(claimed).origin
  } catch {
    return res.status(403).json({ error: 'origin_invalid', message: 'The Origin header is not a URL' })
  }
  if (!ownOrigins(req).includes(origin)) {
    return res.status(403).json({ error: 'origin_mismatch', message: 'Cross-site request refused' })
  }
  next()
}

/** The client's address: the socket's, or what the trusted proxies say (TRUST_PROXY). */
function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown'
}

/**
 * The key sign-in attempts from an address are counted under. IPv4: the address. IPv6: its /64,
 * the block one subscriber line or host gets, so walking through the addresses of one's own
 * block is still one address to the throttle. IPv4-mapped IPv6 is the IPv4 address. Anything else
 * (already a key, "unknown") is returned as it is.
 */
export function throttleKeyForIp(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)
  if (mapped) return mapped[1]!
  const bare = ip.replace(/%.*$/, '')
  if (isIP(bare) !== 6) return ip
  const [head = '', tail = ''] = bare.toLowerCase().split('::')
  const headGroups = head ? head.split(':') : []
  const tailGroups = bare.includes('::') ? (tail ? tail.split(':') : []) : []
  // An embedded IPv4 tail (::1.2.3.4) only ever sits in the low 64 bits.
  const missing = 8 - headGroups.length - tailGroups.length - (tail.includes('.') ? 1 : 0)
  const groups = [...headGroups, ...Array<string>(Math.max(missing, 0)).fill('0'), ...tailGroups]
  const prefix = groups.slice(0, 4).map((group) => parseInt(group, 16).toString(16))
  return `${prefix.join(':')}::/64`
}

const KB = 1024
const MB = 1024 * KB

/** The largest request body each kind of route reads. Anything larger is refused with 413, unread. */
export const BODY_LIMITS = {
  /** /login, /logout, /language: an e-mail address, a password, a path. */
  signIn: 16 * KB,
  /** Any other route, for someone not signed in: such posts are refused or redirected anyway. */
  anonymous: 16 * KB,
  /** A staff form without files. */
  form: 1 * MB,
  /** A pasted SOP table: up to 200,000 characters, URL-encoded. */
  sopImport: 2 * MB,
  /** Manual intake and TRC reports: MAX_UPLOADS files of MAX_UPLOAD_BYTES, and the form around them. */
  upload: MAX_UPLOADS * MAX_UPLOAD_BYTES + 1 * MB,
  /** The demo phone (/dev/whatsapp, demo and tests only): a photo of up to 5 MB. */
  devPhone: 6 * MB,
  /** tRPC over HTTP: JSON inputs. Files go through the forms. */
  trpc: 1 * MB,
} as const

/**
 * The body limit of a route. Only exact paths get the larger limits: any other spelling of a path
 * (case, encoding) falls to the smaller one, which can refuse too much but never allow too much.
 */
export function bodyLimitFor(
  urlPath: string,
  { signedIn, devTools }: { signedIn: boolean; devTools: boolean },
) {
  if (urlPath.startsWith('/api/trpc/')) return signedIn ? BODY_LIMITS.trpc : BODY_LIMITS.anonymous
  // A page's own URL, whether the browser posts the document or, with JavaScript, its `.data` (single fetch).
  const route = urlPath.replace(/\.data$/, '').replace(/\/$/, '')
  if (['/login', '/logout', '/language'].includes(route)) return BODY_LIMITS.signIn
  if (devTools && route === '/dev/whatsapp') return BODY_LIMITS.devPhone
  if (!signedIn) return BODY_LIMITS.anonymous
  if (/^\/t\/[a-z0-9-]+\/(complaints\/new|trc)$/.test(route)) return BODY_LIMITS.upload
  if (/^\/t\/[a-z0-9-]+\/admin\/sop\/import$/.test(route)) return BODY_LIMITS.sopImport
  return BODY_LIMITS.form
}

function formatBytes(bytes: number) {
  return bytes >= MB ? `${Math.round(bytes / MB)} MB` : `${Math.round(bytes / KB)} KB`
}

/** After a 413, what is still read (and dropped) so the client can take in the answer before the close. */
const DRAIN_AFTER_REFUSAL = { bytes: 8 * MB, ms: 2_000 }

/**
 * 413 (or, given `signInFirst`, a redirect there). A browser gets a sentence in the person's
 * language; anything else JSON. The body is never
 * parsed or kept: once the answer is out, what is still coming is dropped for a moment (closing
 * at once would reset the connection and lose the answer with it) and then the connection closes.
 */
function refuseTooLarge(req: Request, res: Response, limit: number, signInFirst?: string) {
  if (res.locals.refusedTooLarge) return
  res.locals.refusedTooLarge = true
  if (res.headersSent) {
    req.socket.destroy()
    return
  }
  res.once('finish', () => {
    let drained = 0
    const close = () => req.socket.destroy()
    const timer = setTimeout(close, DRAIN_AFTER_REFUSAL.ms)
    req.on('data', (chunk: Buffer) => {
      drained += chunk.length
      if (drained > DRAIN_AFTER_REFUSAL.bytes) close()
    })
    req.once('end', () => clearTimeout(timer))
    req.once('close', () => clearTimeout(timer))
    req.resume()
  })
  if (signInFirst) return res.redirect(303, signInFirst)
  res.status(413)
  if (req.accepts(['json', 'html']) === 'html') {
    void translator(requestLanguage(req)).then(
      (t) => res.type('text/plain').send(t('http.bodyTooLarge', { size: formatBytes(limit) })),
      () => res.type('text/plain').send('Payload too large'),
    )
    return
  }
  res.json({ error: 'body_too_large', limit, message: `The request body is over ${limit} bytes` })
}

/**
 * Refuses a body over the route's limit before a byte of it is read, from its Content-Length.
 * A body without one (chunked) is counted as it is read (`countedBody`), and tRPC counts its own.
 */
function bodyLimit(devTools: boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    const limit = bodyLimitFor(req.path, { signedIn: Boolean(authOf(res).user), devTools })
    res.locals.bodyLimit = limit
    const declared = req.headers['content-length']
    if (declared !== undefined && Number(declared) > limit) {
      // Someone whose session ended while filling in a console form: to the sign-in, as the page
      // itself would send them, rather than "too large". The body is not read either way.
      if (!authOf(res).user && req.path.startsWith('/t/') && req.accepts(['json', 'html']) === 'html')
        return refuseTooLarge(
          req,
          res,
          limit,
          `/login?redirectTo=${encodeURIComponent(req.path.replace(/\.data$/, ''))}`,
        )
      return refuseTooLarge(req, res, limit)
    }
    next()
  }
}

/**
 * The request body as it is read, counted: past the limit the reading stops, the request is
 * answered 413 and the reader (Remix's form parser) gets an error instead of a truncated form.
 */
function countedBody(req: Request, res: Response, limit: number, stop: () => void): Readable {
  let seen = 0
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length
      if (seen <= limit) return done(null, chunk)
      req.unpipe(counter)
      stop()
      refuseTooLarge(req, res, limit)
      done(new Error(`The request body is over ${limit} bytes`))
    },
  })
  return req.pipe(counter)
}

/** Per request: a nonce for Remix's inline scripts, and the security headers of every response. */
function securityHeaders(_req: Request, res: Response, next: NextFunction) {
  const nonce = randomBytes(16).toString('base64')
  res.locals.cspNonce = nonce
  for (const [name, value] of Object.entries(securityHeaderValues(nonce))) res.setHeader(name, value)
  next()
}

/**
 * No inline script but Remix's own, which carry the nonce; styles from the app's stylesheets (a
 * few `style` attributes are allowed: a bar's width); images from here, the photo previews
 * (blob:), Leaflet's data: icons and the OpenStreetMap tiles; no framing by anyone.
 */
export function contentSecurityPolicy(nonce: string) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob: https://tile.openstreetmap.org",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

function securityHeaderValues(nonce: string): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(nonce),
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
    // Production is served over TLS (behind the proxy); a development machine on http must not pin it.
    ...(isProduction ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  }
}
const SECURITY_HEADERS = new Set(Object.keys(securityHeaderValues('')).map((name) => name.toLowerCase()))

/**
 * The host (and port) the request was sent to: X-Forwarded-Host only from a trusted proxy
 * (TRUST_PROXY), else Host. Neither host nor port can be picked by a client that is not one.
 */
function requestHost(req: Request): string {
  const trusted = (req.app.get('trust proxy fn') as (address: string, hop: number) => boolean)(
    req.socket.remoteAddress ?? '',
    0,
  )
  const forwarded = trusted ? req.get('x-forwarded-host')?.split(',')[0]?.trim() : undefined
  return forwarded || req.get('host') || 'localhost'
}

/**
 * Remix on express, as @remix-run/express does it, except that the body is read through
 * `countedBody` (its limit from `bodyLimit`) and a route's own security header replaces the
 * default one instead of being added to it.
 */
/** What an HTML form (and Remix's own fetch of a form) sends. */
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']

function remixHandler({
  build,
  getLoadContext,
}: {
  build: ServerBuild
  getLoadContext: (req: Request, res: Response) => Promise<LoadContext>
}) {
  const handleRequest = createRequestHandler(build, env.NODE_ENV)
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const controller = new AbortController()
      let finished = false
      res.on('finish', () => (finished = true))
      res.on('close', () => {
        if (!finished) controller.abort()
      })
      const headers = new Headers()
      for (const [key, values] of Object.entries(req.headers)) {
        if (values === undefined) continue
        for (const value of Array.isArray(values) ? values : [values]) headers.append(key, value)
      }
      let url: URL
      try {
        url = new URL(`${req.protocol}://${requestHost(req)}${req.originalUrl}`)
      } catch {
        return res.status(400).json({ error: 'host_invalid', message: 'The Host header is not a host' })
      }
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
      // Pages take forms only; anything else would make the action's formData() throw a 500.
      const type = (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
      if (hasBody && type && !FORM_TYPES.includes(type))
        return res.status(415).json({
          error: 'content_type_unsupported',
          message: `Pages take ${FORM_TYPES.join(', ')}; the API is at /api/trpc`,
        })
      const limit = (res.locals.bodyLimit as number | undefined) ?? BODY_LIMITS.anonymous
      const request = new Request(url.href, {
        method: req.method,
        headers,
        signal: controller.signal,
        ...(hasBody
          ? {
              body: createReadableStreamFromReadable(countedBody(req, res, limit, () => controller.abort())),
              duplex: 'half',
            }
          : {}),
      } as RequestInit)
      const response = await handleRequest(request, await getLoadContext(req, res))
      if (res.locals.refusedTooLarge || res.headersSent) {
        await response.body?.cancel()
        return
      }
      res.statusMessage = response.statusText
      res.status(response.status)
      for (const [key, value] of response.headers.entries()) {
        if (SECURITY_HEADERS.has(key)) res.setHeader(key, value)
        else res.append(key, value)
      }
      if (response.body) await writeReadableStreamToWritable(response.body, res)
      else res.end()
    } catch (error) {
      if (res.locals.refusedTooLarge) return
      next(error)
    }
  }
}

export function createHttpApp({
  build,
  demo,
  trustProxy = env.TRUST_PROXY,
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
  /** Which proxies' X-Forwarded-* to believe (TRUST_PROXY). */
  trustProxy?: string[] | number | false
  onWebhookStored?: (deliveryId: number) => void
  /** Where this server is reached, for the simulator's status webhooks. */
  selfUrl?: () => string
}) {
  const devTools = demo || env.NODE_ENV === 'test'
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', trustProxy)
  app.use(securityHeaders)
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
  if (devTools) {
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
  app.use(bodyLimit(devTools))

  app.use(
    '/api/trpc',
    createExpressMiddleware({
      router: appRouter,
      // JSON inputs only (files go through the forms). A larger Content-Length is refused unread by
      // bodyLimit; a chunked body is counted here.
      maxBodySize: BODY_LIMITS.trpc,
      // A page's live parts batch a few calls; hundreds in one POST are an attack on a limit.
      maxBatchSize: MAX_TRPC_BATCH,
      createContext: ({ req, res, info }): TrpcContext => {
        // Signing in and out happen through the /login and /logout forms (server-side callers): over
        // HTTP they would put a session token in a JSON body and let one POST batch many guesses.
        if (info.calls.some((call) => call.path.startsWith('auth.')))
          throw new TRPCError({ code: 'NOT_FOUND', message: 'Sign in with the form at /login' })
        const tenant = req.headers['x-tanggap-tenant']
        return {
          ...authOf(res),
          tenantSlug: typeof tenant === 'string' ? tenant : null,
          ip: throttleKeyForIp(clientIp(req)),
        }
      },
    }),
  )

  if (build) {
    app.all(
      '*',
      remixHandler({
        build,
        getLoadContext: async (req, res): Promise<LoadContext> => {
          const auth = authOf(res)
          // Sign-in attempts are counted per address, an IPv6 address per /64 (throttleKeyForIp).
          const ip = throttleKeyForIp(clientIp(req))
          return {
            ...auth,
            ip,
            demo,
            devTools,
            cspNonce: res.locals.cspNonce as string,
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
    if (res.headersSent) return void res.end()
    void translator(requestLanguage(req)).then(
      (t) => res.status(500).type('text/plain').send(t('errors.unexpected')),
      () => res.status(500).type('text/plain').send('Internal server error'),
    )
  })
  return app
}
