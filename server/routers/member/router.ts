import { router } from '#server/trpc/trpc.ts'

export const memberRouter = router({})
