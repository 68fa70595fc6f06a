// Started by db/client-resilience.test.ts. Kills the backend of its own transactions in flight, the
// way a database restart does, and checks after each kill that the pool still answers at once.
// Prints one JSON line: how many queries failed or hung afterwards.
import { sql } from 'drizzle-orm'
import postgres from 'postgres'
import { connectDatabase, db } from '#db/client.ts'
import { surviveDatabaseOutages } from '#server/database.ts'

const url = process.argv[2]
if (!url) throw new Error('database url missing')
const guarded = process.argv[3] !== 'unguarded'
if (guarded) surviveDatabaseOutages()
connectDatabase({ ownerUrl: url, appUrl: url }, { max: 3 })
const killer = postgres(url, { max: 1, onnotice: () => {} })

const within = <T>(work: Promise<T>, ms: number) =>
  Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('hung')), ms))])

let failedAfter = 0
for (let round = 0; round < 6; round++) {
  let pid: number | undefined
  const tx = db().transaction(async (t) => {
    const rows = await t.execute(sql`select pg_backend_pid() as pid`)
    pid = Number(rows[0]!.pid)
    await t.execute(sql`select pg_sleep(3)`)
  })
  tx.catch(() => {})
  while (pid === undefined) await new Promise((r) => setTimeout(r, 20))
  await killer`select pg_terminate_backend(${pid})`
  await tx.catch(() => {})
  await new Promise((r) => setTimeout(r, 100))
  // Every connection of the pool gets a turn: a spoiled one would hang until its connect timeout.
  const checks = await Promise.allSettled(
    Array.from({ length: 6 }, () => within(db().execute(sql`select 1 as one`), 4_000)),
  )
  failedAfter += checks.filter((c) => c.status === 'rejected').length
}
console.log(JSON.stringify({ failedAfter }))
await killer.end()
process.exit(0)
