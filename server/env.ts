import { z } from 'zod'

// The one place that reads process.env (docs/style.md rule 10). Parsed once, at import.
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
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
  const parsed = schema.safeParse(process.env)
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
