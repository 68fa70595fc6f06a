import { PERMISSIONS, type Permission } from '#server/auth/permissions.ts'

/** How the role form groups permissions; a permission added later and not placed here shows under "other". */
const GROUPS: { key: string; permissions: readonly Permission[] }[] = [
  {
    key: 'complaints',
    permissions: [
      'dashboard.view',
      'complaint.view',
      'complaint.create',
      'complaint.transition',
      'complaint.assign',
      'complaint.note',
      'complaint.reply',
      'reporter.view_pii',
    ],
  },
  { key: 'field', permissions: ['dispatch.perform', 'disposition.answer'] },
  { key: 'reports', permissions: ['report.view', 'report.generate', 'digest.receive'] },
  {
    key: 'settings',
    permissions: [
      'sop.edit',
      'user.manage',
      'unit.manage',
      'category.manage',
      'channel.manage',
      'tenant.settings',
    ],
  },
]

export function permissionGroups(): { key: string; permissions: readonly Permission[] }[] {
  const placed = new Set(GROUPS.flatMap((g) => g.permissions))
  const other = PERMISSIONS.filter((p) => !placed.has(p))
  return other.length > 0 ? [...GROUPS, { key: 'other', permissions: other }] : GROUPS
}
