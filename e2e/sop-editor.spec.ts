import { expect, screenshot, test } from './fixtures.ts'

test('the Balangan admin adds a 30-minute step and publishes; new complaints follow it, older ones keep their version', async ({
  page,
  signedInAs,
  browser,
}) => {
  // An operator records a phone complaint before the change: it runs on LA-LISA version 1.
  const operatorContext = await browser.newContext({ locale: 'id-ID' })
  const operator = await operatorContext.newPage()
  const { signIn } = await import('./fixtures.ts')
  await signIn(operator, 'operator@balangan.demo')
  await operator.waitForURL(/\/t\/balangan$/)
  const record = async (description: string) => {
    await operator.goto('/t/balangan/complaints/new')
    await operator.getByLabel('Aduan masuk lewat').selectOption('phone')
    await operator.getByLabel('Isi aduan').fill(description)
    await operator.getByLabel('Nama').fill('Warga Paringin')
    await operator.getByRole('button', { name: 'Simpan aduan' }).click()
    await expect(operator.getByText(/Aduan tercatat dengan nomor LALISA-\d{4}-\d{6}/)).toBeVisible()
    return operator.url()
  }
  const olderUrl = await record('Suara musik keras setiap malam di Jl. Ahmad Yani, Paringin.')
  await expect(operator.getByText('Layanan Aduan Online WhatsApp (LA-LISA) · versi 1')).toBeVisible()

  await signedInAs('admin@balangan.demo')
  await page.locator('.sidebar').getByRole('link', { name: 'Pengaturan' }).click()
  await page
    .getByRole('main')
    .getByRole('link', { name: /SOP dan batas waktu/ })
    .click()
  await page
    .getByRole('main')
    .getByRole('link', { name: /LA-LISA/ })
    .click()
  await expect(
    page.getByRole('heading', { level: 1, name: 'Layanan Aduan Online WhatsApp (LA-LISA)' }),
  ).toBeVisible()
  await expect(page.getByText('Versi 1 berlaku')).toBeVisible()
  await screenshot(page, 'sop-editor-flow')

  // "Tambah langkah di sini" under step 1, then fill in the new step.
  // The button between step 1 and step 2.
  await page
    .locator('#step-terima + li')
    .getByRole('button', { name: /Tambah langkah di sini/ })
    .click()
  await expect(page.getByText('Langkah baru sudah ditambahkan')).toBeVisible()
  await page.getByLabel('Nama (Bahasa Indonesia)').fill('Konfirmasi lokasi kejadian')
  await page.getByLabel('Nama (Bahasa Inggris)').fill('Confirm the location')
  await page.getByLabel('Target').fill('30')
  await page.getByLabel('Satuan').selectOption('minutes')
  await page.getByLabel('Kelengkapan yang wajib dicentang (satu per baris)').fill('Lokasi kejadian jelas')
  await screenshot(page, 'sop-editor-step')
  await page.getByRole('button', { name: 'Simpan langkah' }).click()
  await expect(page.getByText('Tersimpan sebagai draf versi 2.')).toBeVisible()
  const newStep = page.locator('.sop-step', { hasText: 'Konfirmasi lokasi kejadian' })
  await expect(newStep.getByText('30 menit')).toBeVisible()
  await expect(page.locator('.sop-step').nth(1)).toContainText('Konfirmasi lokasi kejadian')
  await page.getByRole('button', { name: 'Terbitkan versi 2' }).click()
  await expect(page.getByText('Versi 2 sudah terbit. Aduan baru mengikuti versi ini.')).toBeVisible()
  await screenshot(page, 'sop-editor-published')

  // A new complaint follows version 2 and reaches the new step after step 1.
  await record('Pedagang kaki lima menutup trotoar di depan pasar Batumandi.')
  await expect(operator.getByText('Layanan Aduan Online WhatsApp (LA-LISA) · versi 2')).toBeVisible()
  await operator.getByLabel('Verifikasi laporan').check()
  await operator.getByLabel('Menerima data pelapor').check()
  await operator.getByRole('button', { name: 'Simpan langkah' }).click()
  await expect(
    operator.getByRole('heading', { name: 'Giliran Anda: Konfirmasi lokasi kejadian' }),
  ).toBeVisible()
  await expect(operator.locator('.step-current')).toContainText('30 menit')

  // The older complaint keeps version 1: step 1 leads straight to "Memeriksa kesesuaian aduan".
  await operator.goto(olderUrl)
  await expect(operator.getByText('Layanan Aduan Online WhatsApp (LA-LISA) · versi 1')).toBeVisible()
  await expect(operator.locator('.step-progress')).not.toContainText('Konfirmasi lokasi kejadian')
  await operator.getByLabel('Verifikasi laporan').check()
  await operator.getByLabel('Menerima data pelapor').check()
  await operator.getByRole('button', { name: 'Simpan langkah' }).click()
  await expect(
    operator.getByRole('heading', { name: 'Giliran Anda: Memeriksa kesesuaian aduan' }),
  ).toBeVisible()
  await screenshot(operator, 'complaint-page-older-version')
  await operatorContext.close()
})

