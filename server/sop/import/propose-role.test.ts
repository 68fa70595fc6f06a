import { describe, expect, it } from 'vitest'
import { ROLE_PRESETS } from '#db/presets.ts'
import { proposeActors, proposeRoleKey } from '#server/sop/import/propose-role.ts'
import type { RoleKey } from '#server/sop/import/propose-role.ts'

describe('proposeRoleKey', () => {
  const cases: ReadonlyArray<readonly [string, RoleKey | null]> = [
    // The actor columns of the seeded SOPs (001, 003, 004).
    ['OPERATOR LA-LISA', 'operator'],
    ['KASI/KASUBAG', 'supervisor'],
    ['KABID', 'head_of_division'],
    ['TRC', 'trc'],
    ['KEPALA DINAS', 'head'],
    ['PELAPOR', 'reporter'],
    ['STAF ADMINISTRASI', 'admin_staff'],
    ['PETUGAS LAYANAN / ADMIN', 'operator'],
    ['BIDANG OPS/ BIDANG PENEGAK', 'head_of_division'],
    ['SEKRETARIS', 'secretary'],
    ['KASAT POL PP', 'head'],
    ['Petugas Piket', 'duty_officer'],
    ['Bidang Ops / Bidang Penegakan Perda', 'head_of_division'],
    ['Petugas Layanan', 'operator'],
    ['Masyarakat', 'reporter'],
    ['Operator TLR', 'operator'],
    // Names other agencies use.
    ['OPD', 'opd_officer'],
    ['Dinas Terkait', 'opd_officer'],
    ['Bupati/Wali Kota', 'regent'],
    ['Walikota', 'regent'],
    ['Kepala Seksi', 'supervisor'],
    ['Kasubbag Umpeg', 'supervisor'],
    ['Staf Umpeg', 'admin_staff'],
    ['Petugas Resepsionis', 'operator'],
    ['Kepala Bappeda', 'head'],
    ['Kepala Bidang Pelayanan', 'head_of_division'],
    ['Camat / Sekcam', 'head'],
    ['Sekretaris Camat', 'secretary'],
    ['Pemohon', 'reporter'],
    ['Administrator Sistem', 'admin'],
    ['Sistem SIGAP', null],
    ['', null],
  ]

  it.each(cases)('%j -> %j', (name, role) => {
    expect(proposeRoleKey(name)).toBe(role)
  })

  it('only proposes keys of db/presets.ts, plus reporter', () => {
    const known = new Set<string>([...Object.keys(ROLE_PRESETS), 'reporter'])
    for (const [name] of cases) {
      const role = proposeRoleKey(name)
      if (role !== null) expect(known).toContain(role)
    }
  })
})

describe('proposeActors', () => {
  const actorsOf = (actorColumns: string[], ...activities: string[]) =>
    proposeActors({ actorColumns, steps: activities.map((activity) => ({ activity, actorText: null })) })
  const lalisa = ['OPERATOR LA-LISA', 'KASI/KASUBAG', 'KABID', 'TRC', 'KEPALA DINAS']

  it('takes the subject the sentence starts with over names mentioned later', () => {
    const columns = ['PELAPOR', 'PETUGAS LAYANAN / ADMIN', 'BIDANG OPS/ BIDANG PENEGAK']
    expect(
      actorsOf(
        columns,
        'Petugas layanan melakukan klarifikasi: a. Petugas Layanan melaporkan kasus pengaduannya kepada Bidang Ops/ Penegakan PERDA',
      ),
    ).toEqual([['PETUGAS LAYANAN / ADMIN']])
  })

  it('gives the first step to the first column that is not the reporter', () => {
    expect(actorsOf(['Pelapor', ...lalisa], 'Menerima Whatsapp Aduan dari pelapor')).toEqual([
      ['OPERATOR LA-LISA'],
    ])
  })

  it('follows a hand-over to the next step, and otherwise keeps the previous actor', () => {
    expect(
      actorsOf(
        lalisa,
        'Menerima aduan',
        'Memeriksa kesesuaian aduan : 1. Jika sesuai, dilanjutkan dengan laporan ke Kasi/Kasubag',
        'Memproses Aduan dengan verifikasi',
        'Memeriksa kejadian dan fakta dilapangan',
      ),
    ).toEqual([['OPERATOR LA-LISA'], ['OPERATOR LA-LISA'], ['KASI/KASUBAG'], ['KASI/KASUBAG']])
  })

  it('reads the agent of a passive verb, and every column of a joint subject', () => {
    const columns = ['Pemohon', 'Petugas', 'Kasi', 'Camat', 'Sekcam']
    expect(
      actorsOf(
        columns,
        'Dokumen izin yang sudah diparaf Kasi',
        'Camat/Sekcam menugaskan staf yang berwenang',
      ),
    ).toEqual([['Kasi'], ['Camat', 'Sekcam']])
  })

  it('uses other names of the same role ("Kepala Seksi" for the KASI column)', () => {
    expect(actorsOf(['PETUGAS', 'KASI', 'KEPALA DINAS'], 'Kepala Seksi meregistrasi izin')).toEqual([
      ['KASI'],
    ])
  })

  it('takes the actors from a single PELAKSANA column when the table has one', () => {
    expect(
      proposeActors({
        actorColumns: [],
        steps: [
          { activity: 'Menerima aduan', actorText: 'Admin LAPOR/Medsos, Helpdesk' },
          { activity: 'Menjawab aduan', actorText: '' },
        ],
      }),
    ).toEqual([['Admin LAPOR/Medsos', 'Helpdesk'], []])
  })
})
