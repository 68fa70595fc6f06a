import { env } from '#server/env.ts'

/** What the Cloud API answered: the accepted message id, or an error with what to do about it. */
export type SendResult =
  | { ok: true; wamid: string }
  | {
      ok: false
      /**
       * `unknown`: no answer (a timeout, a connection lost mid-request): Meta may have accepted it,
       * so it must not simply go again (send.ts waits for a status naming it first).
       */
      kind: 'retry' | 'window' | 'token' | 'fatal' | 'unknown'
      code: number | null
      httpStatus: number | null
      message: string
    }

export type GraphConfig = { baseUrl: string; version: string }

let configured: GraphConfig | undefined

/** Meta in production; the built-in simulator (`/dev/graph`) in demo and tests (set at start-up). */
export function graphConfig(): GraphConfig {
  return (
    configured ?? {
      baseUrl: env.GRAPH_API_BASE_URL ?? 'https://graph.facebook.com',
      version: env.GRAPH_API_VERSION,
    }
  )
}

export function setGraphConfig(config: GraphConfig) {
  configured = config
}

/** What to do on each Graph error code (decision 007). */
function classify(code: number | null, httpStatus: number | null): 'retry' | 'window' | 'token' | 'fatal' {
  if (code === 131047) return 'window'
  if (code === 0 || code === 190) return 'token'
  if (code === 130429 || code === 80007 || code === 131056 || code === 4) return 'retry'
  if (httpStatus !== null && (httpStatus === 429 || httpStatus >= 500)) return 'retry'
  return 'fatal'
}

/** Failures that happen before a request leaves: nothing can have been accepted. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])

function causeCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause
  return typeof cause?.code === 'string' ? cause.code : undefined
}

export async function sendToGraph({
  phoneNumberId,
  accessToken,
  body,
  callbackData,
  timeoutMs = 10_000,
}: {
  phoneNumberId: string
  accessToken: string
  body: Record<string, unknown>
  /** Meta's `biz_opaque_callback_data`: comes back in every status of the message it was sent with. */
  callbackData?: string
  timeoutMs?: number
}): Promise<SendResult> {
  const { baseUrl, version } = graphConfig()
  let response: Response
  try {
    response = await fetch(`${baseUrl}/${version}/${phoneNumberId}/messages`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        ...body,
        ...(callbackData ? { biz_opaque_callback_data: callbackData } : {}),
      }),
      signal: AbortSignal.timeout(timeoutMs),
    })
  } catch (error) {
    const code = causeCode(error)
    return {
      ok: false,
      kind: code && NOT_SENT.has(code) ? 'retry' : 'unknown',
      code: null,
      httpStatus: null,
      message: `no answer: ${String(error)}${code ? ` (${code})` : ''}`,
    }
  }
  const json = (await response.json().catch(() => ({}))) as {
    messages?: { id?: string }[]
    error?: { code?: number; message?: string }
  }
  const wamid = json.messages?.[0]?.id
  if (response.ok && wamid) return { ok: true, wamid }
  const code = typeof json.error?.code === 'number' ? json.error.code : null
  return {
    ok: false,
    kind: classify(code, response.status),
    code,
    httpStatus: response.status,
    message: json.error?.message ?? `HTTP ${response.status}`,
  }
}
