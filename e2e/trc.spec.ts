import type { Locator, Page } from '@playwright/test'
import { as, doStep, expect, PHOTO, screenshot, test, workThrough } from './fixtures.ts'

const COMPLAINT = 'Balap liar di jalan depan Pasar Paringin setiap malam, warga tidak bisa tidur.'
const TICKET = /LALISA-\d{4}-\d{6}/

/** What the citizen's phone shows from the agency (the simulator page reloads itself). */
async function expectOnPhone(chat: Locator, text: string | RegExp) {
  await expect(chat.locator('.devwa-agency').filter({ hasText: text }).first()).toBeVisible({
    timeout: 30_000,
  })
}

async function photo(page: Page, field: Locator, name: string) {
  await field.setInputFiles({ name, mimeType: 'image/png', buffer: PHOTO })
  await expect(page.getByText('Mengecilkan foto agar cepat terkirim…')).toHaveCount(0)
}

test('must show: a LA-LISA complaint from WhatsApp goes to the TRC, finished on a phone; the Kabid and the head close it while the reporter hears each step', async ({
  browser,
}) => {
  test.setTimeout(180_000)
  // The citizen, on the WhatsApp simulator: reports, then sends the spot by the market.
  const phoneContext = await browser.newContext({ viewport: { width: 412, height: 915 }, locale: 'id-ID' })
  const citizen = await phoneContext.newPage()
  await citizen.goto('/dev/whatsapp')
  const chat = citizen.locator('.devwa-chat')
  await citizen.getByLabel('Pesan', { exact: true }).fill(COMPLAINT)
  await citizen.getByRole('button', { name: 'Kirim', exact: true }).click()
  const ack = chat.locator('.devwa-agency').filter({ hasText: TICKET }).first()
  await expect(ack).toBeVisible({ timeout: 20_000 })
  const ticket = TICKET.exec((await ack.textContent()) ?? '')![0]
  const paringin = chat.locator('.devwa-option:not([disabled])', { hasText: /^\s*Paringin\s*$/ })
  await expect(paringin).toBeVisible({ timeout: 20_000 })
  await paringin.click()
  await expectOnPhone(chat, 'Lokasi tercatat: Kecamatan Paringin')
  await citizen.locator('summary', { hasText: 'Lokasi' }).click()
  await citizen.getByLabel('Nama tempat (boleh kosong)').fill('Pasar Paringin')
  await citizen.getByRole('button', { name: 'Kirim lokasi' }).click()
  await expect(chat.locator('.devwa-citizen').getByText(/Pasar Paringin/)).toBeVisible()
  const url = `/t/balangan/complaints/${ticket}`

  // The operator accepts it and finds it fits; the section head verifies and checks the field.
  const operator = await as(browser, 'operator@balangan.demo')
  await operator.goto('/t/balangan/inbox')
  await expect(operator.getByText(ticket)).toBeVisible()
  expect(
    await workThrough(operator, url, { 'Memeriksa kesesuaian aduan': 'Sesuai: lapor ke Kasi/Kasubag' }),
  ).toContain('Memeriksa kesesuaian aduan')
  const kasi = await as(browser, 'kasi@balangan.demo')
  expect(
    await workThrough(kasi, url, { 'Memeriksa kejadian dan fakta di lapangan': 'Sesuai: lanjut ke Kabid' }),
  ).toEqual(['Memproses aduan dengan verifikasi', 'Memeriksa kejadian dan fakta di lapangan'])

  // The Kabid sends the TRC: the post nearest the reporter's pin goes, and the reporter is told.
  const kabid = await as(browser, 'kabid@balangan.demo')
  await doStep(kabid, url, 'Menindaklanjuti aduan dengan mengirim TRC Satpol PP')
  await expectOnPhone(chat, `Petugas sedang menuju lokasi untuk menindaklanjuti aduan ${ticket}.`)
  await expect(async () => {
    await kabid.goto(url)
    await expect(kabid.getByText(/TRC sudah dikirim ke Pos TRC Paringin/)).toBeVisible({ timeout: 1000 })
  }).toPass({ timeout: 30_000 })

  // The TRC member, on a phone: departs, arrives with photos before, finishes with photos after.
  const trc = await as(browser, 'trc@balangan.demo', { width: 360, height: 740 })
  await trc.goto('/t/balangan/trc')
  const card = () => trc.locator('.trc-card', { hasText: ticket })
  await expect(card()).toBeVisible()
  await card().getByRole('button', { name: 'Berangkat sekarang' }).click()
  await expect(card()).toContainText('Dalam perjalanan')
  await card().getByLabel('Lintang').fill('-2.3340')
  await card().getByLabel('Bujur').fill('115.4640')
  await photo(trc, card().getByLabel('Foto sebelum (boleh lebih dari satu)'), 'sebelum.png')
  await card().getByRole('button', { name: 'Sudah tiba di lokasi' }).click()
  await expect(card()).toContainText('Di lokasi')
  await expect(card().getByRole('img', { name: `Foto sebelum di lokasi ${ticket}` })).toBeVisible()
  await card()
    .getByLabel('Temuan di lapangan')
    .fill('Sepuluh motor balap liar dibubarkan, pengendara diberi teguran.')
  await photo(trc, card().getByLabel('Foto sesudah (boleh lebih dari satu)'), 'sesudah.png')
  await screenshot(trc, 'trc-phone')
  expect(await trc.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  await card().getByRole('button', { name: 'Selesai dan laporkan' }).click()
  await expect(card()).toContainText('Selesai')
  await expect(card().getByRole('img', { name: `Foto sesudah di lokasi ${ticket}` })).toBeVisible()
  await trc.setViewportSize({ width: 1280, height: 800 })
  await screenshot(trc, 'trc-desktop')

  // The head receives the report and closes it; the reporter hears that it is done.
  const kepala = await as(browser, 'kepala@balangan.demo')
  await doStep(kepala, url, 'Kepala Dinas menerima laporan dari Kabid')
  await doStep(kepala, url, 'Kepala Dinas memerintahkan laporan selesai disampaikan ke pelapor')
  await expectOnPhone(chat, `Aduan ${ticket} sudah selesai ditindaklanjuti. Terima kasih atas laporan Anda.`)
  await screenshot(citizen, 'trc-reporter-phone')

  await kepala.goto(url)
  await expect(kepala.locator('.badge').first()).toHaveText('Selesai')
  await expect(kepala.getByText('Sepuluh motor balap liar dibubarkan').first()).toBeVisible()
  await expect(kepala.getByRole('link', { name: /Buka ukuran penuh: Foto sesudah/ })).toBeVisible()
  // The reporter's pin on a map; without tiles (no internet) the page says so and the place stays in words.
  await expect(kepala.getByRole('region', { name: `Peta lokasi aduan ${ticket}` })).toBeVisible()
  await expect(kepala.locator('.facts')).toContainText('Pasar Paringin')
  await screenshot(kepala, 'complaint-closed')
  await kepala.setViewportSize({ width: 360, height: 780 })
  expect(await kepala.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  await screenshot(kepala, 'complaint-closed-phone')
  for (const page of [citizen, operator, kasi, kabid, trc, kepala]) await page.context().close()
})
