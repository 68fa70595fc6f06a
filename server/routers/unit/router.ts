import { router } from '#server/trpc/trpc.ts'

export const unitRouter = router({})
