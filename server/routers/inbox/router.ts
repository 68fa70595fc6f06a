import { router } from '#server/trpc/trpc.ts'
import { findInboxProcedure } from './find-inbox.ts'
import { getInboxFiltersProcedure } from './get-inbox-filters.ts'

export const inboxRouter = router({ find: findInboxProcedure, getFilters: getInboxFiltersProcedure })
