import { router } from '#server/trpc/trpc.ts'
import { deactivateMemberProcedure } from './deactivate-member.ts'
import { findMembersProcedure } from './find-members.ts'
import { getMemberOptionsProcedure } from './get-member-options.ts'
import { getMemberProcedure } from './get-member.ts'
import {
  acceptInvitationProcedure,
  findInvitationsProcedure,
  getInvitationProcedure,
  revokeInvitationProcedure,
} from './invitations.ts'
import { inviteMemberProcedure } from './invite-member.ts'
import { reactivateMemberProcedure } from './reactivate-member.ts'
import { updateMemberProcedure } from './update-member.ts'

export const memberRouter = router({
  find: findMembersProcedure,
  get: getMemberProcedure,
  getOptions: getMemberOptionsProcedure,
  invite: inviteMemberProcedure,
  findInvitations: findInvitationsProcedure,
  revokeInvitation: revokeInvitationProcedure,
  getInvitation: getInvitationProcedure,
  acceptInvitation: acceptInvitationProcedure,
  update: updateMemberProcedure,
  deactivate: deactivateMemberProcedure,
  reactivate: reactivateMemberProcedure,
})
