import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import { fileURLToPath } from 'node:url'

/**
 * Real processes for the fault tests: the server as `npm start` runs it, on a database of the
 * test's choosing, and the means to kill it and wait.
 */
const root = fileURLToPath(new URL('../..', import.meta.url))
const children = new Set<ChildProcess>()

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port
      server.close(() => resolve(port))
    })
  })
}

export type ServerProcess = {
  child: ChildProcess
  port: number
  url: string
  /** Everything it printed so far. */
  output: () => string
  exited: () => boolean
}

/** `server/index.ts` on `port`, answering `/healthz`, with `DATABASE_URL` and the rest from `env`. */
export async function startServer({
  port,
  databaseUrl,
  appPassword,
  workers,
  env = {},
}: {
  port: number
  databaseUrl: string
  appPassword: string
  workers: boolean
  env?: Record<string, string>
}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      APP_DB_PASSWORD: appPassword,
      ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      DEMO: '0',
      WORKERS: workers ? '1' : '0',
      GRAPH_API_BASE_URL: `http://127.0.0.1:${port}/dev/graph`,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      ...env,
    },
  })
  children.add(child)
  child.once('exit', () => children.delete(child))
  let output = ''
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-200_000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 90_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`)
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) break
    if (Date.now() > deadline) throw new Error(`server did not answer: ${output}`)
    await new Promise((r) => setTimeout(r, 250))
  }
  return {
    child,
    port,
    url,
    output: () => output,
    exited: () => child.exitCode !== null || child.signalCode !== null,
  }
}

export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((r) => child.once('exit', r))
  child.kill(signal)
  await exited
}

/** Every process started here that is still running, killed (for afterAll). */
export function killAll() {
  for (const child of children) child.kill('SIGKILL')
}

/** Polls `probe` until it gives a value or `ms` pass. */
export async function until<T>(
  probe: () => Promise<T | undefined>,
  ms: number,
  every = 300,
): Promise<T | undefined> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await probe()
    if (value !== undefined || Date.now() > deadline) return value
    await new Promise((r) => setTimeout(r, every))
  }
}

/** Runs `work` over `items` with at most `concurrency` at once. */
export async function pool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]!)
    }),
  )
}
