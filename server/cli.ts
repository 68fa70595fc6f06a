import { readFile } from 'node:fs/promises'

/**
 * The command line for operators of the platform: `npm run cli -- <command> [args]` (DESIGN.md,
 * command line). Data goes to stdout as JSON; a usage error is one line on stderr and exit code 2.
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
const commands: Record<string, Command> = {
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
