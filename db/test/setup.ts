import postgres from 'postgres'
import { afterAll, beforeAll, inject } from 'vitest'
import { setEncryptionKey } from '#server/crypto.ts'
import { closeDatabase, connectDatabase } from '../client.ts'

/**
 * Per test file: a fresh database cloned from the migrated template, so files never see each
 * other's rows and nothing piles up between runs. The pool connects as `tanggap_app`, like the app.
 */
const { serverUrl, appPassword, template, prefix } = inject('testDatabase')
const name = `${prefix}${process.env.VITEST_POOL_ID ?? '0'}_${process.pid}_${Date.now().toString(36)}`

function urlFor(database: string, user?: { name: string; password: string }) {
  const u = new URL(serverUrl)
  u.pathname = `/${database}`
  if (user) {
    u.username = user.name
    u.password = user.password
  }
  return u.toString()
}

export const testOwnerUrl = urlFor(name)

beforeAll(async () => {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} })
  try {
    await admin.unsafe(`create database "${name}" template ${template}`)
    await admin.unsafe(`grant connect on database "${name}" to tanggap_app`)
  } finally {
    await admin.end()
  }
  setEncryptionKey(Buffer.alloc(32, 7).toString('base64'))
  connectDatabase(
    { ownerUrl: testOwnerUrl, appUrl: urlFor(name, { name: 'tanggap_app', password: appPassword }) },
    { max: 4 },
  )
})

afterAll(async () => {
  await closeDatabase()
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} })
  try {
    await admin.unsafe(`drop database if exists "${name}" with (force)`)
  } finally {
    await admin.end()
  }
})
