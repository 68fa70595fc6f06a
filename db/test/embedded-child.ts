// Started by embedded.test.ts: starts the embedded server, writes a row, says so, then waits to be killed.
import postgres from 'postgres'
import { startEmbeddedPostgres } from '../embedded.ts'

const dataDir = process.argv[2]
if (!dataDir) throw new Error('data dir missing')
const pg = await startEmbeddedPostgres({ dataDir })
const sql = postgres(pg.ownerUrl, { max: 1, onnotice: () => {} })
await sql`create table if not exists survived (note text)`
await sql`insert into survived values ('before the crash')`
await sql.end()
console.log('READY')
setInterval(() => {}, 1000)
