import { e2eDatabase } from './database.ts'
import { expect, screenshot, signIn, test } from './fixtures.ts'

/** The path of the invitation link in the last mail to `to` (mail is a row first; the demo keeps it in the outbox). */
async function invitationPath(to: string) {
  const sql = await e2eDatabase()
  try {
    const rows =
      await sql`select text from email_messages where "to" = ${to} order by created_at desc limit 1`
    const path = /\/invitation\/[A-Za-z0-9_-]+/.exec(String(rows[0]?.text ?? ''))?.[0]
    if (!path) throw new Error(`no invitation mail to ${to}`)
    return path
  } finally {
    await sql.end()
  }
}

test('the Balangan admin invites a duty officer, who accepts on a phone, sets a password and signs in', async ({
  page,
  signedInAs,
  browser,
}) => {
  await signedInAs('admin@balangan.demo')
  await page.goto('/t/balangan/admin/users')
  await expect(page.getByRole('heading', { level: 1, name: 'Pengguna dan peran' })).toBeVisible()
  await expect(page.getByRole('link', { name: /Budi Petugas Piket/ })).toBeVisible()

  await page.getByRole('link', { name: 'Undang pengguna' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Undang pengguna' })).toBeVisible()
  // Only the address and the work: no name or password is asked of the admin.
  await expect(page.getByLabel('Kata sandi awal')).toHaveCount(0)
  await page.getByLabel('Email', { exact: true }).fill('piket2@balangan.demo')
  await page.getByLabel('Unit kerja').selectOption({ label: 'Sekretariat' })
  await page.getByLabel('Jabatan').fill('Petugas piket malam')
  await page.getByRole('button', { name: 'Kirim undangan' }).click()
  // No role: named under the roles; what was typed stays.
  await expect(page.getByText('Pilih paling sedikit satu peran.')).toBeVisible()
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue('piket2@balangan.demo')
  await page.getByLabel('Petugas Piket', { exact: true }).check()
  await page.getByRole('button', { name: 'Kirim undangan' }).click()
  const sent = page.getByRole('status').filter({ hasText: 'Undangan sudah dikirim' })
  await expect(sent).toHaveText(
    'Undangan sudah dikirim ke piket2@balangan.demo. Orang itu baru bergabung setelah membuka tautan di email dan menerimanya (berlaku 7 hari).',
  )
  const pending = page.getByRole('region', { name: 'Undangan yang belum diterima' })
  await expect(pending).toContainText('piket2@balangan.demo')
  await expect(pending).toContainText('Petugas Piket')
  // Not a member until they accept.
  await expect(page.getByRole('link', { name: /piket2@balangan\.demo/ })).toHaveCount(0)

  // Someone with an account in another agency: the same answer, their name nowhere.
  await page.getByRole('link', { name: 'Undang pengguna' }).click()
  await page.getByLabel('Email', { exact: true }).fill('operator@tangerang.demo')
  await page.getByLabel('Operator LA-LISA / Petugas Layanan').check()
  await page.getByRole('button', { name: 'Kirim undangan' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Undangan sudah dikirim' })).toHaveText(
    'Undangan sudah dikirim ke operator@tangerang.demo. Orang itu baru bergabung setelah membuka tautan di email dan menerimanya (berlaku 7 hari).',
  )
  await expect(page.getByRole('main')).not.toContainText('Tono Operator TLR')
  await page.getByRole('button', { name: 'Tarik undangan untuk operator@tangerang.demo' }).click()
  await expect(page.getByText('Undangan untuk operator@tangerang.demo sudah ditarik')).toBeVisible()
  await expect(pending).not.toContainText('operator@tangerang.demo')
  await screenshot(page, 'admin-users-list')

  // The invitee opens the link from the e-mail on a 360 px phone.
  const context = await browser.newContext({ locale: 'id-ID', viewport: { width: 360, height: 780 } })
  const piket = await context.newPage()
  await piket.goto(await invitationPath('piket2@balangan.demo'))
  await expect(piket.getByRole('heading', { level: 1, name: 'Undangan bergabung' })).toBeVisible()
  await expect(
    piket.getByText('Satpol PP Kabupaten Balangan (LA-LISA) mengundang piket2@balangan.demo'),
  ).toBeVisible()
  await piket.getByLabel('Nama lengkap').fill('Rudi Piket Kedua')
  await piket.getByLabel('Kata sandi', { exact: true }).fill('pendek')
  await piket.getByRole('button', { name: 'Terima undangan' }).click()
  await expect(piket.getByLabel('Kata sandi', { exact: true })).toHaveAttribute('aria-invalid', 'true')
  await expect(piket.getByText('Kata sandi paling sedikit 10 karakter.')).toBeVisible()
  await expect(piket.getByLabel('Nama lengkap')).toHaveValue('Rudi Piket Kedua')
  expect(await piket.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  await screenshot(piket, 'invitation-phone')
  await piket.getByLabel('Kata sandi', { exact: true }).fill('piket-kedua-2026')
  await piket.getByRole('button', { name: 'Terima undangan' }).click()
  await expect(piket.getByText('Undangan diterima. Silakan masuk untuk membuka LA-LISA.')).toBeVisible()
  await piket.getByRole('link', { name: 'Masuk' }).click()
  // Back at a desk: the console with its sidebar.
  await piket.setViewportSize({ width: 1280, height: 800 })
  await signIn(piket, 'piket2@balangan.demo', 'piket-kedua-2026')
  await piket.waitForURL(/\/t\/balangan$/)
  await expect(piket.getByRole('heading', { level: 1, name: 'Satpol PP Kabupaten Balangan' })).toBeVisible()
  await expect(piket.locator('.sidebar').getByRole('link', { name: 'Catat aduan' })).toBeVisible()
  await expect(piket.locator('.sidebar').getByRole('link', { name: 'Pengaturan' })).toHaveCount(0)

  // The admin opens the new member, moves them to TRC, then deactivates them: their next page is a 404.
  await page.goto('/t/balangan/admin/users')
  await expect(pending).toHaveCount(0)
  const card = page.getByRole('link', { name: /Rudi Piket Kedua/ })
  await expect(card).toContainText('piket2@balangan.demo')
  await expect(card).toContainText('Petugas Piket')
  await expect(card).toContainText('Sekretariat')
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

test('a user desk that manages users sees, but cannot change, the agency admin', async ({
  page,
  signedInAs,
  browser,
}) => {
  await signedInAs('admin@balangan.demo')
  await page.goto('/t/balangan/admin/roles/new')
  await page.getByLabel('Nama (Bahasa Indonesia)').fill('Meja Pengguna')
  await page.getByLabel('Melihat aduan', { exact: true }).check()
  await page.getByLabel('Mengatur pengguna dan peran').check()
  await page.getByRole('button', { name: 'Buat peran' }).click()
  await expect(page.getByText('Peran "Meja Pengguna" sudah dibuat.')).toBeVisible()
  await page.goto('/t/balangan/admin/users/new')
  await page.getByLabel('Email', { exact: true }).fill('meja@balangan.demo')
  await page.getByLabel('Meja Pengguna').check()
  await page.getByRole('button', { name: 'Kirim undangan' }).click()
  await expect(page.getByText('Undangan sudah dikirim ke meja@balangan.demo.')).toBeVisible()

  const context = await browser.newContext({ locale: 'id-ID' })
  const desk = await context.newPage()
  await desk.goto(await invitationPath('meja@balangan.demo'))
  await desk.getByLabel('Nama lengkap').fill('Meja Pengguna Balangan')
  await desk.getByLabel('Kata sandi', { exact: true }).fill('meja-pengguna-2026')
  await desk.getByRole('button', { name: 'Terima undangan' }).click()
  await expect(desk.getByText('Undangan diterima.')).toBeVisible()
  await signIn(desk, 'meja@balangan.demo', 'meja-pengguna-2026')
  await desk.waitForURL(/\/t\/balangan/)
  await desk.goto('/t/balangan/admin/users?q=admin%40balangan')
  await desk.getByRole('link', { name: /Admin LA-LISA/ }).click()
  await expect(desk.getByText('Orang ini memegang hak akses yang tidak Anda miliki.')).toBeVisible()
  await expect(desk.getByRole('button', { name: 'Nonaktifkan pengguna' })).toBeDisabled()
  await expect(desk.getByRole('button', { name: 'Simpan perubahan' })).toBeDisabled()
  await screenshot(desk, 'admin-users-beyond-reach')
  await context.close()
})
