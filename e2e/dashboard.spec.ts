import type { Browser, Page } from '@playwright/test'
import { e2eDatabase } from './database.ts'
import { expect, screenshot, signIn, test } from './fixtures.ts'

const OSM_TILES = 'https://tile.openstreetmap.org/**'

async function as(browser: Browser, email: string, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport, locale: 'id-ID' })
  const page = await context.newPage()
  await signIn(page, email)
  await page.waitForURL(/\/t\/balangan/)
  return page
}

/** The number a bar-list row shows, e.g. today's phone complaints. */
async function barValue(page: Page, section: string, label: string) {
  const row = page
    .getByRole('region', { name: section })
    .locator('.bar-row')
    .filter({ has: page.getByText(label, { exact: true }) })
  return Number(((await row.locator('.bar-value').textContent()) ?? '').replace(/\D/g, ''))
}

async function newComplaint(page: Page, channel: string, description: string) {
  await page.goto('/t/balangan/complaints/new')
  await page.getByLabel('Aduan masuk lewat').selectOption(channel)
  await page.getByLabel('Isi aduan').fill(description)
  await page.getByRole('button', { name: 'Simpan aduan' }).click()
  await expect(page.getByText(/Aduan tercatat dengan nomor/)).toBeVisible()
  return ((await page.locator('h1').textContent()) ?? '').trim()
}

test('the supervisor sees today, the work in hand, what is overdue, the month, the 30 days and the kecamatan', async ({
  browser,
}) => {
  const kabid = await as(browser, 'kabid@balangan.demo')
  // No internet in CI: the map's tiles fail, as they do offline.
  await kabid.route(OSM_TILES, (route) => route.abort('internetdisconnected'))
  await kabid.goto('/t/balangan')
  const phonesBefore = await barValue(kabid, 'Masuk hari ini per saluran', 'Telepon')

  // The operator takes two complaints and does the first step of one within its 5 minutes.
  const operator = await as(browser, 'operator@balangan.demo')
  const late = await newComplaint(
    operator,
    'phone',
    'Pedagang kaki lima menutup trotoar di depan pasar Paringin setiap sore.',
  )
  const other = await newComplaint(
    operator,
    'walk_in',
    'Warga mengeluhkan suara bising dari bengkel di Juai.',
  )
  await operator.goto(`/t/balangan/complaints/${late}`)
  for (const box of await operator.locator('.panel-action input[type=checkbox]').all()) await box.check()
  await operator.getByRole('button', { name: 'Simpan langkah' }).click()
  await expect(operator.getByText('Langkah tersimpan.')).toBeVisible()
  // Its next step ran out three hours ago, and both are placed in their kecamatan: no page does that in a test's time.
  const sql = await e2eDatabase()
  try {
    await sql`update complaints c set step_due_at = now() - interval '3 hours 5 minutes',
      kecamatan_id = (select id from areas a where a.tenant_id = c.tenant_id and a.kind = 'kecamatan' and a.name = 'Paringin')
      where ticket_number = ${late}`
    await sql`update complaints c set
      kecamatan_id = (select id from areas a where a.tenant_id = c.tenant_id and a.kind = 'kecamatan' and a.name = 'Juai')
      where ticket_number = ${other}`
  } finally {
    await sql.end()
  }

  await kabid.goto('/t/balangan')
  await expect(kabid.getByRole('heading', { level: 1, name: 'Satpol PP Kabupaten Balangan' })).toBeVisible()
  expect(await barValue(kabid, 'Masuk hari ini per saluran', 'Telepon')).toBe(phonesBefore + 1)
  expect(await barValue(kabid, 'Masuk hari ini per saluran', 'Datang langsung')).toBeGreaterThanOrEqual(1)
  await expect(kabid.getByRole('link', { name: /^\d+\s*Sedang ditangani$/ })).toHaveAttribute(
    'href',
    '/t/balangan/inbox',
  )
  await expect(kabid.getByRole('link', { name: /^\d+\s*Lewat batas waktu$/ })).toHaveAttribute(
    'href',
    '/t/balangan/inbox?view=overdue',
  )
  await expect(kabid.locator('.stat', { hasText: 'Tepat waktu bulan ini' })).toContainText(
    /\d+ dari \d+ langkah selesai dalam batas waktu/,
  )

  // The overdue list: the complaint, its step, how long, linking to the complaint page.
  const overdue = kabid.getByRole('region', { name: 'Paling lama lewat batas waktu' })
  const lateLink = overdue.getByRole('link', { name: new RegExp(late) })
  await expect(lateLink).toContainText('lewat 3 jam')
  await expect(lateLink).toContainText('Memeriksa kesesuaian aduan')
  await expect(lateLink).toContainText('Paringin')

  // Open by step links to the inbox filtered by that step of that SOP.
  const steps = kabid.getByRole('region', { name: 'Sedang ditangani, per langkah SOP' })
  const periksa = steps.getByRole('link', { name: 'Memeriksa kesesuaian aduan' })
  await expect(periksa).toHaveAttribute('href', /\/t\/balangan\/inbox\?step=periksa&sop=[0-9a-f-]{36}$/)
  await expect(
    steps
      .locator('.bar-row')
      .filter({ has: kabid.getByRole('link', { name: 'Memeriksa kesesuaian aduan' }) }),
  ).toContainText(/\d+ lewat batas/)

  // This month per step: the first step, done within its limit.
  const month = kabid.getByRole('region', { name: 'Tepat waktu per langkah, bulan ini' })
  await expect(month).toContainText('Menerima WhatsApp aduan dari pelapor')
  await expect(month).toContainText(/\d+ dari \d+ tepat waktu/)

  // The 30 days: an image with its summary, and the same numbers as a table.
  await expect(
    kabid.getByRole('img', { name: /Aduan masuk 30 hari terakhir\. \d+ aduan dalam 30 hari/ }),
  ).toBeVisible()
  await expect(kabid.getByRole('table', { name: 'Aduan masuk per hari' }).getByRole('row')).toHaveCount(31)

  // The kecamatan: the list carries every number even though the tiles cannot load.
  const places = kabid.getByRole('list', { name: 'Aduan per kecamatan' })
  await expect(places.getByRole('listitem')).toHaveCount(8)
  await expect(places.getByRole('listitem').filter({ hasText: 'Paringin' }).first()).toContainText(
    /\d+ aduan/,
  )
  await expect(places.getByRole('listitem').filter({ hasText: 'Juai' })).toContainText('1 sedang ditangani')
  await expect(kabid.getByText(/Peta dasar OpenStreetMap tidak dapat dimuat/)).toBeVisible()
  // The circles are still drawn on the map, one per kecamatan.
  await expect(kabid.locator('.place-map-canvas path.leaflet-interactive')).toHaveCount(8)
  await screenshot(kabid, 'dashboard-desktop')

  await lateLink.click()
  await expect(kabid).toHaveURL(new RegExp(`/t/balangan/complaints/${late}$`))
  await kabid.goBack()
  await steps.getByRole('link', { name: 'Memeriksa kesesuaian aduan' }).click()
  await expect(kabid.locator('.inbox-item', { hasText: late })).toBeVisible()
  await kabid.context().close()
  await operator.context().close()
})

