import { expect, screenshot, signIn, test } from './fixtures.ts'

test('the Balangan admin adds a duty officer, who can then sign in to the console', async ({
  page,
  signedInAs,
  browser,
}) => {
  await signedInAs('admin@balangan.demo')
  await page.goto('/t/balangan/admin/users')
  await expect(page.getByRole('heading', { level: 1, name: 'Pengguna dan peran' })).toBeVisible()
  await expect(page.getByRole('link', { name: /Budi Petugas Piket/ })).toBeVisible()

  await page.getByRole('link', { name: 'Tambah pengguna' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Tambah pengguna' })).toBeVisible()
  await page.getByLabel('Email', { exact: true }).fill('piket2@balangan.demo')
  await page.getByLabel('Nama lengkap').fill('Rudi Piket Kedua')
  await page.getByLabel('Kata sandi awal').fill('pendek')
  await page.getByLabel('Petugas Piket', { exact: true }).check()
  await page.getByLabel('Unit kerja').selectOption({ label: 'Sekretariat' })
  await page.getByLabel('Jabatan').fill('Petugas piket malam')
  await page.getByRole('button', { name: 'Tambahkan' }).click()
  // A too-short first password is named under its field; what was typed stays.
  await expect(page.getByLabel('Kata sandi awal')).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByText('Isi kata sandi awal paling sedikit 10 karakter')).toBeVisible()
  await expect(page.getByLabel('Nama lengkap')).toHaveValue('Rudi Piket Kedua')
  await expect(page.getByLabel('Petugas Piket', { exact: true })).toBeChecked()

  await page.getByLabel('Kata sandi awal').fill('piket-kedua-2026')
  await page.getByRole('button', { name: 'Tambahkan' }).click()
  await expect(page.getByText('Rudi Piket Kedua sudah ditambahkan dan bisa masuk sekarang.')).toBeVisible()
  const card = page.getByRole('link', { name: /Rudi Piket Kedua/ })
  await expect(card).toContainText('piket2@balangan.demo')
  await expect(card).toContainText('Petugas Piket')
  await expect(card).toContainText('Sekretariat')
  await screenshot(page, 'admin-users-list')

  // The new member signs in with the initial password in their own browser and sees the console.
  const context = await browser.newContext({ locale: 'id-ID' })
  const piket = await context.newPage()
  await signIn(piket, 'piket2@balangan.demo', 'piket-kedua-2026')
  await piket.waitForURL(/\/t\/balangan$/)
  await expect(piket.getByRole('heading', { level: 1, name: 'Satpol PP Kabupaten Balangan' })).toBeVisible()
  await expect(piket.locator('.sidebar').getByRole('link', { name: 'Catat aduan' })).toBeVisible()
  await expect(piket.locator('.sidebar').getByRole('link', { name: 'Pengaturan' })).toHaveCount(0)

  // The admin opens the new member, moves them to TRC, then deactivates them: their next page is a 404.
  await card.click()
  await expect(page.getByRole('heading', { level: 1, name: 'Rudi Piket Kedua' })).toBeVisible()
  await page.getByLabel('Anggota TRC').check()
  await page.getByRole('button', { name: 'Simpan perubahan' }).click()
  await expect(page.getByText('Perubahan tersimpan.')).toBeVisible()
  await expect(page.getByLabel('Anggota TRC')).toBeChecked()
  await screenshot(page, 'admin-users-edit')
  await page.getByRole('button', { name: 'Nonaktifkan pengguna' }).click()
  await expect(page.getByText('Rudi Piket Kedua sudah dinonaktifkan')).toBeVisible()
  await piket.reload()
  await expect(piket.getByText('Halaman tidak ditemukan')).toBeVisible()
  await context.close()

  // The admin cannot take away their own admin role.
  await page.goto('/t/balangan/admin/users?q=admin%40balangan')
  await page.getByRole('link', { name: /Admin LA-LISA/ }).click()
  await expect(page.getByText('Ini akun Anda.')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Nonaktifkan pengguna' })).toHaveCount(0)
  await page.getByLabel('Admin Instansi').uncheck()
  await page.getByLabel('Petugas Piket', { exact: true }).check()
  await page.getByRole('button', { name: 'Simpan perubahan' }).click()
  await expect(page.getByRole('alert')).toContainText('Anda tidak bisa mencabut peran admin Anda sendiri')

  // On a 360 px phone the list fits the screen: no sideways scrolling.
  await page.setViewportSize({ width: 360, height: 780 })
  await page.goto('/t/balangan/admin/users')
  await expect(page.getByRole('link', { name: /Rudi Piket Kedua/ })).toContainText('Nonaktif')
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  await screenshot(page, 'admin-users-phone')
})

test('the admin makes a custom role; its permissions are labelled in plain words', async ({
  page,
  signedInAs,
}) => {
  await signedInAs('admin@balangan.demo')
  await page.goto('/t/balangan/admin/roles')
  await expect(page.getByRole('heading', { level: 1, name: 'Peran dan hak akses' })).toBeVisible()
  await page.getByRole('link', { name: 'Buat peran baru' }).click()
  await page.getByLabel('Nama (Bahasa Indonesia)').fill('Petugas Pos Jaga')
  await page.getByLabel('Melihat aduan', { exact: true }).check()
  await page.getByLabel('Mengerjakan langkah SOP aduan').check()
  await page.getByRole('button', { name: 'Buat peran' }).click()
  await expect(page.getByText('Peran "Petugas Pos Jaga" sudah dibuat.')).toBeVisible()
  const role = page.getByRole('link', { name: /Petugas Pos Jaga/ })
  await expect(role).toContainText('Mengerjakan langkah SOP aduan')
  await role.click()
  await expect(page.getByLabel('Mengerjakan langkah SOP aduan')).toBeChecked()
  await expect(page.getByLabel('Mengatur pengguna dan peran')).not.toBeChecked()
  await screenshot(page, 'admin-roles-edit')
})
