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

/** Failed sign-ins, for throttling by email and by address. Old rows are pruned at sign-in. */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    ip: text('ip').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('login_failures_email_idx').on(t.email, t.at), index('login_failures_ip_idx').on(t.ip, t.at)],
)
