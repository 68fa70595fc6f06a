import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { db } from '#db/client.ts'
import { users } from '#db/schema/index.ts'
import { authedProcedure } from '#server/trpc/trpc.ts'

export const ZUpdateLanguageInput = z.object({ language: z.enum(['id', 'en']) })

export const updateLanguageProcedure = authedProcedure
  .input(ZUpdateLanguageInput)
  .mutation(async ({ ctx, input }) => {
    await db().update(users).set({ language: input.language }).where(eq(users.id, ctx.user.id))
    return { language: input.language }
  })
