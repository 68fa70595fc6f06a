import { DrizzlePostgreSQLAdapter } from '@lucia-auth/adapter-drizzle'
import { Lucia, TimeSpan } from 'lucia'
import { db } from '#db/client.ts'
import { sessions, users } from '#db/schema/index.ts'
import { isProduction } from '#server/env.ts'

function createLucia() {
  return new Lucia(new DrizzlePostgreSQLAdapter(db(), sessions, users), {
    // An idle timeout: lucia extends a session used in the second half of its life, so one left
    // alone for 6 to 12 hours (overnight, say) ends, while a working day never signs anyone out.
    sessionExpiresIn: new TimeSpan(12, 'h'),
    sessionCookie: {
      name: 'tanggap_session',
      attributes: { secure: isProduction, sameSite: 'lax' },
    },
    getUserAttributes: (attributes) => ({
      email: attributes.email,
      name: attributes.name,
      language: attributes.language,
      isPlatformAdmin: attributes.isPlatformAdmin,
    }),
  })
}

let instance: ReturnType<typeof createLucia> | undefined
export function lucia() {
  instance ??= createLucia()
  return instance
}

declare module 'lucia' {
  interface Register {
    Lucia: ReturnType<typeof createLucia>
    UserId: string
    DatabaseUserAttributes: { email: string; name: string; language: string | null; isPlatformAdmin: boolean }
  }
}
