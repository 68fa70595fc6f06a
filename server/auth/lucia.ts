import { DrizzlePostgreSQLAdapter } from '@lucia-auth/adapter-drizzle'
import { Lucia, TimeSpan } from 'lucia'
import { db } from '#db/client.ts'
import { sessions, users } from '#db/schema/index.ts'
import { isProduction } from '#server/env.ts'

function createLucia() {
  return new Lucia(new DrizzlePostgreSQLAdapter(db(), sessions, users), {
    sessionExpiresIn: new TimeSpan(30, 'd'),
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
