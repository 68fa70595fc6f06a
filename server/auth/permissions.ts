/**
 * Typed permissions: the one list the server checks (`assertCan`) and the UI reads (`can`).
 * Pure: imported by routes for the UI as well as by the server.
 */
export const PERMISSIONS = [
  'dashboard.view',
  'complaint.view',
  'complaint.create',
  'complaint.transition',
  'complaint.assign',
  'complaint.note',
  'complaint.reply',
  'reporter.view_pii',
  'disposition.answer',
  'dispatch.perform',
  'report.view',
  'report.generate',
  /** The daily digest by email (docs/decisions/009-quiet-hours.md): the people who oversee the service. */
  'digest.receive',
  'sop.edit',
  'user.manage',
  'unit.manage',
  'category.manage',
  'channel.manage',
  'tenant.settings',
] as const

export type Permission = (typeof PERMISSIONS)[number]

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value)
}

export function can(permissions: readonly string[] | ReadonlySet<string>, permission: Permission): boolean {
  return 'has' in permissions ? permissions.has(permission) : permissions.includes(permission)
}
