import { as, doStep, expect, screenshot, test, workThrough } from './fixtures.ts'

test('a LA-LISA complaint goes to the TRC, which finishes it from a phone; the Kabid and the head close it', async ({
  browser,
}) => {
  const operator = await as(browser, 'operator@balangan.demo')
  await operator.goto('/t/balangan/complaints/new')
  await operator.getByLabel('Aduan masuk lewat').selectOption('phone')
  await operator
    .getByLabel('Isi aduan')
    .fill('Pedagang kaki lima menutup trotoar di depan pasar Paringin setiap sore.')
  await operator.getByLabel('Lokasi kejadian').fill('Pasar Paringin')
  await operator.getByRole('button', { name: 'Simpan aduan' }).click()
  await expect(operator.getByText(/Aduan tercatat dengan nomor/)).toBeVisible()
  const url = operator.url().replace(/\?.*$/, '')
  expect(
    await workThrough(operator, url, { 'Memeriksa kesesuaian aduan': 'Sesuai: lapor ke Kasi/Kasubag' }),
  ).toContain('Memeriksa kesesuaian aduan')

  const kasi = await as(browser, 'kasi@balangan.demo')
  expect(
    await workThrough(kasi, url, { 'Memeriksa kejadian dan fakta di lapangan': 'Sesuai: lanjut ke Kabid' }),
  ).toEqual(['Memproses aduan dengan verifikasi', 'Memeriksa kejadian dan fakta di lapangan'])
  const kabid = await as(browser, 'kabid@balangan.demo')
  await doStep(kabid, url, 'Menindaklanjuti aduan dengan mengirim TRC Satpol PP')

  // The TRC member, on a phone: the assignment arrives (the dispatch job runs after the transition).
  const trc = await as(browser, 'trc@balangan.demo', { width: 360, height: 740 })
  const ticket = url.split('/').at(-1)!
  await expect(async () => {
    await trc.goto('/t/balangan/trc')
    await expect(trc.locator('.trc-card', { hasText: ticket })).toBeVisible({ timeout: 1000 })
  }).toPass({ timeout: 30_000 })
  const card = trc.locator('.trc-card', { hasText: ticket })
  await card.getByRole('button', { name: 'Berangkat sekarang' }).click()
  await expect(trc.locator('.trc-card', { hasText: ticket })).toContainText('Dalam perjalanan')
  await trc.locator('.trc-card', { hasText: ticket }).getByLabel('Lintang').fill('-2.3340')
  await trc.locator('.trc-card', { hasText: ticket }).getByLabel('Bujur').fill('115.4640')
  await trc
    .locator('.trc-card', { hasText: ticket })
    .getByRole('button', { name: 'Sudah tiba di lokasi' })
    .click()
  await expect(trc.locator('.trc-card', { hasText: ticket })).toContainText('Di lokasi')
  await trc
    .locator('.trc-card', { hasText: ticket })
    .getByLabel('Temuan di lapangan')
    .fill('Pedagang sudah ditertibkan dan diberi teguran tertulis.')
  await screenshot(trc, 'trc-phone')
  expect(await trc.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  await trc
    .locator('.trc-card', { hasText: ticket })
    .getByRole('button', { name: 'Selesai dan laporkan' })
    .click()
  await expect(trc.locator('.trc-card', { hasText: ticket })).toContainText('Selesai')

  const kepala = await as(browser, 'kepala@balangan.demo')
  await doStep(kepala, url, 'Kepala Dinas menerima laporan dari Kabid')
  await doStep(kepala, url, 'Kepala Dinas memerintahkan laporan selesai disampaikan ke pelapor')
  await kepala.goto(url)
  await expect(kepala.locator('.badge').first()).toHaveText('Selesai')
  await expect(
    kepala.getByText('Pedagang sudah ditertibkan dan diberi teguran tertulis.').first(),
  ).toBeVisible()
  await screenshot(kepala, 'complaint-closed')
  for (const page of [operator, kasi, kabid, trc, kepala]) await page.context().close()
})
