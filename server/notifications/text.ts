import type { TFunction } from 'i18next'

/** What the bell can say; every writer of `notifications` uses one of these (the column is typed). */
export const NOTIFICATION_KINDS = [
  'step_overdue',
  'step_waiting',
  'complaint_assigned',
  'trc_dispatched',
  'trc_cancelled',
  'channel_unhealthy',
] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

const isKind = (kind: string): kind is NotificationKind =>
  (NOTIFICATION_KINDS as readonly string[]).includes(kind)

/**
 * The sentence a person reads for a notification, in their language: `notifications.kind.<kind>`
 * filled with the row's parameters. The ticket comes from the complaint when there is one (it is
 * the same, but older rows may lack it); a step name in English when the row carries one.
 */
export function notificationText({
  t,
  language,
  kind,
  params,
  ticket,
}: {
  t: TFunction
  language: string
  kind: string
  params: Record<string, string | number>
  ticket: string | null
}): string {
  if (!isKind(kind)) return t('notifications.kind.other')
  const step = language === 'en' && params.stepEn ? params.stepEn : params.step
  return t(`notifications.kind.${kind}`, { ...params, step, ticket: ticket ?? params.ticket ?? '' })
}
