import { expect, screenshot, signIn, test } from './fixtures.ts'

test('a new WhatsApp number is checked with Meta and waits until the platform admin approves it', async ({
  page,
  signedInAs,
  browser,
}) => {
  await signedInAs('admin@balangan.demo')
  await page.goto('/t/balangan/admin/whatsapp')
  const form = page.locator('#channel-new')
  await page.getByText('+ Tambah nomor WhatsApp').click()
  await form.getByLabel('Phone number ID (dari Meta)').fill('109000000000003')
  await form.getByLabel('Nomor yang tampil').fill('+62 811-5300-0003')
  await form.getByLabel('Token verifikasi webhook').fill('verifikasi-nomor-baru')
  // Another number's token: Meta does not confirm this number for it, so nothing is saved.
  await form.getByLabel('Token akses').fill('demo-access-token-tangerang')
  await form.getByRole('button', { name: 'Simpan nomor' }).click()
  await expect(page.getByRole('alert')).toContainText(
    'Meta tidak mengenali phone number ID ini untuk token akses yang Anda isi.',
  )
  await expect(page.getByRole('region', { name: '+62 811-5300-0003' })).toHaveCount(0)

  // The form is still open with what was typed; the right token this time.
  await expect(form.getByLabel('Phone number ID (dari Meta)')).toHaveValue('109000000000003')
  await form.getByLabel('Token akses').fill('demo-access-token-baru')
  await form.getByRole('button', { name: 'Simpan nomor' }).click()
  await expect(
    page.getByText('Nomor WhatsApp tersimpan dan sedang menunggu persetujuan admin platform.'),
  ).toBeVisible()
  const number = page.getByRole('region', { name: '+62 811-5300-0003' })
  await expect(number).toContainText('Menunggu persetujuan admin platform')
  await expect(number.getByRole('button', { name: 'Kirim pesan uji' })).toBeDisabled()
  // The seeded number stays approved, its id fixed.
  const seeded = page.getByRole('region', { name: '+62 811-5100-0001' })
  await expect(seeded).not.toContainText('Menunggu persetujuan')
  await expect(seeded.getByLabel('Phone number ID (dari Meta)')).toHaveAttribute('readonly', '')

  // The platform admin approves it, on a 360 px phone.
  const context = await browser.newContext({ locale: 'id-ID', viewport: { width: 360, height: 780 } })
  const platform = await context.newPage()
  await signIn(platform, 'admin@tanggap.demo')
  await platform.waitForURL(/\/(t\/|$)/)
  await platform.goto('/platform')
  const pending = platform.getByRole('region', { name: 'Nomor WhatsApp yang menunggu persetujuan' })
  await expect(pending).toContainText('+62 811-5300-0003')
  await expect(pending).toContainText('Satpol PP Kabupaten Balangan')
  expect(await platform.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  await screenshot(platform, 'platform-pending-number-phone')
  await pending
    .getByRole('button', { name: 'Setujui nomor +62 811-5300-0003 untuk Satpol PP Kabupaten Balangan' })
    .click()
  await expect(platform.getByText('Nomor WhatsApp disetujui.')).toBeVisible()
  await expect(pending).toHaveCount(0)
  await context.close()

  await page.reload()
  await expect(number).not.toContainText('Menunggu persetujuan')
  await expect(number.getByRole('button', { name: 'Kirim pesan uji' })).toBeEnabled()
  await screenshot(page, 'admin-whatsapp-approved')
})