test('with the tiles, the map says nothing about them; without JavaScript the list is all there is', async ({
  browser,
}) => {
  const kepala = await as(browser, 'kepala@balangan.demo')
  // A stand-in tile: the page must not need the internet to pass.
  const tile = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==',
    'base64',
  )
  await kepala.route(OSM_TILES, (route) => route.fulfill({ contentType: 'image/png', body: tile }))
  await kepala.goto('/t/balangan')
  await expect(kepala.locator('.place-map-canvas path.leaflet-interactive')).toHaveCount(8)
  await expect(kepala.locator('.leaflet-control-attribution')).toContainText('OpenStreetMap')
  await expect(kepala.getByText(/Peta dasar OpenStreetMap tidak dapat dimuat/)).toHaveCount(0)
  await expect(kepala.getByText('Memuat peta...')).toHaveCount(0)
  await kepala.context().close()

  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'id-ID' })
  const page = await context.newPage()
  await signIn(page, 'kepala@balangan.demo')
  await page.waitForURL(/\/t\/balangan$/)
  await expect(page.getByRole('list', { name: 'Aduan per kecamatan' }).getByRole('listitem')).toHaveCount(8)
  await expect(page.locator('.place-map-canvas')).toHaveCount(0)
  await context.close()
})

test('the regent sees the figures, without links into complaints', async ({ browser }) => {
  const bupati = await as(browser, 'bupati@balangan.demo')
  await bupati.route(OSM_TILES, (route) => route.abort('internetdisconnected'))
  await bupati.goto('/t/balangan')
  await expect(bupati.getByRole('list', { name: 'Aduan per kecamatan' }).getByRole('listitem')).toHaveCount(8)
  await expect(bupati.getByRole('region', { name: 'Paling lama lewat batas waktu' })).toBeVisible()
  // The regent may not open complaints (no complaint.view): nothing in the page leads there.
  await expect(bupati.locator('main a[href*="/inbox"], main a[href*="/complaints/"]')).toHaveCount(0)
  await expect(bupati.locator('main .stat')).toHaveCount(4)
  await bupati.context().close()
})

test('the dashboard works on a 360 px phone', async ({ browser }) => {
  const page = await as(browser, 'kepala@balangan.demo', { width: 360, height: 800 })
  await page.route(OSM_TILES, (route) => route.abort('internetdisconnected'))
  await page.goto('/t/balangan')
  await expect(page.getByText(/Peta dasar OpenStreetMap tidak dapat dimuat/)).toBeVisible()
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  await screenshot(page, 'dashboard-phone')
  await page.context().close()
})
