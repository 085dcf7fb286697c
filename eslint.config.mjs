import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Prisma and pg: only repositories and src/infra/database may import them. */
const DATABASE_IMPORTS = [
  {
    group: [
      '@prisma/*',
      'pg',
      'pg-*',
      '**/generated/prisma/**',
      '**/infra/database/prisma.service',
    ],
    message: 'Only *.repository.ts files and src/infra/database/ talk to Prisma or pg.',
  },
];

/** The domain is pure: no framework, no database, no other folder of src. */
const DOMAIN_IMPORTS = [
  ...DATABASE_IMPORTS,
  {
    group: ['@nestjs/*', '@apollo/*', 'fastify', 'graphql', 'class-validator', 'class-transformer'],
    message: 'src/domain is pure TypeScript: no framework imports.',
  },
  { group: ['../*'], message: 'src/domain imports nothing from other src/ folders.' },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'src/generated/**',
      'web/src/gql/**',
      'coverage/**',
      '.data/**',
      'test-artifacts/**',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/explicit-module-boundary-types': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-extraneous-class': 'off',
      'no-console': ['error', { allow: ['log', 'warn', 'error'] }],
    },
  },
  // The boundaries (docs/ARCHITECTURE.md); scripts/check-boundaries.ts proves each one bites.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.repository.ts', 'src/infra/database/**', 'src/**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: DATABASE_IMPORTS }] },
  },
  {
    files: ['src/auth/**/*.ts'],
    ignores: ['src/**/*.repository.ts', 'src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...DATABASE_IMPORTS,
            {
              group: ['../tokens/*'],
              message: 'AuthModule owns authentication; tokens/ uses auth/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    ignores: ['src/**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: DOMAIN_IMPORTS }] },
  },
  {
    files: ['test/**/*.ts', 'src/**/*.spec.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // The portal: React's rules of hooks on top of the same type-checked rules.
    files: ['web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['**/*.mjs', '**/*.cjs', 'jest.config.ts', 'prisma.config.ts'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // CommonJS on purpose (scripts/free-port.cjs: node, TypeScript and Jest all load it as it is).
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
