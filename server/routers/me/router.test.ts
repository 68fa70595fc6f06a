import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db } from '#db/client.ts'
import { addMembership, createTenant, createUser } from '#db/factories/index.ts'
import { users } from '#db/schema/index.ts'
import { callerFor } from '#db/test/callers.ts'

describe('me router', () => {
  it("lists only the signed-in user's own tenants, across tenants", async () => {
    const a = await createTenant({ name: 'A Instansi' })
    const b = await createTenant({ name: 'B Instansi' })
    const other = await createTenant({ name: 'C Instansi' })
    const { user } = await createUser({ tenant: a, roles: ['operator'] })
    await addMembership({ tenant: b, user, roles: ['supervisor'] })
    await createUser({ tenant: other, roles: ['admin'] })

    const list = await (await callerFor(user.id)).me.listMemberships()
    expect(list.map((m) => m.slug)).toEqual([a.slug, b.slug])
    // Even asked from inside another tenant's URL, the list stays the user's own.
    const fromOther = await (await callerFor(user.id, other.slug)).me.listMemberships()
    expect(fromOther.map((m) => m.slug)).toEqual([a.slug, b.slug])
  })

  it("changes only the caller's own language", async () => {
    const tenant = await createTenant()
    const { user } = await createUser({ tenant, roles: ['operator'] })
    const { user: colleague } = await createUser({ tenant, roles: ['operator'], language: 'id' })
    await (await callerFor(user.id, tenant.slug)).me.updateLanguage({ language: 'en' })
    const rows = await db()
      .select({ id: users.id, language: users.language })
      .from(users)
      .where(eq(users.id, user.id))
    expect(rows[0]?.language).toBe('en')
    const [colleagueRow] = await db()
      .select({ language: users.language })
      .from(users)
      .where(eq(users.id, colleague.id))
    expect(colleagueRow?.language).toBe('id')
  })

  it('rejects a language it does not offer, changing nothing', async () => {
    const { user } = await createUser({ language: 'id' })
    const caller = await callerFor(user.id)
    await expect(caller.me.updateLanguage({ language: 'fr' as 'en' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    })
    const [row] = await db().select({ language: users.language }).from(users).where(eq(users.id, user.id))
    expect(row?.language).toBe('id')
  })
})
