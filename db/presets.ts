import type { Permission } from '#server/auth/permissions.ts'
import { PERMISSIONS } from '#server/auth/permissions.ts'

export type RolePreset = { key: string; nameId: string; nameEn: string; permissions: readonly Permission[] }

const handling: Permission[] = ['dashboard.view', 'complaint.view', 'complaint.transition', 'complaint.note']

/**
 * The role presets the seed documents name (docs/glossary.md). A tenant may rename them (the
 * Balangan operator is "Operator LA-LISA", the Tangerang one "Operator TLR") and make its own.
 */
export const ROLE_PRESETS = {
  admin: { key: 'admin', nameId: 'Admin Instansi', nameEn: 'Agency admin', permissions: PERMISSIONS },
  operator: {
    key: 'operator',
    nameId: 'Operator / Petugas Layanan',
    nameEn: 'Operator / service officer',
    permissions: [
      ...handling,
      'complaint.create',
      'complaint.assign',
      'complaint.reply',
      'reporter.view_pii',
      'report.view',
    ],
  },
  duty_officer: {
    key: 'duty_officer',
    nameId: 'Petugas Piket',
    nameEn: 'Duty officer',
    permissions: [...handling, 'complaint.create', 'reporter.view_pii'],
  },
  admin_staff: {
    key: 'admin_staff',
    nameId: 'Staf Administrasi',
    nameEn: 'Administration staff',
    permissions: [...handling, 'complaint.create', 'complaint.assign', 'reporter.view_pii'],
  },
  supervisor: {
    key: 'supervisor',
    nameId: 'Kasi / Kasubag',
    nameEn: 'Section head (Kasi / Kasubag)',
    permissions: [...handling, 'complaint.assign', 'reporter.view_pii', 'report.view', 'digest.receive'],
  },
  head_of_division: {
    key: 'head_of_division',
    nameId: 'Kepala Bidang (Ops / Penegakan Perda)',
    nameEn: 'Head of division (operations / bylaw enforcement)',
    permissions: [
      ...handling,
      'complaint.assign',
      'dispatch.perform',
      'reporter.view_pii',
      'report.view',
      'digest.receive',
    ],
  },
  trc: {
    key: 'trc',
    nameId: 'Anggota TRC',
    nameEn: 'Rapid reaction team (TRC) member',
    permissions: [
      'dashboard.view',
      'complaint.view',
      'complaint.transition',
      'complaint.note',
      'dispatch.perform',
    ],
  },
  secretary: {
    key: 'secretary',
    nameId: 'Sekretaris',
    nameEn: 'Secretary',
    permissions: [...handling, 'reporter.view_pii', 'report.view'],
  },
  head: {
    key: 'head',
    nameId: 'Kepala Dinas / Kasat Pol PP',
    nameEn: 'Head of agency',
    permissions: [
      ...handling,
      'complaint.assign',
      'reporter.view_pii',
      'report.view',
      'report.generate',
      'digest.receive',
    ],
  },
  opd_officer: {
    key: 'opd_officer',
    nameId: 'Petugas OPD',
    nameEn: 'OPD officer',
    permissions: ['dashboard.view', 'complaint.view', 'complaint.note', 'disposition.answer'],
  },
  regent: {
    key: 'regent',
    nameId: 'Bupati / Wali Kota',
    nameEn: 'Regent / mayor',
    permissions: ['dashboard.view', 'report.view'],
  },
} as const satisfies Record<string, RolePreset>

export type RolePresetKey = keyof typeof ROLE_PRESETS
