import { isJobsStarted, jobQueue } from './boss.ts'

/**
 * Wakes a job now rather than at its next scheduled run. Best effort: without workers (tests, a web
 * process with WORKERS=0) the scheduled sweep does the work within a minute.
 */
export function wake(name: string, data: Record<string, unknown>) {
  if (!isJobsStarted()) return
  void jobQueue()
    .send(name, data)
    .catch((error: unknown) => console.error(`${name} not queued:`, error))
}