test('publishing an SOP that cannot finish is refused with a message naming the step', async ({
  page,
  signedInAs,
}) => {
  await signedInAs('admin@tangerang.demo')
  await page.goto('/t/tangerang/admin/sop')
  await page.getByRole('main').getByRole('link', { name: /LAKSA/ }).click()
  await page.locator('#step-rekap').getByRole('link', { name: 'Ubah langkah' }).click()
  // The last step's only outcome now loops back to step 6 instead of ending.
  await page
    .getByLabel('Menuju')
    .first()
    .selectOption({ label: 'Langkah 6: Menutup pengaduan dengan status selesai' })
  await page.getByRole('button', { name: 'Simpan langkah' }).click()
  await expect(page.getByText('Perbaiki dulu sebelum terbit:')).toBeVisible()
  await expect(
    page.getByText(/Dari langkah "Menutup pengaduan dengan status selesai" aduan tidak pernah bisa selesai/),
  ).toBeVisible()
  await page.getByRole('button', { name: /Terbitkan versi 2/ }).click()
  await expect(page.getByRole('alert')).toContainText('tidak pernah bisa selesai')
  await expect(page.getByText('Versi 1 berlaku')).toBeVisible()
})

test('the admin imports the LAKSA SOP table pasted from the document and gets a draft to review', async ({
  page,
  signedInAs,
}) => {
  const fs = await import('node:fs')
  const table = fs.readFileSync('server/sop/import/fixtures/laksa-004.txt', 'utf8')
  await signedInAs('admin@tangerang.demo')
  await page.goto('/t/tangerang/admin/sop')
  await page.getByRole('link', { name: 'Impor SOP dari dokumen' }).click()
  await page.getByLabel('Tabel SOP').fill(table)
  await page.getByRole('button', { name: 'Baca tabel' }).click()
  await expect(page.getByRole('heading', { name: /Tabel 1: 6 langkah/ })).toBeVisible()
  await expect(page.locator('.sop-step').nth(2)).toContainText('Mendisposisikan pengaduan masyarakat ke OPD')
  await expect(page.locator('.sop-step').nth(2)).toContainText('5 menit')
  await expect(page.locator('.sop-step').nth(2)).toContainText('Operator TLR')
  await screenshot(page, 'sop-import-preview')
  await page.getByLabel('Nama SOP').fill('LAKSA (impor)')
  await page.getByRole('button', { name: 'Buat draf SOP dari tabel ini' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'LAKSA (impor)' })).toBeVisible()
  await expect(page.getByText(/^Belum terbit/)).toBeVisible()
  await expect(page.locator('.sop-step')).toHaveCount(6)
})

test('the complaint page and the SOP flow fit a 360 px phone', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'id-ID' })
  const page = await context.newPage()
  const { signIn } = await import('./fixtures.ts')
  await signIn(page, 'piket@balangan.demo')
  await page.waitForURL(/\/t\/balangan$/)
  await page.goto('/t/balangan/complaints/new')
  await page.getByLabel('Aduan masuk lewat').selectOption('walk_in')
  await page.getByLabel('Isi aduan').fill('Warga melaporkan bangunan liar di bantaran sungai Balangan.')
  await page.getByLabel('Nama').fill('Ahmad Rizani')
  await page.getByRole('button', { name: 'Simpan aduan' }).click()
  await expect(
    page.getByRole('heading', { name: 'Giliran Anda: Pelapor melapor kedatangan ke petugas piket' }),
  ).toBeVisible()
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  await screenshot(page, 'complaint-page-phone')
  await context.clearCookies()
  await signIn(page, 'admin@balangan.demo')
  await page.waitForURL(/\/t\/balangan$/)
  await page.goto('/t/balangan/admin/sop')
  await page
    .getByRole('main')
    .getByRole('link', { name: /Pelayanan Pengaduan Secara Langsung/ })
    .click()
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  await screenshot(page, 'sop-flow-phone')
  await context.close()
})
