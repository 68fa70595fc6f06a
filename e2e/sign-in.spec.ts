import { expect, screenshot, signIn, test } from './fixtures.ts'

test.describe('sign-in and the tenant console', () => {
  test('the Balangan operator signs in and sees the LA-LISA console in Indonesian', async ({
    page,
    signedInAs,
  }) => {
    await signedInAs('operator@balangan.demo')
    await expect(page).toHaveURL(/\/t\/balangan$/)
    await expect(page.locator('html')).toHaveAttribute('lang', 'id')
    await expect(page.getByRole('heading', { level: 1, name: 'Satpol PP Kabupaten Balangan' })).toBeVisible()
    await expect(page.getByText('Selamat datang, Rina Operator')).toBeVisible()
    await expect(page.locator('.page-header').getByText(/WITA/)).toBeVisible()
    await expect(page.getByRole('heading', { name: 'Masuk hari ini per saluran' })).toBeVisible()
    await screenshot(page, 'dashboard-balangan-desktop')
  })

  test('the Tangerang operator signs in to LAKSA, in WIB', async ({ page, signedInAs }) => {
    await signedInAs('operator@tangerang.demo')
    await expect(page).toHaveURL(/\/t\/tangerang$/)
    await expect(
      page.getByRole('heading', { level: 1, name: 'Diskominfo Kota Tangerang (UPT Ruang Kendali)' }),
    ).toBeVisible()
    await expect(page.locator('.page-header').getByText(/WIB/)).toBeVisible()
    // Kota Tangerang's kecamatan, not Balangan's.
    await expect(page.getByRole('list', { name: 'Aduan per kecamatan' })).toContainText('Larangan')
  })

  test('a Balangan user gets 404 on /t/tangerang', async ({ page, signedInAs }) => {
    await signedInAs('kabid@balangan.demo')
    const response = await page.goto('/t/tangerang')
    expect(response?.status()).toBe(404)
    await expect(page.getByRole('heading', { name: 'Halaman tidak ditemukan' })).toBeVisible()
    await expect(page.getByText('Diskominfo Kota Tangerang')).toHaveCount(0)
    // And the own tenant still opens.
    expect((await page.goto('/t/balangan'))?.status()).toBe(200)
  })

  test('a wrong password gets a clear Indonesian message and keeps the email', async ({ page }) => {
    await signIn(page, 'operator@balangan.demo', 'salah-sandi')
    await expect(page.getByRole('alert')).toHaveText(
      'Email atau kata sandi salah. Periksa kembali, lalu coba lagi.',
    )
    await expect(page.getByLabel('Email')).toHaveValue('operator@balangan.demo')
    await screenshot(page, 'login-error')
  })

  test('the language switch turns the console into English and back', async ({ page, signedInAs }) => {
    await signedInAs('admin@balangan.demo')
    await page.getByRole('button', { name: 'EN' }).click()
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')
    await expect(page.getByText('Welcome, Admin LA-LISA')).toBeVisible()
    await page.goto('/t/balangan/inbox')
    await expect(page).toHaveTitle('Inbox · Tanggap')
    await page.getByRole('button', { name: 'ID' }).click()
    await expect(page).toHaveTitle('Kotak masuk · Tanggap')
    await page.goto('/t/balangan')
    await expect(page.getByText('Selamat datang, Admin LA-LISA')).toBeVisible()
  })

  test('a user of two tenants switches between them', async ({ page, signedInAs }) => {
    await signedInAs('admin@tanggap.demo')
    await page.goto('/t/tangerang')
    await page.getByText('Ganti instansi').click()
    await page
      .locator('.menu-panel')
      .getByRole('link', { name: /LA-LISA/ })
      .click()
    await expect(page).toHaveURL(/\/t\/balangan$/)
    await expect(page.getByRole('heading', { level: 1, name: 'Satpol PP Kabupaten Balangan' })).toBeVisible()
  })

  test('the console works on a 360 px phone', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'id-ID' })
    const page = await context.newPage()
    await signIn(page, 'kasi@balangan.demo')
    await page.waitForURL(/\/t\/balangan$/)
    await screenshot(page, 'dashboard-balangan-phone')
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth)
    expect(scrollWidth).toBeLessThanOrEqual(360)
    await page.getByText('Menu').click()
    await expect(page.getByRole('navigation').getByRole('link', { name: 'Beranda' }).first()).toBeVisible()
    await page.goto('/login')
    await context.close()
  })

  test('signing out ends the session', async ({ page, signedInAs }) => {
    await signedInAs('trc@balangan.demo')
    await page.locator('.user-menu summary').click()
    await page.getByRole('button', { name: 'Keluar', exact: true }).click()
    await expect(page).toHaveURL(/\/login$/)
    await page.goto('/t/balangan')
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Ft%2Fbalangan/)
  })

  test('signing out on every device ends the sessions of the other browsers too', async ({ browser }) => {
    const office = await browser.newContext({ locale: 'id-ID' })
    const phone = await browser.newContext({ locale: 'id-ID', viewport: { width: 360, height: 740 } })
    const onDesk = await office.newPage()
    const onPhone = await phone.newPage()
    for (const page of [onDesk, onPhone]) {
      await signIn(page, 'kasi@balangan.demo')
      await page.waitForURL(/\/t\/balangan$/)
    }
    await onPhone.locator('.user-menu summary').click()
    await onPhone.getByRole('button', { name: 'Keluar dari semua perangkat' }).click()
    await expect(onPhone).toHaveURL(/\/login$/)
    await onDesk.goto('/t/balangan/inbox')
    await expect(onDesk).toHaveURL(/\/login\?redirectTo=/)
    await office.close()
    await phone.close()
  })

  test('after sign-in a redirect never leaves the site, however it is written', async ({ page }) => {
    for (const target of [
      '/\t/evil.example',
      '/.//evil.example',
      '/\n/evil.example',
      '/\u3000/evil.example',
    ]) {
      await page.goto(`/login?redirectTo=${encodeURIComponent(target)}`)
      await page.getByLabel('Email').fill('operator@balangan.demo')
      await page.getByLabel('Kata sandi').fill('tanggap-demo')
      await page.getByRole('button', { name: 'Masuk' }).click()
      await page.waitForLoadState('load')
      expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host)
      await expect(page.getByText('Terjadi kesalahan')).toHaveCount(0)
      await page.context().clearCookies()
    }
  })
})
