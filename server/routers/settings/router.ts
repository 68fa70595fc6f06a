import { router } from '#server/trpc/trpc.ts'
import { getCalendarProcedure } from './get-calendar.ts'
import { addHolidayProcedure, loadNationalHolidaysProcedure, removeHolidayProcedure } from './holidays.ts'
import { getLetterheadProcedure, updateLetterheadProcedure } from './letterhead.ts'
import {
  addReportRecipientProcedure,
  getReportRecipientsProcedure,
  removeReportRecipientProcedure,
} from './report-recipients.ts'
import { updateCalendarProcedure } from './update-calendar.ts'

export const settingsRouter = router({
  getCalendar: getCalendarProcedure,
  updateCalendar: updateCalendarProcedure,
  addHoliday: addHolidayProcedure,
  removeHoliday: removeHolidayProcedure,
  loadNationalHolidays: loadNationalHolidaysProcedure,
  getLetterhead: getLetterheadProcedure,
  updateLetterhead: updateLetterheadProcedure,
  getReportRecipients: getReportRecipientsProcedure,
  addReportRecipient: addReportRecipientProcedure,
  removeReportRecipient: removeReportRecipientProcedure,
})
