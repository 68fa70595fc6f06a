import fs from 'node:fs'
import path from 'node:path'
import postgres from 'postgres'
import type { TestProject } from 'vitest/node'
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../embedded.ts'
import { migrateDatabase } from '../migrate.ts'

/**
 * Once per `vitest run`: find a PostgreSQL (DATABASE_URL, else an embedded one in data/test) and
 * build a migrated template database that every test file clones (docs/style.md rule 13).
 */
// Names carry this run's pid, so concurrent runs on one server leave each other alone.
const RUN_PREFIX = `tanggap_test_${process.pid}_`
const TEMPLATE_DB = `${RUN_PREFIX}template`
const APP_PASSWORD = 'tanggap-app-local'

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: { serverUrl: string; appPassword: string; template: string; prefix: string }
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
    // Databases of earlier runs that were interrupted (their process is gone) go first.
    const stale = await admin`select datname from pg_database where datname like 'tanggap\_test\_%'`
    for (const { datname } of stale) {
      const pid = Number(/^tanggap_test_(\d+)_/.exec(datname as string)?.[1])
      if (!pid || !isAlive(pid)) await admin.unsafe(`drop database if exists "${datname}" with (force)`)
    }
    await admin.unsafe(`create database ${TEMPLATE_DB}`)
  } finally {
    await admin.end()
  }
  await migrateDatabase({ ownerUrl: withDatabase(serverUrl, TEMPLATE_DB), appPassword })
  project.provide('testDatabase', { serverUrl, appPassword, template: TEMPLATE_DB, prefix: RUN_PREFIX })
  testServerUrl = serverUrl
}

let testServerUrl: string | undefined

export async function teardown() {
  if (testServerUrl) {
    const admin = postgres(testServerUrl, { max: 1, onnotice: () => {} })
    await admin.unsafe(`drop database if exists "${TEMPLATE_DB}" with (force)`).catch(() => {})
    await admin.end()
  }
  await embedded?.stop()
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
