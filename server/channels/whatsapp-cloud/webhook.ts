import express, { type NextFunction, type Request, type Response } from 'express'
import { db } from '#db/client.ts'
import { webhookDeliveries } from '#db/schema/index.ts'
import { phoneNumberIdsOf } from './payload.ts'
import { checkDeliverySignature, MAX_NUMBERS_PER_DELIVERY, verifyTokenKnown } from './routing.ts'

export const MAX_WEBHOOK_BYTES = 3 * 1024 * 1024

const SIGNATURE_REFUSALS = {
  signature_invalid: 'X-Hub-Signature-256 does not match the body',
  signature_not_for_number:
    'The body names a phone_number_id whose own app secret did not sign it; send each app its own deliveries',
  too_many_numbers: `The body names more than ${MAX_NUMBERS_PER_DELIVERY} phone_number_ids`,
} as const

/**
 * GET: Meta's verification handshake. POST: check the signature on the raw bytes, store the body,
 * answer 200; the processing job does the rest (`onStored`), so Meta gets its answer fast.
 */
export function whatsappWebhook({ onStored }: { onStored: (deliveryId: number) => void }) {
  const router = express.Router()

  router.get('/', async (req: Request, res: Response) => {
    const mode = req.query['hub.mode']
    const token = req.query['hub.verify_token']
    const challenge = req.query['hub.challenge']
    if (
      mode === 'subscribe' &&
      typeof token === 'string' &&
      typeof challenge === 'string' &&
      (await verifyTokenKnown(token))
    ) {
      return res.status(200).type('text/plain').send(challenge)
    }
    res.status(403).json({
      error: 'verification_failed',
      message: 'hub.verify_token does not match a configured verify token',
    })
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
        const phoneNumberIds = phoneNumberIdsOf(body)
        const check = await checkDeliverySignature(raw, signature, phoneNumberIds)
        if (!check.ok)
          return res.status(401).json({ error: check.error, message: SIGNATURE_REFUSALS[check.error] })
        const [stored] = await db()
          .insert(webhookDeliveries)
          .values({ body: raw.toString('utf8'), phoneNumberIds })
          .returning({ id: webhookDeliveries.id })
        res.sendStatus(200)
        onStored(stored!.id)
      } catch (error) {
        next(error)
      }
    },
  )

  router.use((error: { type?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (error?.type === 'entity.too.large')
      return res.status(413).json({ error: 'too_large', message: 'The body is over 3 MB' })
    next(error)
  })
  return router
}
