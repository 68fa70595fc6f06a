import { expect, PHOTO, screenshot, test } from './fixtures.ts'

const COMPLAINT = 'Ada pedagang kaki lima berjualan di trotoar depan Pasar Paringin'
const TICKET = /LALISA-\d{4}-\d{6}/

test('must show: a citizen reports on WhatsApp with a photo and a location, the operator sees the thread and answers', async ({
  browser,
  signedInAs,
}) => {
  test.setTimeout(120_000)
  const phoneContext = await browser.newContext({
    viewport: { width: 412, height: 915 },
    locale: 'id-ID',
    timezoneId: 'Asia/Makassar',
  })
  const phone = await phoneContext.newPage()
  await phone.goto('/dev/whatsapp')
  await expect(phone.getByRole('heading', { level: 1, name: 'LA-LISA' })).toBeVisible()
  await expect(phone.locator('.devwa-top')).toContainText('+62 811-5100-0001 · Satpol PP Kabupaten Balangan')
  const chat = phone.locator('.devwa-chat')

  // The complaint: the bot answers with a ticket number (the page reloads itself every 2 s).
  await phone.getByLabel('Pesan', { exact: true }).fill(COMPLAINT)
  await phone.getByRole('button', { name: 'Kirim', exact: true }).click()
  await expect(chat.locator('.devwa-citizen').getByText(COMPLAINT)).toBeVisible()
  const ack = chat.locator('.devwa-agency').filter({ hasText: TICKET }).first()
  await expect(ack).toBeVisible({ timeout: 15_000 })
  const ticket = TICKET.exec((await ack.textContent()) ?? '')![0]

  // The bot asks where, with the tenant's kecamatan as a list: tap one.
  const kecamatan = chat.locator('.devwa-option:not([disabled])').first()
  await expect(kecamatan).toBeVisible({ timeout: 15_000 })
  const chosen = (await kecamatan.textContent())!.trim()
  await kecamatan.click()
  await expect(chat.getByText(`Lokasi tercatat: Kecamatan ${chosen}`)).toBeVisible({ timeout: 30_000 })

  // A photo, then the exact spot.
  await phone.locator('summary', { hasText: 'Foto' }).click()
  await phone.getByLabel('Foto (JPEG atau PNG, paling besar 5 MB)').setInputFiles({
    name: 'lapak.png',
    mimeType: 'image/png',
    buffer: PHOTO,
  })
  await phone.getByLabel('Keterangan foto (boleh kosong)').fill('Lapak menutup trotoar')
  await phone.getByRole('button', { name: 'Kirim foto' }).click()
  await expect(chat.locator('.devwa-citizen').getByText('Lapak menutup trotoar')).toBeVisible()
  await phone.locator('summary', { hasText: 'Lokasi' }).click()
  await expect(phone.getByLabel('Lintang (latitude)')).toHaveValue('-2.3337')
  await expect(phone.getByLabel('Bujur (longitude)')).toHaveValue('115.4636')
  await phone.getByLabel('Nama tempat (boleh kosong)').fill('Pasar Paringin')
  await phone.getByLabel('Alamat (boleh kosong)').fill('Jl. Ahmad Yani, Paringin')
  await phone.getByRole('button', { name: 'Kirim lokasi' }).click()
  await expect(chat.locator('.devwa-citizen').getByText(/Jl\. Ahmad Yani, Paringin/)).toBeVisible()

  // The operator opens the complaint: the description, the thread with the ack and its ticks, the photo.
  const page = await signedInAs('operator@balangan.demo')
  await page.goto(`/t/balangan/complaints/${ticket}`)
  await expect(page.getByRole('heading', { level: 1, name: ticket })).toBeVisible()
  await expect(page.locator('section[aria-labelledby="what-heading"]')).toContainText(COMPLAINT)
  const thread = page.locator('#thread')
  await expect(thread.getByRole('heading', { name: 'Percakapan WhatsApp' })).toBeVisible()
  await expect(thread.locator('.wa-inbound').filter({ hasText: COMPLAINT })).toContainText('Pelapor')
  const ackBubble = thread.locator('.wa-outbound').filter({ hasText: ticket }).first()
  await expect(ackBubble).toContainText('LA-LISA (otomatis)')
  // The simulator reports sent, delivered and read shortly after the send.
  await expect(async () => {
    await page.reload()
    await expect(thread.locator('.wa-outbound').filter({ hasText: ticket }).first()).toContainText('dibaca', {
      timeout: 1_000,
    })
  }).toPass({ timeout: 20_000 })
  // Each webhook (messages and the simulator's sent/delivered/read) is one job: the photo and the
  // location may still wait behind the statuses of the bot's replies.
  await expect(async () => {
    await page.reload()
    await expect(thread.locator('.wa-inbound').filter({ hasText: 'Lokasi' }).first()).toContainText(
      'Jl. Ahmad Yani, Paringin',
      { timeout: 1_000 },
    )
  }).toPass({ timeout: 30_000 })
  // The media job downloads the photo from the Graph API and checks it; then it shows as a thumbnail.
  const thumbnail = thread.locator('.attachment-thumb img[alt="Lapak menutup trotoar"]')
  await expect(async () => {
    await page.reload()
    await expect(thumbnail).toBeVisible({ timeout: 1_000 })
  }).toPass({ timeout: 20_000 })
  // The thumbnail loads lazily: bring it into view as a person scrolling down would.
  await thumbnail.scrollIntoViewIfNeeded()
  await expect
    .poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBe(64)
  await expect(page.locator('.facts')).toContainText('Jl. Ahmad Yani, Paringin')
  await screenshot(page, 'complaint-whatsapp-thread')
  await page.setViewportSize({ width: 360, height: 780 })
  await screenshot(page, 'complaint-whatsapp-thread-phone')
  await page.setViewportSize({ width: 1280, height: 720 })

  // The full-size photo is served to this tenant only.
  const photoUrl = await thread.locator('a.attachment-thumb').first().getAttribute('href')
  const full = await page.request.get(photoUrl!)
  expect([full.status(), full.headers()['content-type']]).toEqual([200, 'image/png'])
  expect(Buffer.from(await full.body()).equals(PHOTO)).toBe(true)
  expect((await page.request.get(photoUrl!.replace('/t/balangan/', '/t/tangerang/'))).status()).toBe(404)

  // The operator answers inside the 24-hour window.
  await page.getByLabel('Pesan untuk pelapor').fill('Terima kasih, petugas TRC segera menuju Pasar Paringin.')
  await page.getByRole('button', { name: 'Kirim', exact: true }).click()
  await expect(page.getByText('Balasan masuk antrean dan segera dikirim ke pelapor.')).toBeVisible()
  await expect(thread.locator('.wa-outbound').last()).toContainText(
    'Terima kasih, petugas TRC segera menuju Pasar Paringin.',
  )
  await expect(thread.locator('.wa-outbound').last()).toContainText('Petugas · Rina Operator')
  await expect(thread.locator('.wa-outbound').last().locator('.wa-status')).toHaveText(
    /menunggu|terkirim|diterima|dibaca/,
  )

  // The citizen asks for the status and gets the current step, and the operator's answer.
  await phone.getByLabel('Pesan', { exact: true }).fill(`status ${ticket}`)
  await phone.getByRole('button', { name: 'Kirim', exact: true }).click()
  await expect(chat.getByText(/Menerima WhatsApp aduan dari pelapor/)).toBeVisible({ timeout: 30_000 })
  await expect(chat.getByText('Terima kasih, petugas TRC segera menuju Pasar Paringin.')).toBeVisible({
    timeout: 30_000,
  })
  await screenshot(phone, 'dev-whatsapp')
  await phoneContext.close()
})

