import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.ts'
import { createUser } from '#db/factories/index.ts'
import { users } from '#db/schema/index.ts'
import { sopTenant } from '#db/test/sop-tenant.ts'
import * as wa from '#db/test/whatsapp.ts'
import { lucia } from '#server/auth/lucia.ts'
import { processDelivery } from '#server/channels/whatsapp-cloud/process-delivery.ts'
import { sendQueuedMessages } from '#server/channels/whatsapp-cloud/send.ts'

let server: Awaited<ReturnType<typeof wa.startTestServer>>
const stored: number[] = []
beforeAll(async () => {
  server = await wa.startTestServer((id) => stored.push(id))
})
afterAll(async () => {
  await server.close()
})

const cookieOf = async (userId: string) =>
  lucia()
    .createSessionCookie((await lucia().createSession(userId, {})).id)
    .serialize()
    .split(';')[0]!

describe('the Graph simulator’s records', () => {
  it('lists what was sent, and takes failure switches, for a signed-in platform admin only', async () => {
    const env = await sopTenant('satpol-pp-kabupaten', {
      ticketPrefix: 'LALISA',
      businessHours: { start: '00:00', end: '24:00' },
      workingDays: [1, 2, 3, 4, 5, 6, 7],
    })
    const { phoneNumberId } = await wa.whatsappNumber(env.tenant)
    const from = '6281266660001'
    await server.post(
      wa.envelope(phoneNumberId, {
        contacts: [wa.contact(from)],
        messages: [wa.text(from, 'Ada pohon tumbang di jalan menuju pasar.')],
      }),
    )
    while (stored.length > 0) await processDelivery(stored.shift()!)
    expect((await sendQueuedMessages(env.tenant.id)).sent).toBeGreaterThan(0)

    const tenantAdmin = await cookieOf(env.member('admin').userId)
    const { user } = await createUser({})
    await db().update(users).set({ isPlatformAdmin: true }).where(eq(users.id, user.id))
    const platformAdmin = await cookieOf(user.id)

    const list = (cookie?: string, query = '') =>
      fetch(`${server.url}/dev/graph/sent${query}`, { headers: cookie ? { Cookie: cookie } : {} })
    const fail = (cookie?: string) =>
      fetch(`${server.url}/dev/graph/fail`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
        body: JSON.stringify({ to: from, failures: ['500'] }),
      })
    // Anyone else: nothing here, and no phone number in the answer.
    for (const cookie of [undefined, tenantAdmin, 'tanggap_session=not-a-session']) {
      for (const query of ['', `?to=${from}`]) {
        const response = await list(cookie, query)
        expect({ cookie, query, status: response.status }).toEqual({ cookie, query, status: 404 })
        expect(await response.text()).not.toContain(from)
      }
      expect((await fail(cookie)).status).toBe(404)
    }
    const response = await list(platformAdmin, `?to=${from}`)
    expect(response.status).toBe(200)
    const { data } = (await response.json()) as { data: { to: string }[] }
    expect(data.length).toBeGreaterThan(0)
    expect(data.every((m) => m.to === from)).toBe(true)
    expect((await fail(platformAdmin)).status).toBe(200)
    // A switch it does not know is refused with what it knows.
    const unknown = await fetch(`${server.url}/dev/graph/fail`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: platformAdmin },
      body: JSON.stringify({ to: from, failures: ['explode'] }),
    })
    expect(unknown.status).toBe(400)
    expect(await unknown.json()).toMatchObject({ error: expect.any(String), failures: expect.any(Array) })
  })
})
