import { router } from '#server/trpc/trpc.ts'
import { listMembershipsProcedure } from './list-memberships.ts'
import { updateLanguageProcedure } from './update-language.ts'

export const meRouter = router({
  listMemberships: listMembershipsProcedure,
  updateLanguage: updateLanguageProcedure,
})
