import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      'build',
      'public/build',
      'data',
      'node_modules',
      'test-results',
      'playwright-report',
      'db/migrations',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration from #server/env.ts (docs/style.md rule 10).',
        },
      ],
    },
  },
  {
    files: [
      'server/env.ts',
      'e2e/**',
      'playwright.config.ts',
      'vitest.config.ts',
      'db/test/**',
      'bench/**',
      'drizzle.config.ts',
      // Tests hand a child process its environment.
      '**/*.test.ts',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  // Playwright fixtures call their callback `use`, which is not a React hook.
  { files: ['e2e/**'], rules: { 'react-hooks/rules-of-hooks': 'off' } },
)
