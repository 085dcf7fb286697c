/**
 * Proves that each boundary rule of eslint.config.mjs fails the lint: lints deliberate
 * violations as if they were files of the tree (nothing is written) and exits non-zero unless
 * every one is reported by `no-restricted-imports`, and every allowed import is not.
 * Run by CI (.ci/run) next to `npm run lint`, which proves the tree itself passes.
 */
import { ESLint } from 'eslint';

interface Probe {
  file: string;
  code: string;
  violates: boolean;
}

const probes: Probe[] = [
  // src/domain is pure.
  { file: 'src/domain/resolve.ts', code: "import '@nestjs/common';", violates: true },
  { file: 'src/domain/resolve.ts', code: "import '@prisma/client';", violates: true },
  { file: 'src/domain/resolve.ts', code: "import 'pg';", violates: true },
  { file: 'src/domain/resolve.ts', code: "import '../auth/policy';", violates: true },
  { file: 'src/domain/resolve.ts', code: "import '../infra/metrics/metrics';", violates: true },
  { file: 'src/domain/resolve.ts', code: "import './errors';", violates: false },
  // Only repositories and src/infra/database touch Prisma or pg.
  { file: 'src/health/health.controller.ts', code: "import 'pg';", violates: true },
  { file: 'src/render/render.service.ts', code: "import '@prisma/adapter-pg';", violates: true },
  {
    file: 'src/alias-sets/alias-sets.service.ts',
    code: "import '../infra/database/prisma.service';",
    violates: true,
  },
  {
    file: 'src/alias-sets/alias-sets.service.ts',
    code: "import '../generated/prisma/client';",
    violates: true,
  },
  { file: 'src/teams/teams.repository.ts', code: "import 'pg';", violates: false },
  // Authentication does not reach into token management.
  {
    file: 'src/auth/token-authenticator.ts',
    code: "import '../tokens/tokens.repository';",
    violates: true,
  },
  {
    file: 'src/tokens/tokens.service.ts',
    code: "import '../auth/authenticator';",
    violates: false,
  },
  { file: 'src/infra/database/change-feed.ts', code: "import 'pg';", violates: false },
];

async function main(): Promise<void> {
  const eslint = new ESLint();
  const failures: string[] = [];
  for (const probe of probes) {
    const [result] = await eslint.lintText(`${probe.code}\n`, { filePath: probe.file });
    const reported = result.messages.some((m) => m.ruleId === 'no-restricted-imports');
    const verdict = `${probe.file}: ${probe.code}`;
    if (reported !== probe.violates) {
      failures.push(`${verdict} was ${reported ? '' : 'not '}reported`);
    } else {
      console.log(`ok   ${probe.violates ? 'refused' : 'allowed'}  ${verdict}`);
    }
  }
  if (failures.length > 0) {
    console.error(`boundary rules do not hold:\n${failures.join('\n')}`);
    process.exit(1);
  }
}

void main();
