import path from 'node:path'
import postgres from 'postgres'
import { startEmbeddedPostgres } from '../db/embedded.ts'

/**
 * The e2e server's database (e2e/server.ts), as its owner: for setting up what no page can do in
 * a test's time, such as a step that ran past its limit hours ago. Close it with `end()`.
 */
export async function e2eDatabase() {
  const port = process.env.E2E_PORT ?? '3100'
  let url: string
  if (process.env.DATABASE_URL) {
    const server = new URL(process.env.DATABASE_URL)
    server.pathname = `/tanggap_e2e_${port}`
    url = server.toString()
  } else {
    // The server's embedded cluster is running: this finds it and shares it (stopping it is not ours).
    url = (await startEmbeddedPostgres({ dataDir: path.resolve(`data/e2e-${port}`) })).ownerUrl
  }
  return postgres(url, { max: 1, onnotice: () => {} })
}
