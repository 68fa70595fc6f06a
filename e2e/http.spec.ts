import { expect, test } from './fixtures.ts'

test.describe('HTTP contracts', () => {
  test('GET /healthz answers {"status":"ok"}', async ({ request }) => {
    const response = await request.get('/healthz')
    expect(response.status()).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok' })
  })

  test("tRPC over HTTP: tenant A's session asking for tenant B's shell gets 404", async ({
    page,
    signedInAs,
  }) => {
    await signedInAs('operator@balangan.demo')
    const own = await page.request.get('/api/trpc/tenant.getShell', {
      headers: { 'x-tanggap-tenant': 'balangan' },
    })
    expect(own.status()).toBe(200)
    expect((await own.json()).result.data.tenant.slug).toBe('balangan')
    const other = await page.request.get('/api/trpc/tenant.getDashboard', {
      headers: { 'x-tanggap-tenant': 'tangerang' },
    })
    expect(other.status()).toBe(404)
    const body = await other.json()
    expect(body.error.data.messageKey).toBe('errors.notFound')
    expect(JSON.stringify(body)).not.toContain('stack')
  })

  test('a cross-site POST is refused with 403 and signs nobody in', async ({ request }) => {
    const response = await request.post('/login', {
      form: { email: 'operator@balangan.demo', password: 'tanggap-demo' },
      headers: { Origin: 'https://evil.example' },
      maxRedirects: 0,
    })
    expect(response.status()).toBe(403)
    expect(response.headers()['set-cookie'] ?? '').not.toContain('tanggap_session=')
  })
})
