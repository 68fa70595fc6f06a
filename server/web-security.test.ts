/**
 * Web security of the running server, over real HTTP against `server/index.ts` started as its own
 * process on this file's database: body limits (413 unread, memory flat), the security headers,
 * cross-site POSTs, cookie flags, the trusted proxy, demo mode's address and the refused
 * configurations. Session rotation at sign-in and throttling under batching and parallel attempts
 * are covered in server/routers/auth/router.test.ts ("starts a new session at sign-in...", "checks
 * no more passwords than the limit when a hundred attempts come at once...", "refuses sign-in over
 * tRPC HTTP, batched or not..."); they are not repeated here.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import { fileURLToPath } from 'node:url'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { db } from '#db/client.ts'
import { createTenant, createUser, type Tenant } from '#db/factories/index.ts'
import { attachments, complaints, loginFailures, users } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { sopTenant } from '#db/test/sop-tenant.ts'
import { testOwnerUrl } from '#db/test/setup.ts'
import { BODY_LIMITS, throttleKeyForIp } from './http.ts'

const root = fileURLToPath(new URL('..', import.meta.url))
const { appPassword } = inject('testDatabase')
const PASSWORD = 'tanggap-test'
const MB = 1024 * 1024

type Running = { child: ChildProcess; url: string; port: number; output: () => string }
const children: ChildProcess[] = []

afterAll(async () => {
  for (const child of children) {
    if (child.exitCode !== null) continue
    child.kill('SIGTERM')
    await new Promise((resolve) => child.once('exit', resolve))
  }
})

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port
      server.close(() => resolve(port))
    })
  })
}

function serverEnv(port: number, extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    PORT: String(port),
    DATABASE_URL: testOwnerUrl,
    APP_DB_PASSWORD: appPassword,
    ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    DEMO: '0',
    WORKERS: '0',
    LOG_LEVEL: 'error',
    ...extra,
  }
}

/** `npm start`'s entry as its own process, until /healthz answers. */
async function startServer(extra: Record<string, string> = {}): Promise<Running> {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: serverEnv(port, extra),
  })
  children.push(child)
  let output = ''
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()))
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 90_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`)
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) return { child, url, port, output: () => output }
    if (Date.now() > deadline) throw new Error(`server did not answer: ${output}`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

/** Runs the server with a configuration it must refuse: its exit code and what it printed. */
async function failedStart(extra: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: serverEnv(await freePort(), extra),
  })
  children.push(child)
  let output = ''
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()))
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  return { code, output }
}

/** Resident memory of a process, in bytes (Linux). */
function rss(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) * 1024
}

/**
 * Sends `bytes` of body in 1 MB writes (never holding them here), with a Content-Length or chunked,
 * and stops writing once the answer arrives. Samples the server's memory throughout.
 */
async function sendLarge(
  server: Running,
  {
    path,
    bytes,
    chunked = false,
    headers = {},
  }: { path: string; bytes: number; chunked?: boolean; headers?: Record<string, string> },
) {
  const pid = server.child.pid!
  const before = rss(pid)
  let peak = before
  const sampler = setInterval(() => (peak = Math.max(peak, rss(pid))), 25)
  const chunk = Buffer.alloc(MB, 'a')
  let sent = 0
  try {
    const result = await new Promise<{
      status: number
      body: string
      location?: string
      sent: number
      growth: number
    }>((resolve, reject) => {
      let answered = false
      const req = http.request(`${server.url}${path}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          ...(chunked ? {} : { 'Content-Length': String(bytes) }),
          ...headers,
        },
      })
      req.on('response', (res) => {
        answered = true
        const parts: Buffer[] = []
        res.on('data', (d: Buffer) => parts.push(d))
        const done = () => {
          peak = Math.max(peak, rss(pid))
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(parts).toString('utf8'),
            location: res.headers.location,
            sent,
            growth: peak - before,
          })
          req.destroy()
        }
        res.on('end', done)
        res.on('error', done)
      })
      // The server closing while we still write is expected once it has answered.
      req.on('error', (error) => {
        if (!answered) reject(error)
      })
      const write = () => {
        while (!answered && sent < bytes) {
          sent += chunk.length
          if (!req.write(chunk)) return void req.once('drain', write)
        }
        if (!answered) req.end()
      }
      write()
    })
    console.info(
      `POST ${path} ${bytes / MB} MB${chunked ? ' chunked' : ''}: ${result.status} after ${(result.sent / MB).toFixed(0)} MB sent, server memory +${(result.growth / MB).toFixed(1)} MB`,
    )
    return result
  } finally {
    clearInterval(sampler)
  }
}

