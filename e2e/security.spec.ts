import zlib from 'node:zlib'
import type { Page } from '@playwright/test'
import { as, expect, screenshot, signIn, test } from './fixtures.ts'

const OSM_TILES = 'https://tile.openstreetmap.org/**'

/** A 256×256 PNG of one colour, standing in for an OpenStreetMap tile (no internet in CI). */
function tilePng() {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const sum = Buffer.alloc(4)
    sum.writeUInt32BE(crc(body))
    return Buffer.concat([length, body, sum])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(256, 0)
  header.writeUInt32BE(256, 4)
  header.set([8, 2, 0, 0, 0], 8)
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(256 * 3, 0xd8)])
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(Array.from({ length: 256 }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** Every Content-Security-Policy violation the page reports, from its events and the console. */
function watchCsp(page: Page) {
  const violations: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text())
  })
  void page.exposeFunction('reportCspViolation', (text: string) => violations.push(text))
  void page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation
      report(`${event.violatedDirective}: ${event.blockedURI}`)
    })
  })
  return violations
}

test('the pages work under the Content-Security-Policy, with no violation, and the map tiles load', async ({
  page,
  browser,
}) => {
  const violations = watchCsp(page)

  // Sign-in: the form, then the signed-in console.
  await page.goto('/login')
  const csp = (await page.request.get('/login')).headers()['content-security-policy']
  expect(csp).toContain("script-src 'self' 'nonce-")
  await signIn(page, 'operator@balangan.demo')
  await page.waitForURL(/\/t\/balangan/)

  // A complaint through the intake form, then the inbox, and its page by a client-side navigation.
  await page.goto('/t/balangan/complaints/new')
  await page.getByLabel('Aduan masuk lewat').selectOption('phone')
  await page.getByLabel('Isi aduan').fill('Lampu jalan di depan pasar Paringin mati sejak dua hari.')
  await page.getByRole('button', { name: 'Simpan aduan' }).click()
  await expect(page.getByText(/Aduan tercatat dengan nomor/)).toBeVisible()
  const ticket = ((await page.locator('h1').textContent()) ?? '').trim()
  await page.goto('/t/balangan/inbox')
  await screenshot(page, 'security-csp-inbox')
  await page.locator('.inbox-item', { hasText: ticket }).getByRole('link').first().click()
  await expect(page).toHaveURL(new RegExp(`/t/balangan/complaints/${ticket}$`))
  await expect(page.locator('h1')).toHaveText(ticket)
  await screenshot(page, 'security-csp-complaint')

  // The dashboard's map is drawn by Leaflet after hydration: scripts ran, and the tiles were allowed.
  const kabid = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage()
  const kabidViolations = watchCsp(kabid)
  const tiles: string[] = []
  const tile = tilePng()
  await kabid.route(OSM_TILES, (route) => {
    tiles.push(route.request().url())
    return route.fulfill({ status: 200, contentType: 'image/png', body: tile })
  })
  await signIn(kabid, 'kabid@balangan.demo')
  await kabid.waitForURL(/\/t\/balangan/)
  await kabid.goto('/t/balangan')
  await expect(kabid.locator('.leaflet-container')).toBeVisible()
  await expect.poll(() => tiles.length).toBeGreaterThan(0)
  await expect(kabid.locator('.leaflet-tile-loaded').first()).toBeVisible()
  await screenshot(kabid, 'security-csp-dashboard')

  expect(violations).toEqual([])
  expect(kabidViolations).toEqual([])
})

test('no page can frame the signed-in console, not even one on the same site', async ({
  page,
  signedInAs,
}) => {
  await signedInAs('operator@balangan.demo')
  // A page of this very origin (served by the test) that tries to frame the inbox.
  await page.route('**/framing-test', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><title>frame</title><iframe id="inbox" src="/t/balangan/inbox" width="800" height="600"></iframe>',
    }),
  )
  const refused = page.waitForEvent('console', (message) => /frame-ancestors/.test(message.text()))
  await page.goto('/framing-test')
  await refused
  const frame = page.frames().find((f) => f !== page.mainFrame())
  // The frame never shows the inbox: its document is Chromium's error page, not ours.
  await expect.poll(() => frame?.url()).not.toMatch(/\/t\/balangan\/inbox$/)
  expect(await page.frameLocator('#inbox').locator('text=Kotak masuk').count()).toBe(0)
})

test('the intake form takes a 6 MB letter scan through the page’s own post, under the body limits', async ({
  browser,
}) => {
  const staf = await as(browser, 'staf@balangan.demo')
  await staf.goto('/t/balangan/complaints/new')
  await staf.getByLabel('Aduan masuk lewat').selectOption('letter')
  await staf.getByLabel('Isi aduan').fill('Surat warga Desa Halong: jalan desa rusak berat sejak bulan lalu.')
  const scan = Buffer.concat([
    Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n'),
    Buffer.alloc(6 * 1024 * 1024, ' '),
    Buffer.from('\n%%EOF\n'),
  ])
  await staf
    .getByLabel('Pindaian surat (Berkas Pengaduan)')
    .setInputFiles({ name: 'surat-halong.pdf', mimeType: 'application/pdf', buffer: scan })
  const posted = staf.waitForRequest((request) => request.method() === 'POST')
  await staf.getByRole('button', { name: 'Simpan aduan' }).click()
  // With JavaScript the page posts its single-fetch URL (.data): the upload limit applies there too.
  expect(new URL((await posted).url()).pathname).toBe('/t/balangan/complaints/new.data')
  await expect(staf.getByText(/Aduan tercatat dengan nomor/)).toBeVisible()
  await expect(staf.getByRole('link', { name: 'Unduh pindaian surat' })).toBeVisible()
  await staf.context().close()
})
