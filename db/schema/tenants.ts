import { boolean, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { timestamps } from './_shared.ts'

export type BusinessHours = { start: string; end: string }
export type Letterhead = { agencyName: string; parentName: string; address: string; logoPath?: string }

/** A tenant is one agency. Its row is public (slug, name) and carries no row-level policy. */
export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  serviceName: text('service_name').notNull(),
  regionName: text('region_name').notNull(),
  regionCode: text('region_code'),
  timezone: text('timezone').notNull(),
  language: text('language').notNull().default('id'),
  ticketPrefix: text('ticket_prefix').notNull(),
  businessHours: jsonb('business_hours')
    .$type<BusinessHours>()
    .notNull()
    .default({ start: '08:00', end: '16:00' }),
  /** ISO weekdays, 1 = Monday. */
  workingDays: integer('working_days').array().notNull().default([1, 2, 3, 4, 5]),
  letterhead: jsonb('letterhead').$type<Letterhead>(),
  letterNumberFormat: text('letter_number_format').notNull().default('{seq}/{code}/{roman_month}/{year}'),
  reportRecipients: jsonb('report_recipients')
    .$type<{ name: string; email: string }[]>()
    .notNull()
    .default([]),
  retentionDays: integer('retention_days').notNull().default(1825),
  active: boolean('active').notNull().default(true),
  ...timestamps,
})

/** Platform-wide key/value state, e.g. whether the demo seed finished. No tenant, no row policy. */
export const platformSettings = pgTable('platform_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<unknown>().notNull(),
  ...timestamps,
})