async function signIn(server: Running, email: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ email, password: PASSWORD }),
    redirect: 'manual',
  })
  const cookies = response.headers.getSetCookie()
  const session = cookies.find((c) => c.startsWith('tanggap_session='))
  return { response, cookies, session, cookie: session?.split(';')[0] ?? '' }
}

/** A multipart body with one file field, by hand, as a browser would send it. */
function multipart(fields: Record<string, string>, file: { field: string; name: string; bytes: Buffer }) {
  const boundary = `----tanggap${Date.now()}`
  const parts: Buffer[] = []
  for (const [name, value] of Object.entries(fields))
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    )
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\n` +
        'Content-Type: application/pdf\r\n\r\n',
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  )
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` }
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')

describe('web security of the running server', () => {
  let server: Running
  let tenant: Tenant
  let staffEmail: string

  beforeAll(async () => {
    const env = await sopTenant('satpol-pp-kabupaten')
    tenant = env.tenant
    const [staff] = await db()
      .select({ email: users.email })
      .from(users)
      .where(eq(users.id, env.member('admin_staff').userId))
    staffEmail = staff!.email
    server = await startServer()
  })

  describe('body limits', () => {
    it('refuses a 200 MB sign-in POST with 413 before reading it; the server’s memory stays flat', async () => {
      const result = await sendLarge(server, { path: '/login', bytes: 200 * MB })
      expect(result.status).toBe(413)
      expect(JSON.parse(result.body)).toMatchObject({ error: 'body_too_large', limit: BODY_LIMITS.signIn })
      // The answer came while most of the body was still unsent, and nothing of it was held.
      expect(result.sent).toBeLessThan(100 * MB)
      expect(result.growth).toBeLessThan(48 * MB)
    })

    it('counts a chunked sign-in body as it arrives: 413 once past the limit, memory flat', async () => {
      const result = await sendLarge(server, { path: '/login', bytes: 200 * MB, chunked: true })
      expect(result.status).toBe(413)
      expect(result.sent).toBeLessThan(100 * MB)
      expect(result.growth).toBeLessThan(48 * MB)
      // And the server goes on serving.
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
    })

    it('refuses tRPC bodies over its small limit, declared or chunked, signed in or not', async () => {
      const anonymous = await sendLarge(server, { path: '/api/trpc/me.updateLanguage', bytes: 72 * MB })
      expect(anonymous.status).toBe(413)
      expect(anonymous.growth).toBeLessThan(48 * MB)
      const { cookie } = await signIn(server, staffEmail)
      expect(cookie).not.toBe('')
      const declared = await sendLarge(server, {
        path: '/api/trpc/me.updateLanguage',
        bytes: 2 * MB,
        headers: { Cookie: cookie, 'Content-Type': 'application/json' },
      })
      expect(declared.status).toBe(413)
      const chunked = await sendLarge(server, {
        path: '/api/trpc/me.updateLanguage',
        bytes: 72 * MB,
        chunked: true,
        headers: { Cookie: cookie, 'Content-Type': 'application/json' },
      })
      expect(chunked.status).toBe(413)
      expect(chunked.growth).toBeLessThan(48 * MB)
    })

    it('gives the upload routes a larger limit, for members only, and refuses past it', async () => {
      const { cookie } = await signIn(server, staffEmail)
      const path = `/t/${tenant.slug}/complaints/new`
      // 8 MB of letter: far over a staff form's limit, within an upload's; the complaint is made.
      const scan = Buffer.concat([PDF, Buffer.alloc(8 * MB, ' ')])
      const form = multipart(
        { channel: 'letter', description: 'Surat warga tentang parkir liar di pasar Paringin.' },
        { field: 'letterScans', name: 'surat.pdf', bytes: scan },
      )
      const made = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { Cookie: cookie, 'Content-Type': form.contentType },
        body: form.body,
        redirect: 'manual',
      })
      expect(made.status).toBe(302)
      expect(made.headers.get('location')).toMatch(new RegExp(`^/t/${tenant.slug}/complaints/`))
      const stored = await withTenant(tenant.id, (tx) => tx.select().from(attachments))
      expect(stored.map((a) => a.sizeBytes)).toEqual([scan.length])
      // The same form posted by the page's JavaScript (single fetch, `.data`) has the same limit.
      const script = await fetch(`${server.url}${path}.data`, {
        method: 'POST',
        headers: { Cookie: cookie, 'Content-Type': form.contentType },
        body: form.body,
        redirect: 'manual',
      })
      expect(script.status).not.toBe(413)
      expect(await withTenant(tenant.id, (tx) => tx.select().from(attachments))).toHaveLength(2)

      // Past five files of 10 MB and the form: refused unread.
      const over = await sendLarge(server, {
        path,
        bytes: BODY_LIMITS.upload + MB,
        headers: { Cookie: cookie, 'Content-Type': form.contentType },
      })
      expect(over.status).toBe(413)
      // A staff form without files has the smaller limit; someone not signed in, the smallest.
      const settings = await sendLarge(server, {
        path: `/t/${tenant.slug}/admin/calendar`,
        bytes: 2 * MB,
        headers: { Cookie: cookie },
      })
      expect(settings.status).toBe(413)
      const anonymous = await sendLarge(server, { path, bytes: 1 * MB })
      expect(anonymous.status).toBe(413)
      // A browser whose session ended while the form was filled in is sent to sign in, unread.
      // Far more than socket buffers and the server's short drain can hold, so "unread" shows on a slow machine too.
      const expired = await sendLarge(server, { path, bytes: 100 * MB, headers: { Accept: 'text/html' } })
      expect(expired.status).toBe(303)
      expect(expired.location).toBe(`/login?redirectTo=${encodeURIComponent(path)}`)
      expect(expired.sent).toBeLessThan(100 * MB)
      expect(await withTenant(tenant.id, (tx) => tx.select().from(complaints))).toHaveLength(2)
    })

    it('tells a person in their language that the submission was too large', async () => {
      const result = await sendLarge(server, {
        path: '/login',
        bytes: 1 * MB,
        headers: { Accept: 'text/html', 'Accept-Language': 'id' },
      })
      expect(result.status).toBe(413)
      expect(result.body).toContain('Kiriman ini terlalu besar (lebih dari 16 KB)')
      const english = await sendLarge(server, {
        path: '/login',
        bytes: 1 * MB,
        headers: { Accept: 'text/html', Cookie: 'lng=en' },
      })
      expect(english.body).toContain('This submission is too large (over 16 KB)')
    })
  })

  it('refuses an upload whose bytes are not the type it claims, storing nothing', async () => {
    const { cookie } = await signIn(server, staffEmail)
    const before = await withTenant(tenant.id, (tx) => tx.select().from(complaints))
    const form = multipart(
      { channel: 'letter', description: 'Surat warga tentang pedagang di trotoar jalan.' },
      { field: 'letterScans', name: 'surat.pdf', bytes: Buffer.from('MZ\x90\x00 a program, not a letter') },
    )
    const response = await fetch(`${server.url}/t/${tenant.slug}/complaints/new`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': form.contentType },
      body: form.body,
      redirect: 'manual',
    })
    expect(response.status).toBe(400)
    expect(await withTenant(tenant.id, (tx) => tx.select().from(complaints))).toHaveLength(before.length)
    const stored = await withTenant(tenant.id, (tx) => tx.select().from(attachments))
    expect(stored.every((a) => a.mimeType === 'application/pdf' && (a.sizeBytes ?? 0) > 8 * MB)).toBe(true)
  })

  it('refuses a cross-site POST, including one from the same host on another scheme', async () => {
    const post = (origin: string) =>
      fetch(`${server.url}/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin },
        body: new URLSearchParams({ email: staffEmail, password: PASSWORD }),
        redirect: 'manual',
      })
    for (const origin of [
      'https://evil.example',
      `https://127.0.0.1:${server.port}`,
      `http://127.0.0.1:${server.port + 1}`,
    ]) {
      const refused = await post(origin)
      expect(refused.status, origin).toBe(403)
      expect(await refused.json()).toMatchObject({ error: 'origin_mismatch' })
      expect(refused.headers.getSetCookie().join(';')).not.toContain('tanggap_session=')
    }
    const own = await post(server.url)
    expect(own.status).toBe(302)
    expect(own.headers.getSetCookie().join(';')).toContain('tanggap_session=')
  })

  it('answers a page form posted as JSON or another type a form never has with 415 and a reason, not a 500', async () => {
    for (const [type, body] of [
      ['application/json', JSON.stringify({ email: staffEmail, password: PASSWORD })],
      ['application/xml', '<login/>'],
    ] as const) {
      const refused = await fetch(`${server.url}/login`, {
        method: 'POST',
        headers: { 'Content-Type': type, Origin: server.url },
        body,
        redirect: 'manual',
      })
      expect(refused.status, type).toBe(415)
      expect(await refused.json()).toMatchObject({ error: 'content_type_unsupported' })
      expect(refused.headers.getSetCookie().join(';')).not.toContain('tanggap_session=')
    }
  })

  it('sets the session cookie HttpOnly and SameSite=Lax (Secure only in production, below)', async () => {
    const { session } = await signIn(server, staffEmail)
    expect(session).toMatch(/; HttpOnly/i)
    expect(session).toMatch(/; SameSite=Lax/i)
    expect(session).not.toMatch(/; Secure/i)
  })

  it('sends the security headers on pages, assets, tRPC and refusals; the CSP allows only nonced inline scripts', async () => {
    const page = await fetch(`${server.url}/login`)
    const html = await page.text()
    const csp = page.headers.get('content-security-policy') ?? ''
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1]
    expect(nonce).toBeTruthy()
    const directives = new Map(
      csp.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/)
        return [name, values] as const
      }),
    )
    expect(directives.get('script-src')).toEqual(["'self'", `'nonce-${nonce}'`])
    expect(directives.get('default-src')).toEqual(["'self'"])
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("object-src 'none'")
    // Every inline script of the page carries this response's nonce.
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1] ?? '')
    const inline = scripts.filter((attributes) => !/\bsrc=/.test(attributes))
    expect(inline.length).toBeGreaterThan(0)
    for (const attributes of inline) expect(attributes).toContain(`nonce="${nonce}"`)
    // A new nonce for every response.
    const again = await fetch(`${server.url}/login`)
    expect(again.headers.get('content-security-policy')).not.toBe(csp)

    const responses = {
      page,
      asset: await fetch(`${server.url}/favicon.svg`),
      trpc: await fetch(`${server.url}/api/trpc/me.updateLanguage`),
      notFound: await fetch(`${server.url}/no-such-page`),
      refused: await fetch(`${server.url}/login`, {
        method: 'POST',
        headers: { Origin: 'https://evil.example' },
      }),
    }
    for (const [what, response] of Object.entries(responses)) {
      expect(response.headers.get('content-security-policy'), what).toContain("frame-ancestors 'none'")
      expect(response.headers.get('x-frame-options'), what).toBe('DENY')
      expect(response.headers.get('x-content-type-options'), what).toBe('nosniff')
      expect(response.headers.get('referrer-policy'), what).toBe('same-origin')
      // Not outside production: a development machine on plain http must not pin HTTPS.
      expect(response.headers.get('strict-transport-security'), what).toBeNull()
    }
  })

  it('believes X-Forwarded-For from a loopback proxy by default, and counts IPv6 by its /64', async () => {
    const email = `nobody-${Date.now()}@example.test`
    const attempt = (forwardedFor: string) =>
      fetch(`${server.url}/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': forwardedFor },
        body: new URLSearchParams({ email, password: 'wrong-password' }),
        redirect: 'manual',
      })
    await attempt('203.0.113.7')
    await attempt('2001:db8:1:2:aaaa::1')
    await attempt('2001:db8:1:2:bbbb::2')
    const rows = await db().select().from(loginFailures).where(eq(loginFailures.email, email))
    expect(rows.map((r) => r.ip).sort()).toEqual(['2001:db8:1:2::/64', '2001:db8:1:2::/64', '203.0.113.7'])
  })
})

describe('the trusted proxy is configurable (TRUST_PROXY)', () => {
  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const server = await startServer({ TRUST_PROXY: '10.0.0.0/8' })
    const email = `nobody-${Date.now()}@example.test`
    await fetch(`${server.url}/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': '203.0.113.9' },
      body: new URLSearchParams({ email, password: 'wrong-password' }),
      redirect: 'manual',
    })
    const rows = await db().select().from(loginFailures).where(eq(loginFailures.email, email))
    expect(rows.map((r) => r.ip)).toEqual(['127.0.0.1'])
    server.child.kill('SIGTERM')
  })

  it('refuses a value that would trust everyone, or is not an address', async () => {
    for (const value of ['true', '10.0.0.0/33', 'proxy.example']) {
      const { code, output } = await failedStart({ TRUST_PROXY: value })
      expect(code, value).toBe(1)
      expect(output, value).toContain('TRUST_PROXY')
    }
  })
})

