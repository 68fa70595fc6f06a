import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createExpressMiddleware } from '@trpc/server/adapters/express'
import { sql } from 'drizzle-orm'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { db } from '#db/client.ts'
import { seedDemo } from '#db/seed/demo.ts'
import {
  changedTables,
  databaseFingerprint,
  sessionCookieFor,
  startHttpApp,
  trpcHttp,
} from '#db/test/http-app.ts'
import { TRPCError } from '@trpc/server'
import { errorPayload } from '#app/utils/trpc.server.ts'
import { createCallerFactory, publicProcedure, router } from './trpc.ts'

let app: Awaited<ReturnType<typeof startHttpApp>>
let admin: string

beforeAll(async () => {
  await seedDemo()
  app = await startHttpApp()
  admin = (await sessionCookieFor('admin@balangan.demo')).cookie
})
afterAll(() => app.close())

describe('an unexpected error (500)', () => {
  it('answers a generic translated message and an error id; the SQL and its parameters go to the log only', async () => {
    // A procedure of the app's own tRPC instance whose query fails in PostgreSQL, served over real HTTP.
    const boom = router({
      boom: publicProcedure.query(() => db().execute(sql`select ${'secret-parameter-42'}::int as broken`)),
    })
    const server: Server = await new Promise((resolve) => {
      const e = express()
      e.use(
        '/api/trpc',
        createExpressMiddleware({
          router: boom,
          createContext: () => ({ user: null, session: null, tenantSlug: null, ip: '127.0.0.1' }),
        }),
      )
      const s = e.listen(0, '127.0.0.1', () => resolve(s))
    })
    const logged: string[] = []
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      logged.push(
        args.map((a) => (a instanceof Error ? `${a.message} ${String(a.cause)}` : String(a))).join(' '),
      )
    })
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      const res = await trpcHttp(url, 'boom', undefined, { method: 'GET' })
      expect(res.status).toBe(500)
      expect(res.text).not.toMatch(/select|secret-parameter-42|broken|::int/i)
      expect(res.json?.error?.message).toBe('errors.unexpected')
      expect(res.json?.error?.data?.messageKey).toBe('errors.unexpected')
      const errorId = res.json?.error?.data?.errorId
      expect(errorId).toMatch(/^[0-9a-f-]{36}$/)
      // The log has the id next to the details, so the id a person reports finds them.
      const line = logged.find((l) => l.includes(errorId!))
      expect(line).toMatch(/secret-parameter-42/)
    } finally {
      spy.mockRestore()
      server.close()
    }
  })
})

describe('an unexpected error in a page’s server-side call', () => {
  it('reaches the page as the generic message and an error id, the details in the log only', async () => {
    const boom = router({
      boom: publicProcedure.query(() => db().execute(sql`select ${'secret-parameter-43'}::int as broken`)),
    })
    const caller = createCallerFactory(boom)({ user: null, session: null, tenantSlug: null, ip: '127.0.0.1' })
    const logged: string[] = []
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      logged.push(
        args.map((a) => (a instanceof Error ? `${a.message} ${String(a.cause)}` : String(a))).join(' '),
      )
    })
    try {
      const error = await caller.boom().then(
        () => null,
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(TRPCError)
      const thrown = error as TRPCError
      // What a page could show (or Remix could serialize in development mode) says nothing of the query.
      expect(`${thrown.message} ${String((thrown.cause as Error | undefined)?.message)}`).not.toMatch(
        /select|secret-parameter-43|broken/i,
      )
      const payload = errorPayload(thrown)
      expect(payload).toEqual({
        messageKey: 'errors.unexpected',
        params: { id: expect.stringMatching(/^[0-9a-f-]{36}$/) },
      })
      expect(logged.find((l) => l.includes(String(payload.params.id)))).toMatch(/secret-parameter-43/)
    } finally {
      spy.mockRestore()
    }
  })
})

describe('input that once caused a 500', () => {
  it('refuses a NUL byte in any string input with 400 and a reason, storing nothing', async () => {
    const before = await databaseFingerprint()
    const calls: [string, unknown, 'GET' | 'POST'][] = [
      ['settings.addHoliday', { date: '2026-04-28', nameId: 'Hari\u0000jadi' }, 'POST'],
      ['member.find', { query: 'adm\u0000in' }, 'GET'],
      ['unit.create', { kind: 'division', name: 'Bidang \u0000 Baru' }, 'POST'],
      ['settings.addReportRecipient', { name: 'Sekda\u0000', email: 'sekda@balangan.go.id' }, 'POST'],
      // In a key, too.
      ['inbox.find', { 'q\u0000': 'x' }, 'GET'],
    ]
    for (const [path, input, method] of calls) {
      const res = await trpcHttp(app.url, path, input, { cookie: admin, tenant: 'balangan', method })
      expect({ path, status: res.status, reason: res.json?.error?.data?.reason }).toEqual({
        path,
        status: 400,
        reason: 'nul_byte',
      })
      expect(res.json?.error?.data?.messageKey).toBe('inputRefusals.nulByte')
    }
    expect(changedTables(before, await databaseFingerprint())).toEqual([])
  })

  it('refuses an impossible holiday date (2026-02-30) with 400, storing nothing', async () => {
    const before = await databaseFingerprint()
    for (const date of ['2026-02-30', '2026-13-01', '2026-00-10', '0000-01-01'])
      for (const path of ['settings.addHoliday', 'settings.removeHoliday']) {
        const res = await trpcHttp(
          app.url,
          path,
          { date, nameId: 'Hari jadi' },
          { cookie: admin, tenant: 'balangan' },
        )
        expect({ path, date, status: res.status }).toEqual({ path, date, status: 400 })
        expect(res.json?.error?.data?.messageKey).toBe('errors.invalidInput')
      }
    expect(changedTables(before, await databaseFingerprint())).toEqual([])
  })

  it('refuses a +25:00 offset (and other impossible instants) with 400, storing nothing', async () => {
    const before = await databaseFingerprint()
    for (const at of ['2026-01-01T00:00:00+25:00', '2026-01-01T00:00:00+14:60', '0000-01-01T00:00:00Z']) {
      const upTo = await trpcHttp(
        app.url,
        'notification.markAllRead',
        { upTo: at },
        { cookie: admin, tenant: 'balangan' },
      )
      expect({ at, status: upTo.status }).toEqual({ at, status: 400 })
      const find = await trpcHttp(
        app.url,
        'notification.find',
        { cursor: { at, id: '00000000-0000-4000-8000-000000000000' } },
        { cookie: admin, tenant: 'balangan', method: 'GET' },
      )
      expect({ at, status: find.status }).toEqual({ at, status: 400 })
    }
    // A real offset is still taken.
    const ok = await trpcHttp(
      app.url,
      'notification.markAllRead',
      { upTo: '2026-01-01T08:00:00+08:00' },
      { cookie: admin, tenant: 'balangan' },
    )
    expect(ok.status).toBe(200)
    expect(changedTables(before, await databaseFingerprint())).toEqual([])
  })
})
