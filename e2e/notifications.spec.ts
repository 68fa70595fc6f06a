import { expect, screenshot, signIn, test } from './fixtures.ts'

const unreadIn = (label: string | null) => Number(/(\d+) belum dibaca/.exec(label ?? '')?.[1] ?? 0)

test('the person a complaint is assigned to sees the bell, opens it from the list, and the count drops', async ({
  browser,
  page,
  signedInAs,
}) => {
  // The section head has the console open on the dashboard.
  await signedInAs('kasi@balangan.demo')
  const bell = page.getByRole('link', { name: /^Notifikasi, / })
  await expect(bell).toBeVisible()
  const initially = unreadIn(await bell.getAttribute('aria-label'))

  // Meanwhile the operator records a complaint and assigns it to the section head, twice.
  const operatorContext = await browser.newContext({ locale: 'id-ID' })
  const operator = await operatorContext.newPage()
  await signIn(operator, 'operator@balangan.demo')
  await operator.waitForURL(/\/t\/balangan/)
  await operator.goto('/t/balangan/complaints/new')
  await operator.getByLabel('Aduan masuk lewat').selectOption('phone')
  await operator
    .getByLabel('Isi aduan')
    .fill('Genangan air menutup jalan di depan Pasar Paringin sejak pagi.')
  await operator.getByRole('button', { name: 'Simpan aduan' }).click()
  await expect(operator.getByText(/Aduan tercatat dengan nomor/)).toBeVisible()
  const ticket = (await operator.locator('h1').textContent())?.trim() ?? ''
  expect(ticket).toMatch(/^LALISA-\d{4}-\d{6}$/)
  for (let i = 0; i < 2; i++) {
    await operator.getByLabel('Petugas').selectOption({ label: 'Ahmad Kasi' })
    await operator.getByRole('button', { name: 'Tugaskan' }).click()
    await expect(operator.getByText('Perubahan tersimpan.')).toBeVisible()
  }
  await operatorContext.close()

  // Back to the open page: the bell catches up without a reload when the window gets the focus again.
  await page.evaluate(() => window.dispatchEvent(new Event('focus')))
  await expect(bell).toHaveAccessibleName(`Notifikasi, ${initially + 2} belum dibaca`)
  const before = initially + 2
  await expect(bell.locator('.bell-count')).toHaveText(String(before))

  await bell.click()
  await expect(page.getByRole('heading', { level: 1, name: 'Notifikasi' })).toBeVisible()
  const items = page.getByRole('button', { name: new RegExp(`Aduan ${ticket} ditugaskan kepada Anda`) })
  await expect(items).toHaveCount(2)
  await expect(items.first()).toContainText('Belum dibaca')
  await expect(items.first()).toContainText(/WITA/)
  await items.first().click()

  await expect(page).toHaveURL(new RegExp(`/t/balangan/complaints/${ticket}$`))
  await expect(page.getByRole('heading', { level: 1, name: ticket })).toBeVisible()
  await expect(bell).toHaveAccessibleName(`Notifikasi, ${before - 1} belum dibaca`)

  // Back in the list: the opened one is read, the other still stands out.
  await bell.click()
  await expect(items.first()).not.toContainText('Belum dibaca')
  await expect(items.nth(1)).toContainText('Belum dibaca')
  await expect(page.getByText(`Belum dibaca: ${before - 1}`)).toBeVisible()
  await screenshot(page, 'notifications-desktop')
})

test('the bell and the list work on a 360 px phone, and "mark all read" clears the count', async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 }, locale: 'id-ID' })
  const page = await context.newPage()
  await signIn(page, 'kasi@balangan.demo')
  await page.waitForURL(/\/t\/balangan$/)
  const bell = page.getByRole('link', { name: /^Notifikasi, / })
  await expect(bell).toBeInViewport()
  const box = await bell.boundingBox()
  expect(box?.width).toBeGreaterThanOrEqual(44)
  expect(box?.height).toBeGreaterThanOrEqual(44)
  expect(box!.x + box!.width).toBeLessThanOrEqual(360)

  await bell.click()
  await expect(page.getByRole('heading', { level: 1, name: 'Notifikasi' })).toBeVisible()
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  await screenshot(page, 'notifications-phone')

  await page.getByRole('button', { name: 'Tandai semua sudah dibaca' }).click()
  await expect(page.getByText('Semua notifikasi sudah ditandai dibaca.')).toBeVisible()
  await expect(bell).toHaveAccessibleName('Notifikasi, semua sudah dibaca')
  await expect(page.getByText('Belum dibaca: 0')).toBeVisible()
  await expect(page.locator('.notification-unread')).toHaveCount(0)
  await context.close()
})
