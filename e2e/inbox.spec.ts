import { expect, screenshot, test } from './fixtures.ts'

test('the operator finds a new complaint in the inbox, searches it and opens it from the keyboard', async ({
  page,
  signedInAs,
}) => {
  await signedInAs('operator@balangan.demo')
  await page.goto('/t/balangan/complaints/new')
  await page.getByLabel('Aduan masuk lewat').selectOption('phone')
  await page.getByLabel('Isi aduan').fill('Reklame liar dipasang di pohon sepanjang jalan menuju Halong.')
  await page.getByLabel('Nama').fill('Rahmat Hidayat')
  await page.getByRole('button', { name: 'Simpan aduan' }).click()
  await expect(page.getByText(/Aduan tercatat dengan nomor/)).toBeVisible()
  const ticket = (await page.locator('h1').textContent())?.trim() ?? ''
  expect(ticket).toMatch(/^LALISA-\d{4}-\d{6}$/)

  await page.locator('.sidebar').getByRole('link', { name: 'Kotak masuk' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Kotak masuk' })).toBeVisible()
  await expect(page).toHaveTitle('Kotak masuk · Tanggap')
  const row = page.locator('.inbox-item', { hasText: ticket })
  await expect(row).toContainText('Menerima WhatsApp aduan dari pelapor')
  await expect(row).toContainText('giliran Anda')
  await expect(row.locator('.time-left')).toHaveText(/sisa \d+ menit/)
  await screenshot(page, 'inbox')

  await page.getByRole('link', { name: 'Menunggu saya' }).click()
  await expect(page.locator('.inbox-item', { hasText: ticket })).toBeVisible()
  await page.getByText('Saring dan cari').click()
  await page.getByLabel('Cari').fill('Halong')
  await page.getByRole('button', { name: 'Terapkan' }).click()
  await expect(page.locator('.inbox-item')).toHaveCount(1)

  // j focuses the first complaint, Enter opens it.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
  await page.keyboard.press('j')
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(new RegExp(`/t/balangan/complaints/${ticket}$`))
})

test('the inbox works on a 360 px phone', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'id-ID' })
  const page = await context.newPage()
  const { signIn } = await import('./fixtures.ts')
  await signIn(page, 'kasi@balangan.demo')
  await page.waitForURL(/\/t\/balangan$/)
  await page.goto('/t/balangan/inbox')
  await expect(page.getByRole('heading', { level: 1, name: 'Kotak masuk' })).toBeVisible()
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  await screenshot(page, 'inbox-phone')
  await context.close()
})

test('a mangled next-page link or filter is a 400 said in the console, with the way back to the first page', async ({
  page,
  signedInAs,
}) => {
  await signedInAs('operator@balangan.demo')
  const mangled = await page.goto(
    '/t/balangan/inbox?after=2026-13-45T99:99:99Z&afterId=2b1c2a52-61c5-4f7e-9a54-2d0f3c5c1b9e',
  )
  expect(mangled?.status()).toBe(400)
  await expect(page.getByRole('heading', { level: 1, name: 'Kotak masuk' })).toBeVisible()
  await expect(page.getByRole('alert')).toHaveText(
    'Tautan halaman berikutnya ini rusak atau sudah tidak berlaku.',
  )
  await expect(page.locator('.sidebar').getByRole('link', { name: 'Kotak masuk' })).toBeVisible()
  await page.getByRole('link', { name: 'Buka kotak masuk dari awal' }).click()
  await expect(page).toHaveURL(/\/t\/balangan\/inbox$/)
  await expect(page.getByText('Saring dan cari')).toBeVisible()

  const badFilter = await page.goto('/t/balangan/inbox?category=bukan-id')
  expect(badFilter?.status()).toBe(400)
  await expect(page.getByRole('alert')).toHaveText(
    'Tautan kotak masuk ini memuat saringan yang tidak dikenal.',
  )
})
