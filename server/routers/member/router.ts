import { router } from '#server/trpc/trpc.ts'
import { createMemberProcedure } from './create-member.ts'
import { deactivateMemberProcedure } from './deactivate-member.ts'
import { findMembersProcedure } from './find-members.ts'
import { getMemberOptionsProcedure } from './get-member-options.ts'
import { getMemberProcedure } from './get-member.ts'
import { reactivateMemberProcedure } from './reactivate-member.ts'
import { updateMemberProcedure } from './update-member.ts'

export const memberRouter = router({
  find: findMembersProcedure,
  get: getMemberProcedure,
  getOptions: getMemberOptionsProcedure,
  create: createMemberProcedure,
  update: updateMemberProcedure,
  deactivate: deactivateMemberProcedure,
  reactivate: reactivateMemberProcedure,
})
