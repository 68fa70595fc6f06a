import { readFile } from 'node:fs/promises'

/**
 * The command line for operators of the platform: `npm run cli -- <command> [args]` (the README
 * lists them). Data goes to stdout as JSON; a usage error is one line on stderr and exit code 2.
 */

type Io = { stdout: (text: string) => void; stderr: (text: string) => void; stdin: () => Promise<string> }

type Command = {
  usage: string
  summary: string
  /** Resolves to the exit code. */
  run: (args: string[], io: Io) => Promise<number>
}

class UsageError extends Error {}

// Each command imports what it needs when it runs: sop:import is pure text work and must not open
// the database or require its configuration, which commands such as migrate will load.
/** `--name value` pairs; a flag without a value is `true`. */
function flags(args: string[]): Record<string, string | true> {
  const out: Record<string, string | true> = {}
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? ''
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument: ${arg}`)
    const next = args[i + 1]
    if (next === undefined || next.startsWith('--')) out[arg.slice(2)] = true
    else {
      out[arg.slice(2)] = next
      i++
    }
  }
  return out
}

function required(values: Record<string, string | true>, name: string): string {
  const value = values[name]
  if (typeof value !== 'string' || value === '') throw new UsageError(`missing --${name}`)
  return value
}

/** Opens the database as the server does (DATABASE_URL, else the embedded one), runs `fn`, closes it. */
async function withDatabase<T>(fn: (demo: boolean) => Promise<T>): Promise<T> {
  const { startDatabase } = await import('#server/database.ts')
  const database = await startDatabase()
  try {
    return await fn(database.demo)
  } finally {
    await database.stop()
  }
}

async function describeError(error: unknown): Promise<string> {
  const { AppError } = await import('#server/errors.ts')
  if (error instanceof AppError) {
    const { translator } = await import('#server/i18n/translate.ts')
    const t = await translator('id')
    return `${t(error.messageKey, error.params)} (${error.messageKey})`
  }
  if (error && typeof error === 'object' && 'issues' in error)
    return `invalid input: ${JSON.stringify((error as { issues: unknown }).issues)}`
  return error instanceof Error ? error.message : String(error)
}

const commands: Record<string, Command> = {
  migrate: {
    usage: 'migrate',
    summary: 'apply the committed migrations to the database (DATABASE_URL, else the embedded one)',
    run: async (_args, io) => {
      await withDatabase(async () => undefined)
      io.stdout(`${JSON.stringify({ migrated: true })}\n`)
      return 0
    },
  },
  'seed:demo': {
    usage: 'seed:demo',
    summary: 'create the demo tenants, users and numbers the README lists, once',
    run: async (_args, io) => {
      const outcome = await withDatabase(async () => (await import('#db/seed/demo.ts')).seedDemo())
      io.stdout(`${JSON.stringify({ demo: outcome })}\n`)
      return 0
    },
  },
  'tenant:create': {
    usage:
      'tenant:create --slug S --name N --service LAYANAN --region R --timezone Asia/Makassar --prefix TIKET --preset satpol-pp-kabupaten|city-control-room --admin-email E --admin-name N [--admin-password P] [--region-code 63.11]',
    summary: 'create an agency from a preset (SOPs, roles, templates, holidays) with its first admin',
    run: async (args, io) => {
      const v = flags(args)
      const input = {
        slug: required(v, 'slug'),
        name: required(v, 'name'),
        serviceName: required(v, 'service'),
        regionName: required(v, 'region'),
        regionCode: typeof v['region-code'] === 'string' ? v['region-code'] : undefined,
        timezone: required(v, 'timezone') as 'Asia/Jakarta',
        ticketPrefix: required(v, 'prefix'),
        preset: required(v, 'preset') as 'satpol-pp-kabupaten',
        admin: {
          email: required(v, 'admin-email'),
          name: required(v, 'admin-name'),
          password: typeof v['admin-password'] === 'string' ? v['admin-password'] : undefined,
        },
      }
      try {
        const { tenant } = await withDatabase(async () =>
          (await import('#server/tenants/create-tenant.ts')).createTenantFromPreset(input),
        )
        io.stdout(`${JSON.stringify({ slug: tenant.slug, id: tenant.id })}\n`)
        return 0
      } catch (error) {
        io.stderr(`tenant:create: ${await describeError(error)}\n`)
        return 1
      }
    },
  },
  'user:create': {
    usage:
      'user:create --email E --name N --password P [--tenant SLUG --roles operator,kasi] [--platform-admin]',
    summary: 'create a user, optionally a member of a tenant with roles, or a platform admin',
    run: async (args, io) => {
      const v = flags(args)
      const email = required(v, 'email').toLowerCase()
      const name = required(v, 'name')
      const password = required(v, 'password')
      if (password.length < 10) throw new UsageError('user:create: --password needs at least 10 characters')
      const tenantSlug = typeof v.tenant === 'string' ? v.tenant : undefined
      const roleKeys =
        typeof v.roles === 'string'
          ? v.roles
              .split(',')
              .map((r) => r.trim())
              .filter(Boolean)
          : []
      try {
        const result = await withDatabase(async () => {
          const { db } = await import('#db/client.ts')
          const { tenants, users } = await import('#db/schema/index.ts')
          const { eq } = await import('drizzle-orm')
          const { addMembership, createUser } = await import('#db/factories/index.ts')
          const [existing] = await db().select().from(users).where(eq(users.email, email))
          const user = existing ?? (await createUser({ email, name, password })).user
          if (v['platform-admin'] === true)
            await db().update(users).set({ isPlatformAdmin: true }).where(eq(users.id, user.id))
          if (tenantSlug) {
            const [tenant] = await db().select().from(tenants).where(eq(tenants.slug, tenantSlug))
            if (!tenant) throw new UsageError(`user:create: no tenant ${tenantSlug}`)
            await addMembership({ tenant, user, roles: roleKeys })
          }
          return { id: user.id, email, created: !existing, tenant: tenantSlug ?? null, roles: roleKeys }
        })
        io.stdout(`${JSON.stringify(result)}\n`)
        return 0
      } catch (error) {
        if (error instanceof UsageError) throw error
        io.stderr(`user:create: ${await describeError(error)}\n`)
        return 1
      }
    },
  },
  'sop:import': {
    usage: 'sop:import FILE|- [--all]',
    summary:
      'turn an SOP table (tab- or pipe-separated text) into a draft; --all prints every table of the file',
    run: async (args, io) => {
      const all = args.includes('--all')
      const files = args.filter((a) => a !== '--all')
      const unknown = files.find((a) => a.startsWith('--'))
      if (unknown) throw new UsageError(`sop:import: unknown option ${unknown}`)
      const [file, ...extra] = files
      if (file === undefined || extra.length > 0)
        throw new UsageError('usage: npm run cli -- sop:import FILE|- [--all]')
      const text = file === '-' ? await io.stdin() : await readText(file)
      const { parseSopTables } = await import('#server/sop/import/parse-sop-table.ts')
      const drafts = parseSopTables(text)
      if (drafts.length === 0) {
        io.stderr(`sop:import: no SOP table found in ${file === '-' ? 'stdin' : file}\n`)
        return 1
      }
      io.stdout(`${JSON.stringify(all ? drafts : drafts[0], null, 2)}\n`)
      return 0
    },
  },
  'pdf:preview': {
    usage: 'pdf:preview --document service-receipt --out FILE',
    summary: 'render a document with its sample data, to look at it without a database',
    run: async (args, io) => {
      const values = flags(args)
      const name = required(values, 'document')
      const out = required(values, 'out')
      const { renderPdf } = await import('#server/pdf/render.ts')
      const samples = { 'service-receipt': (await import('#server/pdf/service-receipt.tsx')).previewProps }
      if (name !== 'service-receipt')
        throw new UsageError(
          `pdf:preview: unknown document ${name} (known: ${Object.keys(samples).join(', ')})`,
        )
      const { writeFile } = await import('node:fs/promises')
      await writeFile(out, await renderPdf(name, samples[name]))
      io.stdout(`${JSON.stringify({ document: name, out })}\n`)
      return 0
    },
  },
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new UsageError(
      code === 'ENOENT'
        ? `sop:import: no such file: ${file}`
        : `sop:import: cannot read ${file} (${code ?? 'error'})`,
    )
  }
}

function usage(): string {
  const width = Math.max(...Object.values(commands).map((c) => c.usage.length))
  const lines = Object.values(commands).map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`)
  return `usage: npm run cli -- <command> [args]\n\ncommands:\n${lines.join('\n')}\n`
}

async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...args] = argv
  if (name === undefined) {
    io.stderr(usage())
    return 2
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage())
    return 0
  }
  const command = commands[name]
  if (!command) {
    io.stderr(`unknown command: ${name} (npm run cli -- --help lists the commands)\n`)
    return 2
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(`usage: npm run cli -- ${command.usage}\n  ${command.summary}\n`)
    return 0
  }
  try {
    return await command.run(args, io)
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n`)
      return 2
    }
    io.stderr(`${name}: ${error instanceof Error ? error.message : String(error)}\n`)
    return 1
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer))
  return Buffer.concat(chunks).toString('utf8')
}

process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdin: readStdin,
})
