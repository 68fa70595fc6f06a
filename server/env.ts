import { isIP } from 'node:net'
import { z } from 'zod'

/** Express's names for address ranges, usable in TRUST_PROXY. */
const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal']

/**
 * TRUST_PROXY: which hops may say who the client is (X-Forwarded-For, -Proto, -Host). A list of
 * addresses, CIDR ranges or the names loopback, linklocal, uniquelocal; a number of hops; or
 * `none`. Unset: loopback only. "Every address" is not offered: it lets any client pick its own IP.
 */
export function parseTrustProxy(value: string | undefined): string[] | number | false {
  const text = value?.trim() ?? ''
  if (text === '') return ['loopback']
  if (text === 'none' || text === 'false') return false
  if (/^\d+$/.test(text)) return Number(text)
  const items = text.split(',').map((item) => item.trim())
  for (const item of items) {
    if (PROXY_RANGES.includes(item)) continue
    const [address = '', prefix, extra] = item.split('/')
    const family = isIP(address)
    const maxPrefix = family === 4 ? 32 : 128
    if (!family || extra !== undefined || (prefix !== undefined && !validPrefix(prefix, maxPrefix)))
      throw new Error(
        `"${item}" is not an address, a CIDR range or one of ${PROXY_RANGES.join(', ')} (or give a hop count, or none)`,
      )
  }
  return items
}

function validPrefix(prefix: string, max: number) {
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= max
}

// The one place that reads process.env (docs/style.md rule 10). Parsed once, at import.
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  // The address to listen on. Unset: every interface, except in demo mode (loopback only).
  HOST: z.string().min(1).optional(),
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((value, ctx) => {
      try {
        return parseTrustProxy(value)
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message })
        return z.NEVER
      }
    }),
  // Owner connection: runs migrations and owns the tables. Without it an embedded PostgreSQL is started.
  DATABASE_URL: z.string().url().optional(),
  // The application's connection: a role that owns no table and has no BYPASSRLS.
  // When unset it is derived from DATABASE_URL with the role `tanggap_app` and APP_DB_PASSWORD.
  DATABASE_APP_URL: z.string().url().optional(),
  APP_DB_PASSWORD: z.string().min(8).optional(),
  DEMO: z
    .enum(['0', '1', 'true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === '1' || v === 'true')),
  DATA_DIR: z.string().default('./data'),
  // In-process job workers (SLA scan, mail); set 0 when they run apart with `npm run worker`.
  WORKERS: z
    .enum(['0', '1', 'true', 'false'])
    .default('1')
    .transform((v) => v === '1' || v === 'true'),
  SMTP_URL: z.string().url().optional(),
  // 32 bytes, base64: encrypts channel secrets at rest. Generated and kept in DATA_DIR in demo mode.
  ENCRYPTION_KEY: z.string().optional(),
  PUBLIC_URL: z.string().url().optional(),
  // WhatsApp Cloud API. Demo and tests point the base URL at the built-in simulator (/dev/graph).
  GRAPH_API_BASE_URL: z.string().url().optional(),
  GRAPH_API_VERSION: z.string().default('v21.0'),
  // The platform Meta app's secret and verify token (agencies with their own app set theirs per channel).
  WHATSAPP_APP_SECRET: z.string().min(8).optional(),
  WHATSAPP_VERIFY_TOKEN: z.string().min(8).optional(),
  LOG_LEVEL: z.enum(['silent', 'error', 'info', 'debug']).default('info'),
  // Set by the test harness: build is not rebuilt, secure cookies off.
  CI: z.string().optional(),
})

export type Env = z.infer<typeof schema>

function parseEnv(): Env {
  const parsed = schema
    .superRefine((config, ctx) => {
      if (config.NODE_ENV === 'production' && config.DEMO)
        ctx.addIssue({
          code: 'custom',
          path: ['DEMO'],
          message:
            'DEMO=1 is refused with NODE_ENV=production: demo mode seeds known passwords and serves the developer tools (/dev). Unset DEMO, or run without NODE_ENV=production',
        })
    })
    .safeParse(process.env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')
    console.error(`Invalid configuration:\n${problems}`)
    process.exit(1)
  }
  return parsed.data
}

export const env = parseEnv()
export const isProduction = env.NODE_ENV === 'production'

/** Where people and Meta reach this platform: links in emails, the webhook address, the demo simulator. */
export const publicUrl = () => env.PUBLIC_URL ?? `http://localhost:${env.PORT}`
