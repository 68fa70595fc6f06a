import { and, eq, inArray, sql } from 'drizzle-orm'
import postgres from 'postgres'
import { describe, expect, it } from 'vitest'
import { db } from '#db/client.ts'
import { createTenant, createUser } from '#db/factories/index.ts'
import { loginDevices, loginFailures, sessions } from '#db/schema/index.ts'
import { anonymousCaller, callerFor } from '#db/test/callers.ts'
import { lucia } from '#server/auth/lucia.ts'
import {
  MAX_DEVICES_PER_ACCOUNT,
  MAX_FAILURES_PER_DEVICE,
  MAX_FAILURES_PER_EMAIL,
  MAX_FAILURES_PER_IP,
} from '#server/auth/sign-in.ts'
import { createCaller } from '#server/routers/_app.ts'
import { startTestServer } from '#db/test/whatsapp.ts'
import { loginFailureRetention } from '#server/jobs/definitions.ts'
import { testOwnerUrl } from '#db/test/setup.ts'

describe('auth router', () => {
  it('signs in with the right password: a session row and an httpOnly SameSite=Lax cookie', async () => {
    const tenant = await createTenant()
    const { user } = await createUser({
      tenant,
      roles: ['operator'],
      email: 'Petugas@Contoh.go.id',
      password: 'rahasia-123',
    })
    const result = await anonymousCaller().auth.signIn({
      email: ' petugas@contoh.go.id ',
      password: 'rahasia-123',
    })
    expect(result.setCookie).toMatch(/^tanggap_session=\w+;/)
    expect(result.setCookie).toContain('HttpOnly')
    expect(result.setCookie).toContain('SameSite=Lax')
    expect(result.landingPath).toBe(`/t/${tenant.slug}`)
    const rows = await db().select().from(sessions).where(eq(sessions.userId, user.id))
    expect(rows).toHaveLength(1)
  })

  it('refuses a wrong password and an unknown email with the same message, and records the failure', async () => {
    await createUser({ email: 'ada@contoh.go.id', password: 'benar-sekali' })
    const wrong = anonymousCaller().auth.signIn({ email: 'ada@contoh.go.id', password: 'salah' })
    await expect(wrong).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: 'errors.loginInvalid' })
    const unknown = anonymousCaller().auth.signIn({ email: 'tidak-ada@contoh.go.id', password: 'salah' })
    await expect(unknown).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: 'errors.loginInvalid' })
    const failures = await db()
      .select()
      .from(loginFailures)
      .where(eq(loginFailures.email, 'ada@contoh.go.id'))
    expect(failures).toHaveLength(1)
  })

  it('throttles an email after repeated failures, even when the right password follows', async () => {
    await createUser({ email: 'target@contoh.go.id', password: 'benar-sekali' })
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      await expect(
        anonymousCaller().auth.signIn({ email: 'target@contoh.go.id', password: `tebak-${i}` }),
      ).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
      })
    }
    const blocked = anonymousCaller().auth.signIn({ email: 'target@contoh.go.id', password: 'benar-sekali' })
    await expect(blocked).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: 'errors.loginThrottled',
    })
  })

  it("signs out only the caller's own session", async () => {
    const tenant = await createTenant()
    const { user } = await createUser({ tenant, roles: ['operator'] })
    const { user: other } = await createUser({ tenant, roles: ['operator'] })
    const mine = await callerFor(user.id, tenant.slug)
    await callerFor(other.id, tenant.slug)
    const { setCookie } = await mine.auth.signOut()
    expect(setCookie).toMatch(/^tanggap_session=;/)
    expect(await db().select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0)
    expect(await db().select().from(sessions).where(eq(sessions.userId, other.id))).toHaveLength(1)
  })

  it('rejects malformed input with BAD_REQUEST', async () => {
    await expect(
      anonymousCaller().auth.signIn({ email: 'bukan-email', password: 'x' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    })
  })

  const from = (ip: string) => createCaller({ user: null, session: null, tenantSlug: null, ip })
  const outcome = (p: Promise<unknown>) =>
    p.then(
      () => 'signed-in',
      (e: { code?: string }) => e.code ?? 'error',
    )
  const deviceTokenOf = (deviceCookie: string) => /^tanggap_device=([^;]+)/.exec(deviceCookie)![1]!

  it('checks no more passwords than the limit when a hundred attempts come at once, the right one last', async () => {
    await createUser({ email: 'serbu@contoh.go.id', password: 'benar-sekali' })
    const attempts = Array.from({ length: 100 }, (_, i) =>
      outcome(
        from('198.51.100.7').auth.signIn({
          email: 'serbu@contoh.go.id',
          password: i === 99 ? 'benar-sekali' : `tebak-${i}`,
        }),
      ),
    )
    const results = await Promise.all(attempts)
    const checked = results.filter((r) => r !== 'TOO_MANY_REQUESTS')
    expect(checked.length).toBeLessThanOrEqual(MAX_FAILURES_PER_EMAIL)
    expect(results.filter((r) => r === 'TOO_MANY_REQUESTS').length).toBeGreaterThanOrEqual(
      100 - MAX_FAILURES_PER_EMAIL,
    )
    expect(results.every((r) => ['UNAUTHORIZED', 'TOO_MANY_REQUESTS', 'signed-in'].includes(r))).toBe(true)
  })

  it('refuses sign-in over tRPC HTTP, batched or not, and caps every batch, checking no password', async () => {
    await createUser({ email: 'batch@contoh.go.id', password: 'benar-sekali' })
    const server = await startTestServer()
    try {
      const guesses = Array.from({ length: 300 }, (_, i) => [
        String(i),
        { email: 'batch@contoh.go.id', password: i === 299 ? 'benar-sekali' : `tebak-${i}` },
      ])
      const paths = guesses.map(() => 'auth.signIn').join(',')
      const batched = await fetch(`${server.url}/api/trpc/${paths}?batch=1`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(Object.fromEntries(guesses)),
      })
      expect(batched.status).toBeGreaterThanOrEqual(400)
      expect(batched.status).toBeLessThan(500)
      expect(batched.headers.get('set-cookie')).toBeNull()
      const single = await fetch(`${server.url}/api/trpc/auth.signIn`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'batch@contoh.go.id', password: 'benar-sekali' }),
      })
      expect(single.status).toBe(404)
      const text = await single.text()
      expect(text).not.toContain('tanggap_session')
      expect(single.headers.get('set-cookie')).toBeNull()
      expect(
        await db().select().from(loginFailures).where(eq(loginFailures.email, 'batch@contoh.go.id')),
      ).toHaveLength(0)
      // Any other batch is capped too: eleven calls in one POST are refused with a reason.
      const eleven = Array.from({ length: 11 }, () => 'me.listMemberships').join(',')
      const capped = await fetch(`${server.url}/api/trpc/${eleven}?batch=1&input={}`)
      expect(capped.status).toBe(400)
      expect(await capped.text()).toMatch(/batch/i)
    } finally {
      await server.close()
    }
  })

  it("does not lock the owner out: a stranger's wrong guesses leave the owner's own browser free", async () => {
    await createUser({ email: 'pemilik@contoh.go.id', password: 'benar-sekali' })
    const first = await from('203.0.113.10').auth.signIn({
      email: 'pemilik@contoh.go.id',
      password: 'benar-sekali',
    })
    const device = deviceTokenOf(first.deviceCookie)
    expect(first.deviceCookie).toContain('HttpOnly')
    expect(first.deviceCookie).toContain('SameSite=Lax')
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL + 3; i++)
      await outcome(from('192.0.2.66').auth.signIn({ email: 'pemilik@contoh.go.id', password: `tebak-${i}` }))
    // A stranger is slowed down...
    expect(
      await outcome(
        from('192.0.2.66').auth.signIn({ email: 'pemilik@contoh.go.id', password: 'benar-sekali' }),
      ),
    ).toBe('TOO_MANY_REQUESTS')
    // ...and so is a forged device token, or one a browser holds for another account: each counts as no token.
    await createUser({ email: 'penyerang@contoh.go.id', password: 'milik-penyerang' })
    const borrowed = await from('192.0.2.66').auth.signIn({
      email: 'penyerang@contoh.go.id',
      password: 'milik-penyerang',
    })
    for (const forged of ['A'.repeat(43), `${device.slice(0, 42)}B`, deviceTokenOf(borrowed.deviceCookie)])
      expect(
        await outcome(
          from('192.0.2.66').auth.signIn({
            email: 'pemilik@contoh.go.id',
            password: 'benar-sekali',
            deviceToken: forged,
          }),
        ),
      ).toBe('TOO_MANY_REQUESTS')
    const other = await from('192.0.2.66')
      .auth.signIn({ email: 'lain@contoh.go.id', password: 'x' })
      .catch(() => null)
    expect(other).toBeNull()
    // The owner's browser still signs in.
    expect(
      await outcome(
        from('203.0.113.10').auth.signIn({
          email: 'pemilik@contoh.go.id',
          password: 'benar-sekali',
          deviceToken: device,
        }),
      ),
    ).toBe('signed-in')
  })

  it('limits guesses from a remembered browser too, for that browser alone', async () => {
    await createUser({ email: 'perangkat@contoh.go.id', password: 'benar-sekali' })
    const { deviceCookie } = await from('203.0.113.20').auth.signIn({
      email: 'perangkat@contoh.go.id',
      password: 'benar-sekali',
    })
    const device = deviceTokenOf(deviceCookie)
    for (let i = 0; i < MAX_FAILURES_PER_DEVICE; i++)
      expect(
        await outcome(
          from('203.0.113.20').auth.signIn({
            email: 'perangkat@contoh.go.id',
            password: `tebak-${i}`,
            deviceToken: device,
          }),
        ),
      ).toBe('UNAUTHORIZED')
    expect(
      await outcome(
        from('203.0.113.20').auth.signIn({
          email: 'perangkat@contoh.go.id',
          password: 'benar-sekali',
          deviceToken: device,
        }),
      ),
    ).toBe('TOO_MANY_REQUESTS')
    // Without that device the account itself is not locked.
    expect(
      await outcome(
        from('203.0.113.21').auth.signIn({ email: 'perangkat@contoh.go.id', password: 'benar-sekali' }),
      ),
    ).toBe('signed-in')
  })

  it('an address with many failures slows strangers from it, not people whose browser is remembered', async () => {
    await createUser({ email: 'kantor@contoh.go.id', password: 'benar-sekali' })
    const { deviceCookie } = await from('203.0.113.30').auth.signIn({
      email: 'kantor@contoh.go.id',
      password: 'benar-sekali',
    })
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++)
      await outcome(from('203.0.113.30').auth.signIn({ email: `orang-${i}@contoh.go.id`, password: 'salah' }))
    expect(
      await outcome(
        from('203.0.113.30').auth.signIn({ email: 'kantor@contoh.go.id', password: 'benar-sekali' }),
      ),
    ).toBe('TOO_MANY_REQUESTS')
    expect(
      await outcome(
        from('203.0.113.30').auth.signIn({
          email: 'kantor@contoh.go.id',
          password: 'benar-sekali',
          deviceToken: deviceTokenOf(deviceCookie),
        }),
      ),
    ).toBe('signed-in')
  })

  it('starts a new session at sign-in and ends the one the browser had', async () => {
    const tenant = await createTenant()
    const { user } = await createUser({
      tenant,
      roles: ['operator'],
      email: 'rotasi@contoh.go.id',
      password: 'benar-sekali',
    })
    const before = await lucia().createSession(user.id, {})
    const { session, user: u } = await lucia().validateSession(before.id)
    const caller = createCaller({ user: u, session, tenantSlug: null, ip: '127.0.0.1' })
    const { setCookie } = await caller.auth.signIn({ email: 'rotasi@contoh.go.id', password: 'benar-sekali' })
    const newId = /^tanggap_session=([^;]+)/.exec(setCookie)![1]
    const rows = await db().select().from(sessions).where(eq(sessions.userId, user.id))
    expect(rows.map((r) => r.id)).toEqual([newId])
    expect(newId).not.toBe(before.id)
  })

  it('signs out everywhere: every session of the person ends, nobody else is touched', async () => {
    const tenant = await createTenant()
    const { user } = await createUser({ tenant, roles: ['operator'] })
    const { user: other } = await createUser({ tenant, roles: ['operator'] })
    const mine = await callerFor(user.id, tenant.slug)
    await callerFor(user.id, tenant.slug)
    await callerFor(other.id, tenant.slug)
    expect(await db().select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(2)
    await mine.auth.signOut({ everywhere: true })
    expect(await db().select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0)
    expect(
      await db()
        .select()
        .from(sessions)
        .where(and(eq(sessions.userId, other.id))),
    ).toHaveLength(1)
  })
  it('remembers each account signed in from one browser, so a shared desk keeps every owner free', async () => {
    await createUser({ email: 'pagi@contoh.go.id', password: 'sandi-pagi' })
    await createUser({ email: 'malam@contoh.go.id', password: 'sandi-malam' })
    const desk = from('203.0.113.40')
    const morning = await desk.auth.signIn({ email: 'pagi@contoh.go.id', password: 'sandi-pagi' })
    const night = await desk.auth.signIn({
      email: 'malam@contoh.go.id',
      password: 'sandi-malam',
      deviceToken: deviceTokenOf(morning.deviceCookie),
    })
    const cookie = deviceTokenOf(night.deviceCookie)
    // A stranger locks both accounts for browsers they were never signed in from.
    for (const email of ['pagi@contoh.go.id', 'malam@contoh.go.id'])
      for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++)
        await outcome(from('192.0.2.77').auth.signIn({ email, password: `tebak-${i}` }))
    expect(
      await outcome(from('192.0.2.77').auth.signIn({ email: 'pagi@contoh.go.id', password: 'sandi-pagi' })),
    ).toBe('TOO_MANY_REQUESTS')
    // The desk's one cookie still lets both of them in.
    for (const [email, password] of [
      ['pagi@contoh.go.id', 'sandi-pagi'],
      ['malam@contoh.go.id', 'sandi-malam'],
    ] as const)
      expect(await outcome(desk.auth.signIn({ email, password, deviceToken: cookie }))).toBe('signed-in')
  })

  it('forgets remembered browsers on sign-out everywhere, and keeps only the last few per account', async () => {
    const tenant = await createTenant()
    const { user } = await createUser({
      tenant,
      roles: ['operator'],
      email: 'lupa@contoh.go.id',
      password: 'benar-sekali',
    })
    for (let i = 0; i < MAX_DEVICES_PER_ACCOUNT + 3; i++)
      await from(`203.0.113.${50 + i}`).auth.signIn({ email: 'lupa@contoh.go.id', password: 'benar-sekali' })
    expect(await db().select().from(loginDevices).where(eq(loginDevices.userId, user.id))).toHaveLength(
      MAX_DEVICES_PER_ACCOUNT,
    )
    const kept = await from('203.0.113.80').auth.signIn({
      email: 'lupa@contoh.go.id',
      password: 'benar-sekali',
    })
    await (await callerFor(user.id, tenant.slug)).auth.signOut({ everywhere: true })
    expect(await db().select().from(loginDevices).where(eq(loginDevices.userId, user.id))).toHaveLength(0)
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++)
      await outcome(from('192.0.2.88').auth.signIn({ email: 'lupa@contoh.go.id', password: `tebak-${i}` }))
    // The browser's token no longer counts: it is a stranger like any other.
    expect(
      await outcome(
        from('203.0.113.80').auth.signIn({
          email: 'lupa@contoh.go.id',
          password: 'benar-sekali',
          deviceToken: deviceTokenOf(kept.deviceCookie),
        }),
      ),
    ).toBe('TOO_MANY_REQUESTS')
  })

  it('a flood of attempts on one account never holds the connection pool waiting on its locks', async () => {
    await createUser({ email: 'banjir@contoh.go.id', password: 'benar-sekali' })
    // Watched over a connection of its own: the pool under test may be busy.
    const watcher = postgres(testOwnerUrl, { max: 1 })
    let waitingMost = 0
    let done = false
    const watch = (async () => {
      while (!done) {
        const [row] = await watcher<{ n: number }[]>`
          select count(*)::int as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock' and wait_event = 'advisory'`
        waitingMost = Math.max(waitingMost, row?.n ?? 0)
        await new Promise((r) => setTimeout(r, 2))
      }
    })()
    const results = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        outcome(from('198.51.100.9').auth.signIn({ email: 'banjir@contoh.go.id', password: `tebak-${i}` })),
      ),
    )
    done = true
    await watch
    await watcher.end()
    expect(results.filter((r) => r === 'UNAUTHORIZED').length).toBeLessThanOrEqual(MAX_FAILURES_PER_EMAIL)
    expect(results.every((r) => r === 'UNAUTHORIZED' || r === 'TOO_MANY_REQUESTS')).toBe(true)
    // Attempts wait their turn in the process, not on advisory locks holding pooled connections.
    expect(waitingMost).toBeLessThanOrEqual(1)
    // And the pool still answers.
    expect(await db().execute(sql`select 1 as one`)).toHaveLength(1)
  })
  it('keeps signing in from a desk whose cookie is full: five accounts, then a sixth', async () => {
    const desk = from('203.0.113.90')
    let cookie: string | undefined
    for (let i = 0; i < 6; i++) {
      await createUser({ email: `meja-${i}@contoh.go.id`, password: 'benar-sekali' })
      const { deviceCookie } = await desk.auth.signIn({
        email: `meja-${i}@contoh.go.id`,
        password: 'benar-sekali',
        deviceToken: cookie,
      })
      cookie = deviceTokenOf(deviceCookie)
    }
    expect(
      await outcome(
        desk.auth.signIn({ email: 'meja-0@contoh.go.id', password: 'benar-sekali', deviceToken: cookie }),
      ),
    ).toBe('signed-in')
  })
  it("rewrites a desk's cookie without the tokens of an account that signed out everywhere", async () => {
    const tenant = await createTenant()
    const { user: leaver } = await createUser({
      tenant,
      roles: ['operator'],
      email: 'pergi@contoh.go.id',
      password: 'benar-sekali',
    })
    await createUser({ email: 'tinggal@contoh.go.id', password: 'benar-sekali' })
    const desk = from('203.0.113.95')
    const first = await desk.auth.signIn({ email: 'pergi@contoh.go.id', password: 'benar-sekali' })
    const leaverToken = deviceTokenOf(first.deviceCookie)
    const second = await desk.auth.signIn({
      email: 'tinggal@contoh.go.id',
      password: 'benar-sekali',
      deviceToken: leaverToken,
    })
    expect(deviceTokenOf(second.deviceCookie).split('.')).toContain(leaverToken)
    await (await callerFor(leaver.id, tenant.slug)).auth.signOut({ everywhere: true })
    const third = await desk.auth.signIn({
      email: 'tinggal@contoh.go.id',
      password: 'benar-sekali',
      deviceToken: deviceTokenOf(second.deviceCookie),
    })
    expect(deviceTokenOf(third.deviceCookie).split('.')).toEqual([
      deviceTokenOf(second.deviceCookie).split('.')[0],
    ])
  })
  it('forgets failures a day old in an hourly job, never the ones that still count', async () => {
    await db()
      .insert(loginFailures)
      .values([
        { email: 'lama@contoh.go.id', ip: '192.0.2.1', at: new Date(Date.now() - 25 * 3600_000) },
        { email: 'baru@contoh.go.id', ip: '192.0.2.1' },
      ])
    await loginFailureRetention.handler({})
    const left = await db()
      .select()
      .from(loginFailures)
      .where(inArray(loginFailures.email, ['lama@contoh.go.id', 'baru@contoh.go.id']))
    expect(left.map((f) => f.email)).toEqual(['baru@contoh.go.id'])
  })
})
