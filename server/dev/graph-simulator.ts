import { createHash } from 'node:crypto'
import express, { type NextFunction, type Request, type Response } from 'express'
import { lucia } from '#server/auth/lucia.ts'
import { signBody } from '#server/channels/whatsapp-cloud/signature.ts'

/**
 * The WhatsApp Cloud API, simulated for demo and tests (never mounted in production). It speaks
 * Meta's shapes: accepts sends with a bearer token, answers with real-shaped successes and errors,
 * can be told to fail (429, 500, 131047, 190, timeouts, and `slow`: accepted, but the answer comes
 * after the sender has given up, as when Meta's answer is lost), records what it got
 * (`GET /sent?to=`, for a signed-in platform admin only), and posts signed status webhooks (sent,
 * delivered, read) back to the real webhook, with the send's `biz_opaque_callback_data` as Meta does.
 */
export type SentMessage = {
  to: string
  phoneNumberId: string
  wamid: string
  body: Record<string, unknown>
  at: string
}
type Failure = '429' | '500' | '131047' | '190' | '131026' | 'timeout' | 'slow'
const FAILURES: readonly Failure[] = ['429', '500', '131047', '190', '131026', 'timeout', 'slow']
/** How long a `timeout` or `slow` send is held before it is answered: past any sender's patience. */
const HOLD_MS = 15_000

const ERRORS: Record<
  Exclude<Failure, 'timeout' | 'slow'>,
  { status: number; error: Record<string, unknown> }
> = {
  '429': {
    status: 429,
    error: {
      message: '(#130429) Rate limit hit',
      type: 'OAuthException',
      code: 130429,
      error_data: { details: 'Cloud API message throughput has been reached.' },
    },
  },
  '500': {
    status: 500,
    error: { message: 'An unknown error has occurred.', type: 'OAuthException', code: 1 },
  },
  '131047': {
    status: 400,
    error: {
      message: 'Re-engagement message',
      type: 'OAuthException',
      code: 131047,
      error_data: {
        details:
          'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
      },
    },
  },
  '190': {
    status: 401,
    error: {
      message: 'Error validating access token: Session has expired.',
      type: 'OAuthException',
      code: 190,
      error_subcode: 463,
    },
  },
  '131026': {
    status: 400,
    error: { message: 'Message undeliverable', type: 'OAuthException', code: 131026 },
  },
}

export type StoredMedia = { id: string; mimeType: string; sha256: string; bytes: Buffer }

/**
 * The phone numbers the simulated Meta account holds, each usable only with its own access token
 * (GET /{phone-number-id} answers for it, as Meta does): the demo's two numbers and a spare one a
 * demo admin may claim. Tests add their own with holdNumber (or POST /numbers as a platform admin).
 */
export type SimulatedNumber = { id: string; accessToken: string; displayNumber: string; verifiedName: string }
export const SIMULATED_NUMBERS: readonly SimulatedNumber[] = [
  {
    id: '109000000000001',
    accessToken: 'demo-access-token-balangan',
    displayNumber: '+62 811-5100-0001',
    verifiedName: 'LA-LISA Satpol PP Balangan',
  },
  {
    id: '109000000000002',
    accessToken: 'demo-access-token-tangerang',
    displayNumber: '+62 811-5200-0002',
    verifiedName: 'LAKSA Kota Tangerang',
  },
  {
    id: '109000000000003',
    accessToken: 'demo-access-token-baru',
    displayNumber: '+62 811-5300-0003',
    verifiedName: 'Nomor cadangan demo',
  },
]

