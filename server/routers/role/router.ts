import { router } from '#server/trpc/trpc.ts'
import { createRoleProcedure } from './create-role.ts'
import { findRolesProcedure } from './find-roles.ts'
import { getRoleProcedure } from './get-role.ts'
import { updateRoleProcedure } from './update-role.ts'

export const roleRouter = router({
  find: findRolesProcedure,
  get: getRoleProcedure,
  create: createRoleProcedure,
  update: updateRoleProcedure,
})
