import fs from 'node:fs'
import type { Page } from '@playwright/test'
import { PDFParse } from 'pdf-parse'
import { as, doStep, expect, screenshot, test } from './fixtures.ts'

/** Clicks "print the form" and returns, as text, the PDF that opened in a new tab for printing. */
async function printReceipt(page: Page, saveAs: string) {
  // The tab shows the PDF in Chromium's viewer; the bytes are taken on their way to it.
  const received = new Promise<{ status: number; type: string; body: Buffer }>((resolve) => {
    void page.context().route('**/receipt', async (route) => {
      const response = await route.fetch()
      const body = await response.body()
      resolve({ status: response.status(), type: response.headers()['content-type'] ?? '', body })
      await route.fulfill({ response, body })
    })
  })
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    page.getByRole('button', { name: 'Cetak Form Penerimaan Layanan' }).click(),
  ])
  const { status, type, body } = await received
  await page.context().unroute('**/receipt')
  await popup.close()
  expect(status).toBe(200)
  expect(type).toBe('application/pdf')
  fs.writeFileSync(saveAs, body)
  const parser = new PDFParse({ data: new Uint8Array(body) })
  try {
    return (await parser.getText()).text
  } finally {
    await parser.destroy()
  }
}

test('a walk-in complaint goes through every step of the walk-in SOP by the right people, with its receipt', async ({
  browser,
}, testInfo) => {
  // Five people sign in and each does a step: a long flow, given the time of one.
  test.setTimeout(120_000)
  const piket = await as(browser, 'piket@balangan.demo')
  await piket.goto('/t/balangan/complaints/new')
  await expect(piket.getByLabel('Aduan masuk lewat')).toHaveValue('walk_in')
  await piket
    .getByLabel('Isi aduan')
    .fill('Tetangga membakar sampah setiap malam, asapnya masuk ke rumah dan anak saya sesak napas.')
  await piket.getByLabel('Lokasi kejadian').fill('Jl. Jend. A. Yani RT 03, Paringin Kota')
  await piket.getByLabel('Nama', { exact: true }).fill('Rahmah Wati')
  await piket.getByLabel('Nomor telepon / WhatsApp').fill('0813-4900-1122')
  await piket.getByRole('button', { name: 'Simpan aduan' }).click()
  await expect(piket.getByText(/Aduan tercatat dengan nomor/)).toBeVisible()
  const url = piket.url().replace(/\?.*$/, '')
  const ticket = url.split('/').at(-1)!

  // The duty officer prints the "Form Penerimaan Layanan" for the reporter.
  const receipt = await printReceipt(piket, testInfo.outputPath('receipt-intake.pdf'))
  expect(receipt).toContain('FORM PENERIMAAN LAYANAN')
  expect(receipt).toContain(ticket)
  expect(receipt).toContain('Rahmah Wati')
  expect(receipt).toContain('Tetangga membakar sampah setiap malam')
  expect(receipt).toMatch(/[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}/)
  await screenshot(piket, 'walk-in-created')

  // Steps 1 and 2 are the duty officer's; the administration staff cannot act on them.
  const staf = await as(browser, 'staf@balangan.demo')
  await staf.goto(url)
  await expect(staf.getByText('Langkah saat ini dikerjakan oleh peran lain.', { exact: false })).toBeVisible()
  await expect(staf.getByRole('button', { name: 'Simpan langkah' })).toHaveCount(0)
  await doStep(piket, url, 'Pelapor melapor kedatangan ke petugas piket')
  await doStep(piket, url, 'Petugas piket menghubungi staf administrasi pengaduan')

  // Step 3 by the administration staff, who asks the operations division (the branch through step 4).
  await doStep(
    staf,
    url,
    'Staf administrasi menerima, mencatat, mengidentifikasi dan menganalisis masalah',
    'Perlu koordinasi dengan Bidang Ops/Penegakan Perda',
  )
  const kabid = await as(browser, 'kabid@balangan.demo')
  await doStep(kabid, url, 'Bidang Ops/Penegakan Perda melapor tentang keamanan dan ketenangan pelapor')
  await doStep(staf, url, 'Staf administrasi menyampaikan hasil ke petugas layanan')

  // Steps 6 and 7 by the service officer (the operator role), who hands over the form at the end.
  const layanan = await as(browser, 'operator@balangan.demo')
  await doStep(layanan, url, 'Petugas layanan melakukan klarifikasi, identifikasi dan analisis')
  await doStep(layanan, url, 'Pelapor menerima layanan informasi, konsultasi dan layanan awal')
  await layanan.goto(url)
  await expect(layanan.locator('.badge').first()).toHaveText('Selesai')
  const final = await printReceipt(layanan, testInfo.outputPath('receipt-final.pdf'))
  expect(final).not.toContain('Sedang berjalan')
  expect((final.match(/Selesai \d/g) ?? []).length).toBe(7)
  await expect(layanan.getByText('Form Penerimaan Layanan dicetak').first()).toBeVisible()
  await screenshot(layanan, 'walk-in-resolved')
  for (const page of [piket, staf, kabid, layanan]) await page.context().close()
})
