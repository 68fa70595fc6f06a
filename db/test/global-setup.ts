import fs from 'node:fs'
import path from 'node:path'
import postgres from 'postgres'
import type { TestProject } from 'vitest/node'
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../embedded.ts'
import { migrateDatabase } from '../migrate.ts'

/**
 * Once per `vitest run`: find a PostgreSQL (DATABASE_URL, else an embedded one in data/test) and
 * build a migrated template database that every test file clones (STYLE.md rule 13).
 */
export const TEMPLATE_DB = 'tanggap_test_template'
const APP_PASSWORD = 'tanggap-app-local'

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: { serverUrl: string; appPassword: string; template: string }
  }
}

function withDatabase(url: string, name: string) {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

let embedded: EmbeddedPostgres | undefined

export async function setup(project: TestProject) {
  let serverUrl = process.env.DATABASE_URL
  let appPassword = process.env.APP_DB_PASSWORD ?? APP_PASSWORD
  if (!serverUrl) {
    const dataDir = path.resolve('data/test')
    fs.mkdirSync(dataDir, { recursive: true })
    embedded = await startEmbeddedPostgres({ dataDir })
    serverUrl = embedded.ownerUrl
    appPassword = decodeURIComponent(new URL(embedded.appUrl).password)
  }
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} })
  try {
    // Test databases of an earlier, interrupted run go first.
    const stale = await admin`select datname from pg_database where datname like 'tanggap_test_%'`
    for (const { datname } of stale) await admin.unsafe(`drop database if exists "${datname}" with (force)`)
    await admin.unsafe(`create database ${TEMPLATE_DB}`)
  } finally {
    await admin.end()
  }
  await migrateDatabase({ ownerUrl: withDatabase(serverUrl, TEMPLATE_DB), appPassword })
  project.provide('testDatabase', { serverUrl, appPassword, template: TEMPLATE_DB })
}

export async function teardown() {
  await embedded?.stop()
}
