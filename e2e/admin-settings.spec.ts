import { expect, screenshot, test } from './fixtures.ts'

test('the Tangerang admin sets working hours and adds a regional holiday', async ({ page, signedInAs }) => {
  await signedInAs('admin@tangerang.demo')
  await page.goto('/t/tangerang/admin')
  await page
    .getByRole('main')
    .getByRole('link', { name: /Jam kerja dan hari libur/ })
    .click()
  await expect(page.getByRole('heading', { level: 1, name: 'Jam kerja dan hari libur' })).toBeVisible()
  await page.getByLabel('Jam buka').fill('07:30')
  await page.getByLabel('Jam tutup').fill('15:30')
  await page.getByLabel('Sabtu').check()
  await page.getByRole('button', { name: 'Simpan jam kerja' }).click()
  await expect(page.getByText('Jam kerja tersimpan.')).toBeVisible()
  await expect(page.getByLabel('Jam buka')).toHaveValue('07:30')
  await expect(page.getByLabel('Sabtu')).toBeChecked()

  const year = new Date().getFullYear()
  await page.getByLabel('Tanggal').fill(`${year}-12-30`)
  await page.getByLabel('Nama hari libur').fill('Libur daerah uji')
  await page.getByRole('button', { name: 'Tambah hari libur' }).click()
  await expect(page.getByText('Hari libur ditambahkan.')).toBeVisible()
  await expect(page.locator('.holiday-list li', { hasText: 'Libur daerah uji' })).toContainText(
    'Libur daerah',
  )
  await screenshot(page, 'admin-calendar')

  // Closing before opening is refused with a message, and nothing changes.
  await page.getByLabel('Jam buka').fill('16:00')
  await page.getByLabel('Jam tutup').fill('08:00')
  await page.getByRole('button', { name: 'Simpan jam kerja' }).click()
  await expect(page.getByText('Jam tutup harus setelah jam buka, ditulis seperti 08:00.')).toBeVisible()
  await page.reload()
  await expect(page.getByLabel('Jam buka')).toHaveValue('07:30')
})

test('the platform admin creates a new agency from the city control room preset', async ({
  page,
  signedInAs,
}) => {
  await signedInAs('admin@tanggap.demo')
  await page.locator('.user-menu summary').click()
  await page.getByRole('link', { name: 'Admin platform' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Admin platform' })).toBeVisible()
  await page.getByLabel('Contoh awal').selectOption('city-control-room')
  await page.getByLabel('Nama instansi').fill('Diskominfo Kota Banjarmasin')
  await page.getByLabel('Alamat singkat (huruf kecil, angka, tanda -)').fill('banjarmasin')
  await page.getByLabel('Nama layanan (misalnya LA-LISA)').fill('BAIMAN')
  await page.getByLabel('Awalan nomor tiket (huruf besar, misalnya LALISA)').fill('BAIMAN')
  await page.getByLabel('Wilayah', { exact: true }).fill('Kota Banjarmasin')
  await page.getByLabel('Zona waktu').selectOption('Asia/Makassar')
  await page.getByLabel('Email admin').fill('admin@tanggap.demo')
  await page.getByLabel('Nama admin').fill('Admin Platform Tanggap')
  await page.getByRole('button', { name: 'Buat instansi' }).click()
  await expect(page.getByText('Instansi banjarmasin dibuat.')).toBeVisible()
  await page.getByRole('link', { name: /BAIMAN/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Diskominfo Kota Banjarmasin' })).toBeVisible()
  await page.goto('/t/banjarmasin/admin/sop')
  await expect(page.getByRole('main').getByRole('link', { name: /LAKSA/ })).toContainText('Versi 1 berlaku')
})

test('the Balangan admin sees the WhatsApp number and webhook, and edits a message to reporters', async ({
  page,
  signedInAs,
}) => {
  await signedInAs('admin@balangan.demo')
  await page.goto('/t/balangan/admin')
  await page
    .getByRole('main')
    .getByRole('link', { name: /Nomor WhatsApp dan pesan/ })
    .click()
  await expect(page.getByText(/\/webhooks\/whatsapp$/)).toBeVisible()
  const number = page.getByRole('region', { name: '+62 811-5100-0001' })
  await expect(number.getByLabel('Phone number ID (dari Meta)')).toHaveValue('109000000000001')
  await expect(number.getByText('Tersimpan. Kosongkan untuk tetap memakai yang lama.').first()).toBeVisible()
  const received = page.locator('#template-complaint_received-id')
  await received.getByLabel(/Isi pesan/).fill('Aduan {{ticket}} sudah kami terima. Terima kasih.')
  await received.getByRole('button', { name: 'Simpan pesan' }).click()
  await expect(page.getByText('Pesan tersimpan.')).toBeVisible()
  await expect(page.locator('#template-complaint_received-id').getByLabel(/Isi pesan/)).toHaveValue(
    'Aduan {{ticket}} sudah kami terima. Terima kasih.',
  )
  await screenshot(page, 'admin-whatsapp')
})
