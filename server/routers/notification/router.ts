import { router } from '#server/trpc/trpc.ts'
import { findNotificationsProcedure } from './find-notifications.ts'
import { getUnreadCountProcedure } from './get-unread-count.ts'
import { markAllNotificationsReadProcedure } from './mark-all-notifications-read.ts'
import { markNotificationReadProcedure } from './mark-notification-read.ts'

/** The bell: every member reads and clears only their own notifications. */
export const notificationRouter = router({
  getUnreadCount: getUnreadCountProcedure,
  find: findNotificationsProcedure,
  markRead: markNotificationReadProcedure,
  markAllRead: markAllNotificationsReadProcedure,
})
