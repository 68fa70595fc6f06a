import { defineConfig } from 'drizzle-kit'

// drizzle-kit only generates SQL from the schema; migrations are applied by the app (`db/migrate.ts`).
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  entities: { roles: { provider: '', exclude: [], include: [] } },
})
