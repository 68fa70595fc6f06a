import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { anonymousCaller } from '#db/test/callers.ts'
import { sopTenant } from '#db/test/sop-tenant.ts'
import * as wa from '#db/test/whatsapp.ts'

let server: Awaited<ReturnType<typeof wa.startTestServer>>
const stored: number[] = []
/** Somewhere else on the network, which the simulator must never be made to call. */
let elsewhere: http.Server
const calls: string[] = []

beforeAll(async () => {
  server = await wa.startTestServer((id) => stored.push(id))
  elsewhere = await new Promise((resolve) => {
    const s = http
      .createServer((req, res) => {
        calls.push(`${req.method} ${req.url}`)
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"data":[]}')
      })
      .listen(0, '127.0.0.1', () => resolve(s))
  })
})
afterAll(async () => {
  await server.close()
  await new Promise((r) => elsewhere.close(r))
})

describe('the citizen simulator', () => {
  it('posts only to this server’s own webhook, whatever origin it is given', async () => {
    const env = await sopTenant('satpol-pp-kabupaten', { ticketPrefix: 'LALISA' })
    const { phoneNumberId } = await wa.whatsappNumber(env.tenant)
    const dev = anonymousCaller()
    const origin = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`
    const citizen = { origin, phoneNumberId, waId: '6281277770009' }
    const before = stored.length
    await dev.dev.sendCitizenMessage({
      ...citizen,
      name: 'Warga',
      message: { type: 'text', body: 'Ada pedagang di trotoar depan kantor camat.' },
    })
    await dev.dev.getCitizenChat(citizen)
    expect(calls).toEqual([])
    // It went to this server's webhook instead, signed, and was stored.
    expect(stored.length).toBe(before + 1)
  })
})
