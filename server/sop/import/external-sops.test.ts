import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseSopTable, parseSopTables } from '#server/sop/import/parse-sop-table.ts'
import type { SopDraftLimit } from '#server/sop/import/parse-sop-table.ts'

/**
 * SOP tables of other agencies, which the importer has never been tuned on: other column names,
 * other actors, other ways of writing durations, pipes instead of tabs. Each fixture says where
 * its text comes from and what of it we wrote ourselves.
 */
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')

const minutes = (target: number, max = target): SopDraftLimit => ({ target, max, unit: 'minutes' })
const hours = (target: number): SopDraftLimit => ({ target, max: target, unit: 'hours' })
const workingDays = (target: number, max = target): SopDraftLimit => ({ target, max, unit: 'working_days' })

describe('Kecamatan Baiturrahman, Banda Aceh: KTP and KK services', () => {
  // Source: https://baiturrahmankec.bandaacehkota.go.id/sop (the page's tables as text, copied
  // unchanged). No PELAKSANA and no OUTPUT column; DURASI WAKTU and KET instead; the required
  // documents continue on rows of their own (a rowspan in the page), which lose their cells.
  const [ktp, kk, ...rest] = parseSopTables(fixture('baiturrahman-kecamatan.txt'))

  it('finds both tables under their headings', () => {
    expect(rest).toEqual([])
    expect([ktp?.title, kk?.title]).toEqual(['KARTU TANDA PENDUDUK', 'KARTU KELUARGA'])
  })

  it('reads steps, limits and outputs, with the WAKTU cell found where the row lost a cell', () => {
    expect(ktp?.steps.map((s) => s.no)).toEqual([1, 2, 3, 4, 5])
    expect(ktp?.steps.map((s) => s.limit)).toEqual([5, 10, 15, 5, 10].map((m) => minutes(m)))
    expect(kk?.steps.map((s) => s.limit)).toEqual([5, 20, 15, 5, 10].map((m) => minutes(m)))
    expect(ktp?.steps.map((s) => s.output)).toEqual([null, null, null, null, null])
    expect(ktp?.steps.map((s) => s.actors)).toEqual([[], [], [], [], []])
    expect(ktp?.steps[2]?.inputs).toEqual([])
  })

  it('adds the continuation rows to the first step kelengkapan', () => {
    expect(ktp?.steps[0]?.inputs).toEqual([
      'Fotocopy Kartu Keluarga',
      'Form KTP dari Gampong',
      'Fotocopy KTP',
      'Surat Keterangan Belum Pernah Membuat KTP',
      'Surat Kehilangan dari Kepolisian',
    ])
    expect(kk?.steps[0]?.inputs).toEqual([
      'Fotocopy Kartu Keluarga',
      'F1.01',
      'F1.15',
      'F1.02',
      'F1.05',
      'F1.06',
      'F1.16',
      'Fotocopy KTP',
      'Surat kehilangan dari Kepolisian',
      'Photocopy Ijazah/Akta Kelahiran',
    ])
    expect([...(ktp?.warnings ?? []), ...(kk?.warnings ?? [])]).toEqual([])
  })
})

