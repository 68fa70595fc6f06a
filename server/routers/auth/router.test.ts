import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db } from '#db/client.ts'
import { createTenant, createUser } from '#db/factories/index.ts'
import { loginFailures, sessions } from '#db/schema/index.ts'
import { anonymousCaller, callerFor } from '#db/test/callers.ts'
import { MAX_FAILURES_PER_EMAIL } from '#server/auth/sign-in.ts'

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
})
