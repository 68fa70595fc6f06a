import { startDatabase } from './database.ts'
import { startJobs, stopJobs } from './jobs/boss.ts'

/** `npm run worker`: the job workers alone, for running them apart from the web processes. */
const database = await startDatabase()
await startJobs({ ownerUrl: database.ownerUrl, work: true })
console.log('Tanggap worker berjalan / running')

const stop = async () => {
  await stopJobs()
  await database.stop()
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
