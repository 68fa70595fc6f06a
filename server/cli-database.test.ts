import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { eq } from 'drizzle-orm'
import { describe, expect, inject, it } from 'vitest'
import { db } from '#db/client.ts'
import { sops, tenants, users } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { testOwnerUrl } from '#db/test/setup.ts'

const root = fileURLToPath(new URL('..', import.meta.url))
const { appPassword } = inject('testDatabase')

/** The CLI against this test file's database, as an operator would run it with DATABASE_URL. */
const cli = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: testOwnerUrl,
      APP_DB_PASSWORD: appPassword,
      ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      NODE_ENV: 'test',
    },
  })

describe('cli against the database', () => {
  it('creates a tenant from a preset and a user in it, and refuses a taken slug with a translated message', () => {
    const created = cli([
      'tenant:create',
      '--slug',
      'satpolpp-tabalong',
      '--name',
      'Satpol PP Kabupaten Tabalong',
      '--service',
      'SIGAP',
      '--region',
      'Kabupaten Tabalong',
      '--timezone',
      'Asia/Makassar',
      '--prefix',
      'SIGAP',
      '--preset',
      'satpol-pp-kabupaten',
      '--admin-email',
      'admin@tabalong.go.id',
      '--admin-name',
      'Admin Tabalong',
      '--admin-password',
      'sandi-awal-123',
    ])
    expect(created.stderr).toBe('')
    expect(created.status).toBe(0)
    expect(JSON.parse(created.stdout)).toMatchObject({ slug: 'satpolpp-tabalong' })

    const again = cli([
      'tenant:create',
      '--slug',
      'satpolpp-tabalong',
      '--name',
      'X Y Z',
      '--service',
      'AB',
      '--region',
      'Kab X',
      '--timezone',
      'Asia/Makassar',
      '--prefix',
      'AB',
      '--preset',
      'city-control-room',
      '--admin-email',
      'a@b.id',
      '--admin-name',
      'A B',
      '--admin-password',
      'sandi-awal-123',
    ])
    expect(again.status).toBe(1)
    expect(again.stderr).toContain('Alamat singkat "satpolpp-tabalong" sudah dipakai')

    const user = cli([
      'user:create',
      '--email',
      'Kasi@Tabalong.go.id',
      '--name',
      'Kasi Tabalong',
      '--password',
      'sandi-kasi-123',
      '--tenant',
      'satpolpp-tabalong',
      '--roles',
      'supervisor',
    ])
    expect(user.stderr).toBe('')
    expect(JSON.parse(user.stdout)).toMatchObject({
      email: 'kasi@tabalong.go.id',
      created: true,
      tenant: 'satpolpp-tabalong',
      roles: ['supervisor'],
    })

    expect(cli(['user:create', '--email', 'x@y.id']).status).toBe(2)
  })

  it('left what it made in the database: the tenant, its published SOPs and the user', async () => {
    const [tenant] = await db().select().from(tenants).where(eq(tenants.slug, 'satpolpp-tabalong'))
    expect(tenant?.timezone).toBe('Asia/Makassar')
    const list = await withTenant(tenant!.id, (tx) => tx.select().from(sops))
    expect(list.filter((s) => s.publishedVersionId)).toHaveLength(3)
    expect(await db().select().from(users).where(eq(users.email, 'kasi@tabalong.go.id'))).toHaveLength(1)
  })
})
