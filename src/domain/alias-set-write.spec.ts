import { caught } from '../../test/support/caught';
import {
  checkDelete,
  checkIncludeCycle,
  type Dependent,
  type ExpectedVersion,
  planWrite,
  type WriteMode,
  writeAction,
} from './alias-set-write';
import { DomainError, DomainErrorCode } from './errors';
import type { AliasSetContent, AliasSetSnapshot } from './host-alias';

const content: AliasSetContent = {
  description: 'd',
  shared: false,
  entries: [{ ip: '10.0.0.1', hostnames: ['a.local'] }],
  includes: [],
};
const existing: AliasSetSnapshot = { team: 't', name: 'n', ...content, version: 3 };
const changed: AliasSetContent = { ...content, description: 'other' };

/** The error `run` throws, as `code: message`, or `ok: <result>`. */
function outcome(run: () => unknown): string {
  try {
    return `ok: ${String(run())}`;
  } catch (error) {
    if (error instanceof DomainError) return `${error.code}: ${error.message}`;
    throw error;
  }
}

describe('planWrite', () => {
  const cases: [
    string,
    AliasSetSnapshot | null,
    AliasSetContent,
    WriteMode,
    ExpectedVersion,
    string,
  ][] = [
    ['create of a new name', null, content, 'create', undefined, 'ok: insert'],
    ['upsert of a new name', null, content, 'upsert', undefined, 'ok: insert'],
    [
      'update of a missing set',
      null,
      content,
      'update',
      undefined,
      'NOT_FOUND: alias set "t/n" not found',
    ],
    [
      'rollback of a missing set',
      null,
      content,
      'rollback',
      undefined,
      'NOT_FOUND: alias set "t/n" not found',
    ],
    [
      'expiry sweep of a set deleted meanwhile',
      null,
      content,
      'expire',
      3,
      'NOT_FOUND: alias set "t/n" not found',
    ],
    [
      'If-Match on a missing set',
      null,
      content,
      'upsert',
      1,
      'STALE_VERSION: alias set "t/n" does not exist',
    ],
    [
      'create of a taken name',
      existing,
      changed,
      'create',
      undefined,
      'CONFLICT: alias set "t/n" already exists',
    ],
    ['upsert with new content', existing, changed, 'upsert', undefined, 'ok: replace'],
    ['update at the expected version', existing, changed, 'update', 3, 'ok: replace'],
    [
      'update at a stale version',
      existing,
      changed,
      'update',
      2,
      'STALE_VERSION: alias set "t/n" is at version 3, not 2',
    ],
    [
      'stale version with the same content',
      existing,
      content,
      'upsert',
      2,
      'STALE_VERSION: alias set "t/n" is at version 3, not 2',
    ],
    ['the same content', existing, content, 'upsert', undefined, 'ok: unchanged'],
    [
      'the same content, entries unnormalized',
      existing,
      { ...content, entries: [{ ip: '10.0.0.1', hostnames: ['a.local'], clusters: [] }] },
      'update',
      3,
      'ok: unchanged',
    ],
    ['rollback to the current content', existing, content, 'rollback', undefined, 'ok: unchanged'],
  ];
  it.each(cases)('%s', (_, current, wanted, mode, expected, result) => {
    expect(outcome(() => planWrite('t/n', current, wanted, mode, expected))).toBe(result);
  });

  it('tells the client the current version when it is stale', () => {
    const error = caught(() => planWrite('t/n', existing, changed, 'update', 1));
    expect(error.details).toEqual({ currentVersion: 3 });
    const missing = caught(() => planWrite('t/n', null, changed, 'upsert', 1));
    expect(missing.details).toEqual({ currentVersion: null });
  });
});

describe('writeAction', () => {
  it.each([
    ['create', 'insert', 'create'],
    ['upsert', 'insert', 'create'],
    ['upsert', 'replace', 'update'],
    ['update', 'replace', 'update'],
    ['rollback', 'replace', 'rollback'],
    ['expire', 'replace', 'expire'],
  ] as const)('%s that plans %s is audited as %s', (mode, plan, action) => {
    expect(writeAction(mode, plan)).toBe(action);
  });
});

describe('checkDelete', () => {
  const cases: [string, { version: number } | null, ExpectedVersion, Dependent[], string][] = [
    ['a missing set', null, undefined, [], 'NOT_FOUND: alias set "t/n" not found'],
    ['a set nothing includes', { version: 2 }, undefined, [], 'ok: undefined'],
    ['at the expected version', { version: 2 }, 2, [], 'ok: undefined'],
    [
      'at a stale version',
      { version: 2 },
      1,
      [],
      'STALE_VERSION: alias set "t/n" is at version 2, not 1',
    ],
    [
      'a set others include',
      { version: 2 },
      undefined,
      [
        { ref: 't/a', visible: true },
        { ref: 'u/b', visible: false },
        { ref: 'u/c', visible: false },
      ],
      'CONFLICT: alias set "t/n" is included by t/a, 2 set(s) you cannot see; remove those includes first',
    ],
  ];
  it.each(cases)('%s', (_, current, expected, dependents, result) => {
    expect(outcome(() => checkDelete('t/n', current, expected, dependents))).toBe(result);
  });

  it('lists only visible dependents in the details', () => {
    const error = caught(() =>
      checkDelete('t/n', { version: 1 }, undefined, [
        { ref: 't/a', visible: true },
        { ref: 'u/b', visible: false },
      ]),
    );
    expect(error.details).toEqual({ dependents: ['t/a'], hiddenDependents: 1 });
  });
});

describe('checkIncludeCycle', () => {
  const graph = new Map<string, string[]>([
    ['t/base', []],
    ['t/mid', ['t/base']],
    ['t/top', ['t/mid', 't/base']],
    ['t/loop', ['t/n']],
  ]);
  const cases: [string, string[], string][] = [
    ['no includes', [], 'ok: undefined'],
    ['a chain without cycle', ['t/top'], 'ok: undefined'],
    ['a diamond (a set reached twice)', ['t/mid', 't/top'], 'ok: undefined'],
    ['a set that includes the writer', ['t/loop'], 'CYCLE: include cycle: t/n -> t/loop -> t/n'],
    ['a missing include', ['t/base', 't/gone'], 'NOT_FOUND: alias set "t/gone" not found'],
  ];
  it.each(cases)('%s', (_, includes, result) => {
    expect(outcome(() => checkIncludeCycle('t/n', includes, graph))).toBe(result);
  });

  it('reports the cycle path in the details', () => {
    const error = caught(() => checkIncludeCycle('t/n', ['t/base', 't/loop'], graph));
    expect(error.code).toBe(DomainErrorCode.CYCLE);
    expect(error.details).toEqual({ cycle: ['t/n', 't/loop', 't/n'] });
  });
});