describe('production', () => {
  it('marks the session cookie Secure and sends HSTS', async () => {
    const tenant = await createTenant({ slug: `prod-${Date.now().toString(36)}` })
    const { user } = await createUser({ tenant, roles: ['operator'] })
    const server = await startServer({ NODE_ENV: 'production' })
    const { session } = await signIn(server, user.email)
    expect(session).toMatch(/; Secure/i)
    expect(session).toMatch(/; HttpOnly/i)
    expect(session).toMatch(/; SameSite=Lax/i)
    const page = await fetch(`${server.url}/login`)
    expect(page.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains')
    server.child.kill('SIGTERM')
  })

  it('refuses DEMO=1 with NODE_ENV=production at start, saying why', async () => {
    const { code, output } = await failedStart({ NODE_ENV: 'production', DEMO: '1' })
    expect(code).toBe(1)
    expect(output).toContain('DEMO=1 is refused with NODE_ENV=production')
  })
})

describe('demo mode listens on this machine only', () => {
  const external = Object.values(os.networkInterfaces())
    .flat()
    .find((i) => i && !i.internal && i.family === 'IPv4')?.address

  const connects = (host: string, port: number) =>
    new Promise<boolean>((resolve) => {
      const socket = net.connect({ host, port }, () => {
        socket.destroy()
        resolve(true)
      })
      socket.on('error', () => resolve(false))
    })

  it.skipIf(!external)(
    'answers on loopback, not on the machine’s other address, unless HOST is set',
    async () => {
      const demo = await startServer({ DEMO: '1' })
      expect(await connects('127.0.0.1', demo.port)).toBe(true)
      expect(await connects(external!, demo.port)).toBe(false)
      demo.child.kill('SIGTERM')
      const everywhere = await startServer({ DEMO: '1', HOST: '0.0.0.0' })
      expect(await connects(external!, everywhere.port)).toBe(true)
      everywhere.child.kill('SIGTERM')
    },
  )
})

describe('throttleKeyForIp', () => {
  it('keeps IPv4, unwraps IPv4-mapped IPv6 and groups IPv6 by its /64', () => {
    expect(throttleKeyForIp('203.0.113.7')).toBe('203.0.113.7')
    expect(throttleKeyForIp('::ffff:203.0.113.7')).toBe('203.0.113.7')
    expect(throttleKeyForIp('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64')
    expect(throttleKeyForIp('2001:0db8:0001:0002::ffff')).toBe('2001:db8:1:2::/64')
    expect(throttleKeyForIp('2001:db8::1')).toBe('2001:db8:0:0::/64')
    expect(throttleKeyForIp('::1')).toBe('0:0:0:0::/64')
    expect(throttleKeyForIp('fe80::1%eth0')).toBe('fe80:0:0:0::/64')
    expect(throttleKeyForIp('2001:db8:1:2::/64')).toBe('2001:db8:1:2::/64')
    expect(throttleKeyForIp('unknown')).toBe('unknown')
  })
})
