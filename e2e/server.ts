/**
 * The server the e2e tests run against: the real `server/index.ts`, in demo mode, on a database
 * made fresh for this run: a new database on DATABASE_URL's server when one is given, else a new
 * embedded cluster in data/e2e.
 */
import fs from 'node:fs'
import path from 'node:path'
import postgres from 'postgres'

// Per port, so e2e runs on different ports never share a database.
const port = process.env.PORT ?? '3100'
const E2E_DB = `tanggap_e2e_${port}`

if (process.env.DATABASE_URL) {
  const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} })
  await admin.unsafe(`drop database if exists ${E2E_DB} with (force)`)
  await admin.unsafe(`create database ${E2E_DB}`)
  await admin.end()
  const url = new URL(process.env.DATABASE_URL)
  url.pathname = `/${E2E_DB}`
  process.env.DATABASE_URL = url.toString()
  delete process.env.DATABASE_APP_URL
} else {
  const dir = path.resolve(`data/e2e-${port}`)
  fs.rmSync(dir, { recursive: true, force: true })
  process.env.DATA_DIR = dir
}
process.env.DEMO = '1'

await import('../server/index.ts')
