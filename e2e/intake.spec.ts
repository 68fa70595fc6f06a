import { as, expect, screenshot, test } from './fixtures.ts'

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n')

test('a letter is recorded with its scan; a wrong file is refused and what was typed stays', async ({
  browser,
}) => {
  const staf = await as(browser, 'staf@balangan.demo')
  await staf.goto('/t/balangan/complaints/new')
  await staf.getByLabel('Aduan masuk lewat').selectOption('letter')
  // Only the field of the chosen channel shows.
  await expect(staf.getByLabel('Tautan unggahan atau pesan')).toBeHidden()
  const description = 'Surat warga Desa Batu Piring: tempat hiburan malam bising sampai pukul 02.00.'
  await staf.getByLabel('Isi aduan').fill(description)
  await staf.getByLabel('Pindaian surat (Berkas Pengaduan)').setInputFiles({
    name: 'surat.exe',
    mimeType: 'application/pdf',
    buffer: Buffer.from('MZ this is not a letter'),
  })
  await staf.getByRole('button', { name: 'Simpan aduan' }).click()
  await expect(
    staf.getByText('Berkas "surat.exe" bukan PDF atau foto (JPG/PNG). Pilih berkas lain.'),
  ).toBeVisible()
  await expect(staf.getByLabel('Isi aduan')).toHaveValue(description)

  await staf.getByLabel('Pindaian surat (Berkas Pengaduan)').setInputFiles({
    name: 'surat-warga.pdf',
    mimeType: 'application/pdf',
    buffer: PDF,
  })
  await screenshot(staf, 'intake-letter')
  await staf.getByRole('button', { name: 'Simpan aduan' }).click()
  await expect(staf.getByText(/Aduan tercatat dengan nomor/)).toBeVisible()
  await expect(staf.getByText('Pelayanan Pengaduan Secara Tidak Langsung')).toBeVisible()
  await expect(staf.getByRole('link', { name: 'Unduh pindaian surat' })).toBeVisible()
  await staf.context().close()
})

test('a social-media complaint keeps the link to the post', async ({ browser }) => {
  const operator = await as(browser, 'operator@balangan.demo')
  await operator.goto('/t/balangan/complaints/new')
  await operator.getByLabel('Aduan masuk lewat').selectOption('social')
  await expect(operator.getByLabel('Pindaian surat (Berkas Pengaduan)')).toBeHidden()
  await operator
    .getByLabel('Isi aduan')
    .fill('Unggahan warga: balap liar di jalan lingkar tiap malam minggu.')
  await operator.getByLabel('Tautan unggahan atau pesan').fill('instagram.com/p/abc')
  await operator.getByRole('button', { name: 'Simpan aduan' }).click()
  await expect(
    operator.getByText('Tautan belum benar. Salin alamat lengkapnya, diawali https://'),
  ).toBeVisible()
  await operator.getByLabel('Tautan unggahan atau pesan').fill('https://www.instagram.com/p/C0ffee123/')
  await operator.getByRole('button', { name: 'Simpan aduan' }).click()
  await expect(operator.getByText(/Aduan tercatat dengan nomor/)).toBeVisible()
  await expect(operator.getByRole('link', { name: 'https://www.instagram.com/p/C0ffee123/' })).toBeVisible()
  await operator.context().close()
})
