import { boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { timestamps } from './_shared.ts'

/** People who sign in. A user may belong to several tenants through memberships. */
export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Stored lower-case. */
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  /** null: follow the tenant's language. */
  language: text('language'),
  isPlatformAdmin: boolean('is_platform_admin').notNull().default(false),
  ...timestamps,
})

/** lucia v3 sessions. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
)

/**
 * Sign-in attempts, for throttling. A row is written before the password is checked (a
 * reservation), so parallel or batched attempts can never check more passwords than the limit
 * allows; it is deleted when the password was right. `device` is set for attempts from a browser
 * that signed in to this account before (docs/decisions/012): those count against that device only.
 */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    ip: text('ip').notNull(),
    device: text('device'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('login_failures_email_idx').on(t.email, t.at),
    index('login_failures_ip_idx').on(t.ip, t.at),
    index('login_failures_device_idx').on(t.device, t.at),
  ],
)

/**
 * Browsers that signed in to an account (docs/decisions/012). The browser keeps the token; only its
 * SHA-256 is stored. Attempts from a remembered browser count against that browser alone, so a
 * stranger's guesses never lock the owner out. At most a few per account (the oldest go), all
 * forgotten when the person signs out everywhere.
 */
export const loginDevices = pgTable(
  'login_devices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('login_devices_user_idx').on(t.userId, t.lastUsedAt)],
)