describe('Dinas Kesehatan / Bappeda Kabupaten Sidoarjo: SOP Penerimaan Aduan', () => {
  // Sources: the header (six actor columns, Kelengkapan / Durasi / Output, Ket) and step 1 from
  // https://id.scribd.com/document/717850850/16-SOP-Penerimaan-Aduan; steps 2-8 from the
  // procedure of https://bappeda.sidoarjokab.go.id/template-1/005/1665544385 (10 working days
  // in all). The public text of the SOP stops after step 1, so the kelengkapan, durations and
  // outputs of steps 2-8 are ours, written the way other agencies write them.
  const draft = parseSopTable(fixture('sidoarjo-penerimaan-aduan.txt'))

  it('reads steps, limits and outputs', () => {
    expect(draft.title).toBe('STANDAR OPERASIONAL PROSEDUR (SOP) PENERIMAAN ADUAN')
    expect(draft.steps).toHaveLength(8)
    expect(draft.steps.map((s) => s.limit)).toEqual([
      minutes(10),
      minutes(15),
      minutes(30),
      workingDays(1),
      workingDays(5),
      workingDays(1, 2),
      hours(24),
      minutes(15),
    ])
    expect(draft.steps.map((s) => s.output)).toEqual([
      'Aduan terdaftar/ Mulai aduan diterima',
      'Aduan terverifikasi',
      'Laporan aduan',
      'Aduan terdisposisi',
      'Konsep tanggapan aduan',
      'Tanggapan aduan',
      'Aduan terjawab',
      'Arsip tanggapan aduan',
    ])
    expect(draft.warnings).toEqual([])
  })

  it('maps "petugas layanan", "Pimpinan" and a bare "Petugas" to the columns that mean them', () => {
    expect(draft.proposedRoles).toEqual({
      'Petugas Resepsionis': 'operator',
      'Staf Umpeg': 'admin_staff',
      'Kasubbag Umpeg': 'supervisor',
      Sekretaris: 'secretary',
      'Kepala Bappeda': 'head',
      'Bidang Terkait': 'head_of_division',
    })
    expect(draft.steps.map((s) => s.actors.join(', '))).toEqual([
      'Petugas Resepsionis',
      'Petugas Resepsionis',
      'Petugas Resepsionis',
      'Kepala Bappeda',
      'Bidang Terkait',
      'Kepala Bappeda',
      'Petugas Resepsionis',
      'Petugas Resepsionis',
    ])
  })
})

