import { z } from 'zod'
import { ZCreateRoleInput } from './create-role.types.ts'

export const ZUpdateRoleInput = ZCreateRoleInput.extend({ roleId: z.string().uuid() })
export type UpdateRoleInput = z.input<typeof ZUpdateRoleInput>