test('the simulator works without JavaScript: choose the agency, send, reload for the answer', async ({
  browser,
}) => {
  test.setTimeout(60_000)
  const context = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 360, height: 780 },
    locale: 'id-ID',
  })
  const phone = await context.newPage()
  await phone.goto('/dev/whatsapp')
  await phone.locator('summary', { hasText: 'Warga dan instansi tujuan' }).click()
  await phone.getByLabel('Instansi tujuan').selectOption('109000000000002')
  await phone.getByLabel('Nomor WhatsApp Anda').fill('6281299990002')
  await phone.getByLabel('Nama profil WhatsApp').fill('Warga Cipondoh')
  await phone.getByRole('button', { name: 'Simpan' }).click()
  await expect(phone.getByRole('heading', { level: 1, name: 'LAKSA' })).toBeVisible()
  await expect(phone.getByText('+6281299990002 · Warga Cipondoh')).toBeVisible()
  await phone
    .getByLabel('Pesan', { exact: true })
    .fill('Sampah menumpuk di saluran air Jl. Gatot Subroto, Cibodas')
  await phone.getByRole('button', { name: 'Kirim', exact: true }).click()
  await expect(phone.getByText('Sampah menumpuk di saluran air Jl. Gatot Subroto, Cibodas')).toBeVisible()
  await expect(async () => {
    await phone.getByRole('button', { name: 'Muat ulang' }).click()
    await expect(
      phone
        .locator('.devwa-agency')
        .getByText(/LAKSA-\d{4}-\d{6}/)
        .first(),
    ).toBeVisible({
      timeout: 1_000,
    })
  }).toPass({ timeout: 20_000 })
  await context.close()
})

test('a place name sent from WhatsApp is shown as text on the map, never run as markup', async ({
  browser,
  signedInAs,
}) => {
  const phone = await (await browser.newContext({ viewport: { width: 412, height: 915 } })).newPage()
  await phone.goto('/dev/whatsapp')
  const chat = phone.locator('.devwa-chat')
  await phone
    .getByLabel('Pesan', { exact: true })
    .fill('Ada tumpukan sampah liar di pinggir jalan dekat jembatan.')
  await phone.getByRole('button', { name: 'Kirim', exact: true }).click()
  const ack = chat.locator('.devwa-agency').filter({ hasText: TICKET }).first()
  await expect(ack).toBeVisible({ timeout: 15_000 })
  const ticket = TICKET.exec((await ack.textContent()) ?? '')![0]
  const markup = '<img src=x onerror="window.__xss=1">Jembatan'
  await phone.locator('summary', { hasText: 'Lokasi' }).click()
  await phone.getByLabel('Nama tempat (boleh kosong)').fill(markup)
  await phone.getByRole('button', { name: 'Kirim lokasi' }).click()

  const page = await signedInAs('operator@balangan.demo')
  const map = page.getByRole('region', { name: `Peta lokasi aduan ${ticket}` })
  await expect(async () => {
    await page.goto(`/t/balangan/complaints/${ticket}`)
    await expect(map).toBeVisible({ timeout: 1_000 })
  }).toPass({ timeout: 30_000 })
  const marker = map.locator('path.leaflet-interactive')
  await expect(marker).toBeAttached({ timeout: 10_000 })
  await marker.dispatchEvent('mouseover')
  await expect(page.locator('.leaflet-tooltip')).toContainText(markup)
  expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined()
  await phone.context().close()
})