describe('Dinas KUKMPTK Kabupaten Belitung: Permohonan Penempatan Los/Plank', () => {
  // Source: the ten steps of
  // https://sippn.menpan.go.id/pelayanan-publik/8036606/pemerintah-kab-belitung/permohonan-penempatan-losplank
  // (activities and requirements as published, "1 Hari" in all), laid out by us as a markdown
  // table with one header line, URAIAN PROSEDUR, PERSYARATAN/KELENGKAPAN, WAKTU (MENIT) with bare
  // numbers, and KET.; the per-step minutes and outputs are ours.
  const draft = parseSopTable(fixture('belitung-los-plank.txt'))

  it('reads steps, limits in the header unit, and outputs', () => {
    expect(draft.title).toBe('Permohonan Penempatan Los/Plank')
    expect(draft.steps.map((s) => s.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(draft.steps.map((s) => s.limit)).toEqual(
      [10, 15, 30, 30, 10, 15, 15, 15, 10, 10].map((m) => minutes(m)),
    )
    expect(draft.steps.map((s) => s.output)).toEqual([
      'Berkas permohonan',
      'Berkas terverifikasi',
      'Draft izin',
      'Draft izin terverifikasi',
      'Surat izin diparaf Kasi',
      'Surat izin diparaf Kepala Bidang',
      'Surat izin diparaf Sekretaris',
      'Surat izin ditandatangani',
      'Izin teregistrasi',
      'Surat Izin Pengguna Los/Plank',
    ])
    expect(draft.steps[0]?.inputs).toEqual(['Fotocopi KTP Pemohon', 'Permohonan untuk menempati Los/Plank'])
    expect(draft.warnings).toEqual([])
  })

  it('reads the actors from a one-line header', () => {
    expect(draft.actorColumns).toEqual([
      'PEMOHON',
      'PETUGAS',
      'KASI',
      'KEPALA BIDANG',
      'SEKRETARIS',
      'KEPALA DINAS',
    ])
    // Step 5 has no subject: "yang sudah diparaf Kasi" names who acts. Step 10 is left out: it
    // starts "Setelah ditandatangani oleh Kepala Dinas" and is read as the Kepala Dinas's, while
    // the Kasi hands the letter over (a known limit of reading actors from text).
    expect(draft.steps.slice(0, 9).map((s) => s.actors.join(', '))).toEqual([
      'PEMOHON',
      'PETUGAS',
      'PETUGAS',
      'KASI',
      'KASI',
      'KEPALA BIDANG',
      'SEKRETARIS',
      'KEPALA DINAS',
      'KASI',
    ])
  })
})

describe('Kecamatan Greged, Kabupaten Cirebon: SOP SIGAP (public complaints)', () => {
  // Source: "Prosedur Pengelolaan Fitur Pengaduan Publik (SIGAP)" of
  // https://gregedkec.cirebonkab.go.id/berita/sop-sigap, published as prose with "1x24 jam hari
  // kerja" and "1x24 jam" limits. Laid out by us as a Word table converted to text (two-line
  // header, MUTU BAKU with PERSYARATAN / KELENGKAPAN, KET.); the other durations and the outputs
  // are ours, and step 7 ends where the public text is cut off.
  const draft = parseSopTable(fixture('greged-sigap.txt'))

  it('reads steps, limits and outputs', () => {
    expect(draft.steps).toHaveLength(7)
    expect(draft.steps.map((s) => s.limit)).toEqual([
      null,
      null,
      workingDays(1),
      minutes(30, 60),
      hours(2),
      hours(24),
      workingDays(3),
    ])
    expect(draft.steps.map((s) => s.output)).toEqual([
      'Pengaduan terdaftar',
      'Nomor registrasi, notifikasi',
      'Pengaduan terverifikasi',
      'Data pengaduan lengkap',
      'Usulan disposisi',
      'Disposisi',
      'Respons awal',
    ])
    expect(draft.steps[2]?.inputs).toEqual(['Data pengaduan', 'Nomor registrasi'])
    expect(draft.warnings).toEqual([])
  })

  it('proposes the camat for a "Camat / Sekcam" column and follows a bare "petugas"', () => {
    expect(draft.proposedRoles['Camat / Sekcam']).toBe('head')
    expect(draft.steps.slice(0, 6).map((s) => s.actors.join(', '))).toEqual([
      'Sistem SIGAP',
      'Sistem SIGAP',
      'Petugas Administrasi Pengaduan',
      'Petugas Administrasi Pengaduan',
      'Petugas Administrasi Pengaduan',
      'Camat / Sekcam',
    ])
  })
})

describe('Disdukcapil Kabupaten Landak: online and offline complaints', () => {
  // Source: "SOP Permohonan Informasi dan Pengaduan" of https://disdukcapil.landakkab.go.id/pengaduan/
  // (two procedures published as lists). Laid out by us as two markdown tables with a single
  // PELAKSANA column naming the actors in each row; durations and outputs are ours.
  const [online, offline, ...rest] = parseSopTables(fixture('landak-disdukcapil.txt'))

  it('finds both tables under their headings', () => {
    expect(rest).toEqual([])
    expect([online?.title, offline?.title]).toEqual([
      'PENGADUAN MELALUI MEDIA ONLINE',
      'PENGADUAN MELALUI MEDIA OFFLINE',
    ])
  })

  it('reads steps, limits and outputs', () => {
    expect(online?.steps.map((s) => s.limit)).toEqual([
      null,
      minutes(15),
      hours(24),
      hours(48),
      minutes(30),
      null,
    ])
    expect(online?.steps.map((s) => s.output)).toEqual([
      'Pertanyaan atau aduan masuk',
      'Aduan tercatat',
      'Jawaban bidang pelayanan',
      'Jawaban helpdesk',
      'Jawaban terkirim',
      null,
    ])
    expect(offline?.steps.map((s) => s.limit)).toEqual([
      minutes(5),
      minutes(10),
      workingDays(1),
      workingDays(3),
      minutes(30, 60),
      minutes(15),
    ])
    expect(offline?.steps.map((s) => s.output)).toEqual([
      'Pelapor diterima',
      'Jenis pengaduan',
      'Hasil koordinasi',
      'Hasil koordinasi',
      'Solusi dan informasi',
      'Informasi diterima',
    ])
    expect([...(online?.warnings ?? []), ...(offline?.warnings ?? [])]).toEqual([])
  })

  it('takes the actors from the PELAKSANA cells', () => {
    expect(online?.actorColumns).toEqual([])
    expect(online?.steps.map((s) => s.actors)).toEqual([
      ['Pelapor'],
      ['Admin LAPOR/Medsos'],
      ['Admin LAPOR/Medsos', 'Kepala Bidang Pelayanan'],
      ['Admin LAPOR/Medsos', 'Helpdesk'],
      ['Admin LAPOR/Medsos'],
      ['Pemohon'],
    ])
  })
})
