import express, { type NextFunction, type Request, type Response } from 'express'
import { db, isConnectionLost, withinDeadline } from '#db/client.ts'
import { webhookDeliveries } from '#db/schema/index.ts'
import { payloadProblem, phoneNumberIdsOf } from './payload.ts'
import { checkDeliverySignature, MAX_NUMBERS_PER_DELIVERY, verifyTokenKnown } from './routing.ts'

export const MAX_WEBHOOK_BYTES = 3 * 1024 * 1024
/**
 * How long the webhook waits for the database. Past it (or at once, when the connection is gone)
 * Meta gets 503 and retries later, rather than a hanging request or a 500.
 */
export const WEBHOOK_DATABASE_DEADLINE_MS = 1_000

const SIGNATURE_REFUSALS = {
  signature_invalid: 'X-Hub-Signature-256 does not match the body',
  signature_not_for_number:
    'The body names a phone_number_id whose own app secret did not sign it; send each app its own deliveries',
  too_many_numbers: `The body names more than ${MAX_NUMBERS_PER_DELIVERY} phone_number_ids`,
} as const

function databaseUnavailable(res: Response) {
  return res.status(503).set('Retry-After', '10').json({
    error: 'database_unavailable',
    message: 'The database is not reachable right now; deliver again later',
  })
}

/**
 * GET: Meta's verification handshake. POST: check the signature on the raw bytes, store the body,
 * answer 200; the processing job does the rest (`onStored`), so Meta gets its answer fast.
 */
export function whatsappWebhook({ onStored }: { onStored: (deliveryId: number) => void }) {
  const router = express.Router()

  router.get('/', async (req: Request, res: Response, next: NextFunction) => {
    try {
      const mode = req.query['hub.mode']
      const token = req.query['hub.verify_token']
      const challenge = req.query['hub.challenge']
      if (
        mode === 'subscribe' &&
        typeof token === 'string' &&
        typeof challenge === 'string' &&
        (await withinDeadline(verifyTokenKnown(token), WEBHOOK_DATABASE_DEADLINE_MS))
      ) {
        return res.status(200).type('text/plain').send(challenge)
      }
      res.status(403).json({
        error: 'verification_failed',
        message: 'hub.verify_token does not match a configured verify token',
      })
    } catch (error) {
      if (isConnectionLost(error)) return databaseUnavailable(res)
      next(error)
    }
  })

  router.post(
    '/',
    express.raw({ type: () => true, limit: MAX_WEBHOOK_BYTES }),
    async (req: Request, res: Response, next: NextFunction) => {
      try {
        const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)
        const signature = req.get('x-hub-signature-256')
        if (!signature)
          return res
            .status(401)
            .json({ error: 'signature_missing', message: 'X-Hub-Signature-256 is required' })
        let body: unknown
        try {
          body = JSON.parse(raw.toString('utf8'))
        } catch {
          return res.status(400).json({ error: 'malformed_json', message: 'The body is not JSON' })
        }
        // Every number is checked before any lookup uses it.
        const numbers = phoneNumberIdsOf(body)
        if (!numbers.ok)
          return res.status(400).json({
            error: numbers.error,
            message: 'A phone_number_id is not a string of 6 to 20 digits',
            path: numbers.path,
          })
        const { phoneNumberIds } = numbers
        const check = await withinDeadline(
          checkDeliverySignature(raw, signature, phoneNumberIds),
          WEBHOOK_DATABASE_DEADLINE_MS,
        )
        if (!check.ok)
          return res.status(401).json({ error: check.error, message: SIGNATURE_REFUSALS[check.error] })
        // Signed, but not a body processing can store: refused, so nothing stored can make it throw.
        const problem = payloadProblem(body)
        if (problem)
          return res.status(400).json({
            error: 'payload_invalid',
            message: 'The body is not a WhatsApp Cloud API webhook body',
            path: problem,
          })
        const [stored] = await withinDeadline(
          db()
            .insert(webhookDeliveries)
            .values({ body: raw.toString('utf8'), phoneNumberIds })
            .returning({ id: webhookDeliveries.id }),
          WEBHOOK_DATABASE_DEADLINE_MS,
        )
        res.sendStatus(200)
        onStored(stored!.id)
      } catch (error) {
        // Meta retries a 5xx: nothing is stored, and nothing was acknowledged.
        if (isConnectionLost(error)) return databaseUnavailable(res)
        next(error)
      }
    },
  )

  router.use(
    (error: { type?: string; status?: number }, _req: Request, res: Response, next: NextFunction) => {
      if (error?.type === 'entity.too.large')
        return res.status(413).json({ error: 'too_large', message: 'The body is over 3 MB' })
      // The body could not be read as sent: an unknown Content-Encoding (415), a body that does not
      // decode (400), a request cut short. The sender's fault, never a 500.
      if (typeof error?.status === 'number' && error.status >= 400 && error.status < 500)
        return res.status(error.status).json({
          error: 'body_unreadable',
          reason: error.type ?? 'unknown',
          message: 'The body could not be read as sent (Content-Encoding or length)',
        })
      next(error)
    },
  )
  return router
}
