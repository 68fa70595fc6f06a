import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const root = (dir: string) => fileURLToPath(new URL(dir, import.meta.url))

export default defineConfig({
  resolve: {
    alias: [
      { find: /^#app\/(.*)$/, replacement: `${root('./app/')}$1` },
      { find: /^#server\/(.*)$/, replacement: `${root('./server/')}$1` },
      { find: /^#db\/(.*)$/, replacement: `${root('./db/')}$1` },
      { find: /^#emails\/(.*)$/, replacement: `${root('./emails/')}$1` },
    ],
  },
  test: {
    include: ['{app,server,db,emails}/**/*.test.{ts,tsx}'],
    globalSetup: ['./db/test/global-setup.ts'],
    setupFiles: ['./db/test/setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