export function graphSimulator({
  webhookUrl,
  appSecret,
  baseUrl,
}: {
  webhookUrl: () => string
  appSecret: string
  baseUrl: () => string
}) {
  const sent: SentMessage[] = []
  const failures = new Map<string, Failure[]>()
  const media = new Map<string, StoredMedia>()
  const numbers = new Map(SIMULATED_NUMBERS.map((n) => [n.id, n]))
  let counter = 0
  const router = express.Router()

  // Media a simulated citizen sends: upload the bytes, get the media id a webhook message carries.
  router.post('/media', express.raw({ type: () => true, limit: '20mb' }), (req: Request, res: Response) => {
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)
    if (bytes.length === 0) return res.status(400).json({ error: { message: 'empty file', code: 100 } })
    const id = `${Date.now()}${(++counter).toString().padStart(4, '0')}`
    const stored = {
      id,
      mimeType: req.get('content-type') ?? 'application/octet-stream',
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes,
    }
    media.set(id, stored)
    res.json({ id, mime_type: stored.mimeType, sha256: stored.sha256, file_size: bytes.length })
  })

  const requireBearer = (req: Request, res: Response) => {
    if (/^Bearer \S+/.test(req.get('authorization') ?? '')) return true
    res.status(401).json({
      error: {
        message: 'An access token is required to request this resource.',
        type: 'OAuthException',
        code: 190,
      },
    })
    return false
  }

  // GET {media url}: the bytes, with the bearer token, as Meta's lookaside URL does.
  router.get('/media-file/:id', (req: Request, res: Response) => {
    if (!requireBearer(req, res)) return
    const item = media.get(req.params.id ?? '')
    if (!item) return res.status(404).json({ error: { message: 'Unsupported get request', code: 100 } })
    res.type(item.mimeType).send(item.bytes)
  })

  router.use(express.json({ limit: '1mb' }))

  // Telling it to fail and reading what it sent are for the platform's operators: what was sent
  // holds every tenant's messages and the reporters' numbers.
  router.post('/fail', requirePlatformAdmin, (req: Request, res: Response) => {
    const { to, failures: next } = req.body as { to?: unknown; failures?: unknown }
    if (
      typeof to !== 'string' ||
      !Array.isArray(next) ||
      !next.every((f): f is Failure => FAILURES.includes(f as Failure))
    )
      return res.status(400).json({ error: 'to and failures are required', failures: FAILURES })
    failNext(to, next)
    res.json({ queued: failures.get(to) })
  })

  // A number the simulated account holds, with the access token that may use it (tests).
  router.post('/numbers', requirePlatformAdmin, (req: Request, res: Response) => {
    const { id, accessToken, displayNumber } = req.body as Partial<SimulatedNumber>
    if (!id || !accessToken) return res.status(400).json({ error: 'id and accessToken are required' })
    numbers.set(id, { id, accessToken, displayNumber: displayNumber ?? id, verifiedName: 'Simulated' })
    res.json({ id })
  })

  router.get('/sent', requirePlatformAdmin, (req: Request, res: Response) => {
    const to = typeof req.query.to === 'string' ? req.query.to : undefined
    res.json({ data: sentTo(to) })
  })

  // GET /{version}/{media-id}: where to fetch the file, its type, hash and size.
  router.get('/:version/:mediaId', (req: Request, res: Response) => {
    if (!requireBearer(req, res)) return
    const item = media.get(req.params.mediaId ?? '')
    const number = item ? undefined : numbers.get(req.params.mediaId ?? '')
    if (number) {
      // GET /{phone-number-id}: only with that number's own token, as Meta allows.
      const token = (req.get('authorization') ?? '').replace(/^Bearer /, '')
      if (token === number.accessToken)
        return res.json({
          verified_name: number.verifiedName,
          display_phone_number: number.displayNumber,
          id: number.id,
          quality_rating: 'GREEN',
        })
      const knownToken = [...numbers.values()].some((n) => n.accessToken === token)
      return knownToken
        ? res.status(400).json({
            error: {
              message: `Unsupported get request. Object with ID '${number.id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
              type: 'GraphMethodException',
              code: 100,
              error_subcode: 33,
            },
          })
        : res.status(401).json({
            error: {
              message: 'Invalid OAuth access token - Cannot parse access token',
              type: 'OAuthException',
              code: 190,
            },
          })
    }
    if (!item)
      return res.status(404).json({
        error: {
          message: 'Unsupported get request. Object does not exist.',
          type: 'GraphMethodException',
          code: 100,
        },
      })
    res.json({
      messaging_product: 'whatsapp',
      url: `${baseUrl()}/media-file/${item.id}`,
      mime_type: item.mimeType,
      sha256: item.sha256,
      file_size: item.bytes.length,
      id: item.id,
    })
  })

  router.post('/:version/:phoneNumberId/messages', async (req: Request, res: Response) => {
    if (!/^Bearer \S+/.test(req.get('authorization') ?? '')) {
      return res.status(401).json({
        error: {
          message: 'An access token is required to request this resource.',
          type: 'OAuthException',
          code: 190,
        },
      })
    }
    const body = req.body as { to?: string; type?: string; messaging_product?: string }
    if (body.messaging_product !== 'whatsapp' || !body.to || !body.type) {
      return res
        .status(400)
        .json({ error: { message: '(#100) Invalid parameter', type: 'OAuthException', code: 100 } })
    }
    const failure = failures.get(body.to)?.shift()
    if (failure === 'timeout') {
      await new Promise((r) => setTimeout(r, HOLD_MS))
      return res.status(504).end()
    }
    if (failure && failure !== 'slow') {
      const { status, error } = ERRORS[failure]
      return res.status(status).json({ error: { ...error, fbtrace_id: `SIM${Date.now()}` } })
    }
    const wamid = `wamid.SIM${Date.now().toString(36)}${(++counter).toString(36)}`
    const phoneNumberId = req.params.phoneNumberId ?? ''
    sent.push({
      to: body.to,
      phoneNumberId,
      wamid,
      body: req.body as Record<string, unknown>,
      at: new Date().toISOString(),
    })
    const callbackData = (req.body as { biz_opaque_callback_data?: unknown }).biz_opaque_callback_data
    void emitStatuses(phoneNumberId, body.to, wamid, typeof callbackData === 'string' ? callbackData : null)
    // Accepted all the same: the answer is only late (a sender that gave up cannot tell).
    if (failure === 'slow') await new Promise((r) => setTimeout(r, HOLD_MS))
    res.json({
      messaging_product: 'whatsapp',
      contacts: [{ input: body.to, wa_id: body.to }],
      messages: [{ id: wamid }],
    })
  })

  async function emitStatuses(phoneNumberId: string, to: string, wamid: string, callbackData: string | null) {
    for (const status of ['sent', 'delivered', 'read']) {
      await new Promise((r) => setTimeout(r, 150))
      const payload = JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [
          {
            id: 'SIMULATED_WABA',
            changes: [
              {
                field: 'messages',
                value: {
                  messaging_product: 'whatsapp',
                  metadata: { display_phone_number: phoneNumberId, phone_number_id: phoneNumberId },
                  statuses: [
                    {
                      id: wamid,
                      status,
                      timestamp: String(Math.floor(Date.now() / 1000)),
                      recipient_id: to,
                      ...(callbackData ? { biz_opaque_callback_data: callbackData } : {}),
                    },
                  ],
                },
              },
            ],
          },
        ],
      })
      await fetch(webhookUrl(), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': signBody(payload, appSecret) },
        body: payload,
      }).catch(() => {})
    }
  }

  const failNext = (to: string, next: readonly Failure[]) => {
    failures.set(to, [...(failures.get(to) ?? []), ...next])
  }
  const sentTo = (to?: string) => (to ? sent.filter((m) => m.to === to) : [...sent])
  /** A number the simulated account holds, with the access token that may use it (tests). */
  const holdNumber = (id: string, accessToken: string) =>
    numbers.set(id, { id, accessToken, displayNumber: `+${id}`, verifiedName: 'Simulated' })
  const simulator = { router, sent, media, failNext, sentTo, holdNumber, webhookUrl }
  active = simulator
  return simulator
}

export type GraphSimulator = ReturnType<typeof graphSimulator>
let active: GraphSimulator | undefined

/** The simulator this process mounted (demo and tests): the citizen's phone reads its own thread here. */
export function activeSimulator(): GraphSimulator | undefined {
  return active
}

/** Only a signed-in platform admin; anyone else is told there is nothing here. */
async function requirePlatformAdmin(req: Request, res: Response, next: NextFunction) {
  try {
    const sessionId = lucia().readSessionCookie(req.headers.cookie ?? '')
    const { user } = sessionId ? await lucia().validateSession(sessionId) : { user: null }
    if (user?.isPlatformAdmin) return next()
    res.status(404).json({ error: 'not_found', message: 'Only a signed-in platform admin sees this' })
  } catch (error) {
    next(error)
  }
}
