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
