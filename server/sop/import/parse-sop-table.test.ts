import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseSopTable, parseSopTables, splitInputs } from '#server/sop/import/parse-sop-table.ts'
import type { SopDraft, SopDraftLimit } from '#server/sop/import/parse-sop-table.ts'

// Copies of the table parts of the seed documents (../shared/seeds), tabs and all: CI cannot
// rely on the seeds being beside the clone.
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')

const minutes = (target: number, max = target): SopDraftLimit => ({ target, max, unit: 'minutes' })
const hours = (target: number, max = target): SopDraftLimit => ({ target, max, unit: 'hours' })
const days = (target: number): SopDraftLimit => ({ target, max: target, unit: 'days' })
const workingDays = (target: number): SopDraftLimit => ({ target, max: target, unit: 'working_days' })

const column = <K extends 'no' | 'limit' | 'output' | 'actors' | 'inputs' | 'activity'>(
  draft: SopDraft,
  key: K,
) => draft.steps.map((step) => step[key])

describe('the seeded SOPs', () => {
  it('recovers LA-LISA (001): 8 steps with their time limits, outputs and actors', () => {
    const draft = parseSopTable(fixture('lalisa-001.txt'))
    expect(column(draft, 'no')).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    expect(column(draft, 'limit')).toEqual([
      minutes(5),
      minutes(5),
      minutes(15),
      minutes(10),
      hours(3, 5),
      hours(1),
      minutes(10),
      minutes(5),
    ])
    expect(column(draft, 'output')).toEqual([
      'Pengaduan Diterima',
      'Pengaduan ditindaklanjuti',
      'Mengirimkan konsep laporan aduan',
      'Laporan diterima Kabid',
      'Laporan aduan sudah ditindaklanjuti',
      'Laporan aduan sudah ditindaklanjuti',
      'Hasil tindak lanjut aduan',
      'Laporan diterima Pelapor',
    ])
    expect(draft.actorColumns).toEqual(['OPERATOR LA-LISA', 'KASI/KASUBAG', 'KABID', 'TRC', 'KEPALA DINAS'])
    expect(column(draft, 'actors')).toEqual([
      ['OPERATOR LA-LISA'],
      ['OPERATOR LA-LISA'],
      ['KASI/KASUBAG'], // step 2 passes the complaint "ke Kasi/Kasubag"
      ['KASI/KASUBAG'],
      ['KABID'], // step 4 passes it "kepada Kabid"; sending the TRC is the Kabid's act
      ['TRC'],
      ['KEPALA DINAS'],
      ['KEPALA DINAS'],
    ])
    expect(draft.proposedRoles).toEqual({
      'OPERATOR LA-LISA': 'operator',
      'KASI/KASUBAG': 'supervisor',
      KABID: 'head_of_division',
      TRC: 'trc',
      'KEPALA DINAS': 'head',
    })
    expect(draft.steps[0]).toEqual({
      no: 1,
      activity: 'Menerima Whatsapp Aduan dari pelapor',
      actors: ['OPERATOR LA-LISA'],
      inputs: ['Verifikasi Laporan', 'Menerima Data Pelapor'],
      limit: minutes(5),
      output: 'Pengaduan Diterima',
    })
    expect(draft.steps[4]?.inputs).toEqual(['Mobil', 'Sepeda Motor', 'Pentungan', 'Tameng'])
    expect(draft.warnings).toEqual([])
  })

  it('recovers both Satpol PP tables of 003, indirect and walk-in, with their headings', () => {
    const [indirect, walkIn, ...rest] = parseSopTables(fixture('satpolpp-003.txt'))
    expect(rest).toEqual([])
    if (!indirect || !walkIn) throw new Error('expected two tables')

    expect(indirect.title).toBe('PROSEDUR PELAYANAN PENGADUAN SECARA TIDAK LANGSUNG')
    expect(column(indirect, 'limit')).toEqual([
      minutes(120),
      workingDays(10),
      days(5),
      days(3),
      days(5),
      days(6),
      days(1),
    ])
    expect(column(indirect, 'output')).toEqual([
      'Berkas Pengaduan',
      'Hasil Analisis',
      'Pendampingan',
      'Hasil Rekomendasi',
      'Pendampingan',
      'Surat Tindak Lanjut',
      'Informasi Layanan',
    ])
    expect(column(indirect, 'actors')).toEqual([
      ['STAF ADMINISTRASI'],
      ['PETUGAS LAYANAN / ADMIN'],
      ['BIDANG OPS/ BIDANG PENEGAK'],
      ['SEKRETARIS'],
      ['KASAT POL PP'],
      ['PETUGAS LAYANAN / ADMIN'],
      ['PELAPOR'],
    ])
    // A comma list, but the hyphen of "perundang-undangan" is no separator.
    expect(indirect.steps[1]?.inputs).toEqual([
      'Berkas Pengaduan',
      'Peraturan perundangundangan',
      'Data Pendukung',
    ])

    expect(walkIn.title).toBe('PROSEDUR PELAYANAN PENGADUAN SECARA LANGSUNG')
    // Step 3 has an empty NO cell: it is numbered by its position.
    expect(column(walkIn, 'no')).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(column(walkIn, 'limit')).toEqual([5, 5, 30, 5, 15, 180, 5].map((m) => minutes(m)))
    expect(column(walkIn, 'output')).toEqual([
      'Data pelapor',
      'Berkas Pengaduan',
      'Analisis pengaduan',
      'Berkas analisis',
      'Data Pendukung',
      'Hasil identifik asi, analisis, klarifikasi',
      'Form Penerimaan Layanan',
    ])
    expect(column(walkIn, 'actors')).toEqual([
      ['Pelapor'],
      ['Petugas Piket'],
      ['Staf Administrasi'],
      ['Bidang Ops / Bidang Penegakan Perda'],
      ['Staf Administrasi'],
      ['Petugas Layanan'],
      ['Pelapor'],
    ])
    expect(walkIn.steps[5]?.inputs).toEqual(['Peraturan perundang-undangan', 'Data pendukung'])
    expect(walkIn.warnings).toEqual(['line 22: a step without a number, numbered 3 by its position'])

    // "BIAYA : ..." and "PRODUK LAYANAN : ..." after the tables are not steps.
    expect(column(indirect, 'activity').some((a) => /BIAYA|PRODUK/.test(a))).toBe(false)
    expect(parseSopTable(fixture('satpolpp-003.txt'))).toEqual(indirect)
  })

  it('recovers LAKSA (004), where KELENGKAPAN comes before MUTU BAKU and step 1 has no time', () => {
    const draft = parseSopTable(fixture('laksa-004.txt'))
    expect(draft.title).toBe('Pengolahan Pengaduan Masyarakat melalui Layanan NON Gawatdarurat, LAKSA')
    expect(column(draft, 'limit')).toEqual([null, minutes(5), minutes(5), minutes(5), minutes(5), minutes(5)])
    expect(column(draft, 'output')).toEqual([
      null,
      null,
      'Pengaduan masyarakat yang didisposisi',
      null,
      'Status pengaduan menjadi selesai',
      'Rekapitulasi pengaduan yang telah selesai',
    ])
    expect(draft.actorColumns).toEqual(['Masyarakat', 'Operator TLR'])
    expect(draft.proposedRoles).toEqual({ Masyarakat: 'reporter', 'Operator TLR': 'operator' })
    // No step names its subject; "dari masyarakat" is who the complaint comes from.
    expect(column(draft, 'actors')).toEqual(Array(6).fill(['Operator TLR']))
    expect(draft.steps[0]?.inputs).toEqual([
      'Aplikasi LAKSA Pemerintah Kota Tangerang',
      'Internet',
      'Laptop/Komputer',
    ])
    // The "Total Waktu ... 25 menit" row is not a step.
    expect(draft.steps).toHaveLength(6)
    expect(draft.warnings).toEqual([])
  })
})

