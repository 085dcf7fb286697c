import type { Config } from 'jest';

const tsJest: Config['transform'] = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
};

// Two projects: pure unit tests next to the code, and e2e tests that drive the real HTTP
// server against a real PostgreSQL started once by the global setup.
const config: Config = {
  // Real processes and a real database on a 2-core machine: generous, never asserted on.
  testTimeout: 60_000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/src/**/*.spec.ts'],
      transform: {
        ...tsJest,
        // The CEL evaluator the admission policy is checked with ships ES modules only.
        '^.+/@marcbachmann/cel-js/.+\\.js$': [
          'ts-jest',
          { tsconfig: { allowJs: true, module: 'commonjs', target: 'es2022' } },
        ],
      },
      transformIgnorePatterns: ['/node_modules/(?!@marcbachmann/cel-js/)'],
      moduleFileExtensions: ['ts', 'js', 'json'],
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      transform: tsJest,
      // cjs: scripts/free-port.cjs, which plain node scripts use too.
      moduleFileExtensions: ['ts', 'js', 'cjs', 'json'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
  ],
};

export default config;
