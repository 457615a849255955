import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// Layering rules from docs/ARCHITECTURE.md: only lib/db talks to Prisma; lib/domain is pure.
const prismaImports = {
  patterns: [
    { group: ['**/db/generated/*', '**/db/generated', '@prisma/client', '@prisma/client/*'], message: 'Only lib/db imports the Prisma client; call a lib/db or lib/services function.' },
  ],
};

const config = [
  { ignores: ['.next/**', 'node_modules/**', 'lib/db/generated/**', 'data/**', 'bench-results/**', 'next-env.d.ts'] },
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['app/**', 'lib/domain/**', 'lib/services/**', 'lib/api/**', 'lib/auth/**', 'lib/schemas/**', 'lib/actions/**'],
    ignores: ['lib/services/permissions.ts'],
    rules: { 'no-restricted-imports': ['error', prismaImports] },
  },
  {
    files: ['lib/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...prismaImports.patterns,
            { group: ['next', 'next/*', 'next-auth', 'next-auth/*', '**/db/*', '**/services/*', '**/env'], message: 'lib/domain is pure TypeScript: no framework, database or environment.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'lib/domain does not read the environment.' }],
    },
  },
  {
    // vitest's setup helpers are named use* like React hooks; they are not.
    files: ['tests/**', '**/*.test.ts'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
];

export default config;
