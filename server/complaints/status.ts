/** A complaint still being handled; a draft is one whose SOP has not started yet. */
export const ACTIVE_STATUSES = ['draft', 'open', 'in_progress'] as const

export function isActive(status: string): boolean {
  return (ACTIVE_STATUSES as readonly string[]).includes(status)
}