describe('parseSopTable on other layouts', () => {
  it('reads a markdown table and skips its separator row', () => {
    const draft = parseSopTable(
      [
        '| NO | URAIAN KEGIATAN | PELAKSANA | PERSYARATAN/KELENGKAPAN | WAKTU | OUTPUT |',
        '|:--:|---|---|---|---|---|',
        '| 1. | Menerima aduan | Operator | KTP | 10 menit | Aduan tercatat |',
        '| 2. | Menindaklanjuti aduan | Kabid, TRC | Disposisi | 1-2 jam | - |',
      ].join('\n'),
    )
    expect(draft.steps).toEqual([
      {
        no: 1,
        activity: 'Menerima aduan',
        actors: ['Operator'],
        inputs: ['KTP'],
        limit: minutes(10),
        output: 'Aduan tercatat',
      },
      {
        no: 2,
        activity: 'Menindaklanjuti aduan',
        actors: ['Kabid', 'TRC'],
        inputs: ['Disposisi'],
        limit: hours(1, 2),
        output: null,
      },
    ])
  })

  it('keeps one table when a page break repeats the header', () => {
    const header = 'NO\tKEGIATAN\tPETUGAS\tKELENGKAPAN\tWAKTU\tOUTPUT'
    const drafts = parseSopTables(
      [header, '1\tMenerima\t\tForm\t5 menit\tA', '', header, '2\tMencatat\t\tBuku\t10 menit\tB'].join('\n'),
    )
    expect(drafts).toHaveLength(1)
    expect(drafts[0]?.steps.map((s) => s.no)).toEqual([1, 2])
    // The same header with the numbering starting again is the next table.
    const two = parseSopTables(
      [header, '1\tMenerima\t\tForm\t5 menit\tA', '', header, '1\tMencatat\t\tBuku\t10 menit\tB'].join('\n'),
    )
    expect(two.map((d) => d.steps.length)).toEqual([1, 1])
  })

  it('reads the unit of bare numbers from the WAKTU header, and warns about a cell it cannot read', () => {
    const draft = parseSopTable(
      [
        'NO\tKEGIATAN\tKELENGKAPAN\tWAKTU (MENIT)\tOUTPUT',
        '1\tMenerima\t-\t15\tA',
        '2\tMenilai\t-\tsegera\tB',
      ].join('\n'),
    )
    expect(column(draft, 'limit')).toEqual([minutes(15), null])
    expect(column(draft, 'inputs')).toEqual([[], []])
    expect(draft.warnings).toEqual(['step 2: could not read a duration from "segera"'])
  })

  it('says so when the text has no SOP table', () => {
    expect(parseSopTable('Dasar hukum: Peraturan Daerah Nomor 1 Tahun 2020')).toEqual({
      actorColumns: [],
      proposedRoles: {},
      steps: [],
      warnings: ['no SOP table found: expected a header row with NO and KEGIATAN (or URAIAN) columns'],
    })
    expect(parseSopTables('')).toEqual([])
  })
})

describe('splitInputs', () => {
  it.each([
    ['1. Verifikasi Laporan 2. Menerima Data Pelapor', ['Verifikasi Laporan', 'Menerima Data Pelapor']],
    ['Mobil+Sepeda Motor+Pentungan+Tameng', ['Mobil', 'Sepeda Motor', 'Pentungan', 'Tameng']],
    ['Berkas Pengaduan, Peraturan perundang-undangan', ['Berkas Pengaduan', 'Peraturan perundang-undangan']],
    ['a. KTP; b. KK.', ['KTP', 'KK']],
    ['Laptop/Komputer', ['Laptop/Komputer']],
    ['-', []],
    ['', []],
  ])('%j', (text, items) => {
    expect(splitInputs(text)).toEqual(items)
  })
})
