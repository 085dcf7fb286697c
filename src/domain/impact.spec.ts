import type { AliasEntry, AliasSetSnapshot } from './host-alias';
import { computeImpact, type Impact } from './impact';

function set(ref: string, entries: AliasEntry[], includes: string[] = []): AliasSetSnapshot {
  const [team, name] = ref.split('/');
  return { team, name, description: '', shared: true, entries, includes, version: 1 };
}

const e = (ip: string, hostnames: string[], clusters?: string[]): AliasEntry =>
  clusters ? { ip, hostnames, clusters } : { ip, hostnames };

interface Case {
  name: string;
  sets: AliasSetSnapshot[];
  /** The set after the change (undefined: deleted); the changed ref is `after`'s or `deleted`. */
  after: AliasSetSnapshot | undefined;
  deleted?: string;
  dependents?: { set: string; path: string[] }[];
  unreadable?: string[];
  expected: Impact;
}

const base = set('p/base', [e('10.0.0.1', ['db']), e('10.0.0.2', ['cache'])]);

const cases: Case[] = [
  {
    name: 'nothing changes: the set is listed with no cluster',
    sets: [base],
    after: base,
    expected: { sets: [{ set: 'p/base', path: ['p/base'], clusters: [] }], hidden: 0 },
  },
  {
    name: 'added, removed and changed hostnames; a respelled IP is no change',
    sets: [base],
    after: set('p/base', [e('010.0.0.1', ['db']), e('10.0.0.3', ['cache', 'queue'])]),
    expected: {
      sets: [
        {
          set: 'p/base',
          path: ['p/base'],
          clusters: [
            {
              cluster: null,
              added: [{ hostname: 'queue', ip: '10.0.0.3' }],
              removed: [],
              changed: [{ hostname: 'cache', from: '10.0.0.2', to: '10.0.0.3' }],
              conflicts: [],
            },
          ],
        },
      ],
      hidden: 0,
    },
  },
  {
    name: 'a cluster-scoped override changes that cluster only',
    sets: [base],
    after: set('p/base', [...base.entries, e('10.9.9.9', ['db'], ['eu'])]),
    expected: {
      sets: [
        {
          set: 'p/base',
          path: ['p/base'],
          clusters: [
            {
              cluster: 'eu',
              added: [],
              removed: [],
              changed: [{ hostname: 'db', from: '10.0.0.1', to: '10.9.9.9' }],
              conflicts: [],
            },
          ],
        },
      ],
      hidden: 0,
    },
  },
  {
    name: 'dependents: overridden hostnames stay, new conflicts are reported, unreadable ones counted',
    sets: [
      base,
      set('a/lib', [e('10.1.1.1', ['queue'])]),
      // app comes first in its closure, so its own db wins over base's.
      set('a/app', [e('10.5.5.5', ['db'])], ['a/lib', 'p/base']),
      set('x/secret', [], ['p/base']),
    ],
    after: set('p/base', [
      e('10.0.0.7', ['db']),
      e('10.0.0.2', ['cache']),
      e('10.0.0.8', ['queue']),
    ]),
    dependents: [
      { set: 'a/app', path: ['a/app', 'p/base'] },
      { set: 'x/secret', path: ['x/secret', 'p/base'] },
    ],
    unreadable: ['x/secret'],
    expected: {
      sets: [
        {
          set: 'p/base',
          path: ['p/base'],
          clusters: [
            {
              cluster: null,
              added: [{ hostname: 'queue', ip: '10.0.0.8' }],
              removed: [],
              changed: [{ hostname: 'db', from: '10.0.0.1', to: '10.0.0.7' }],
              conflicts: [],
            },
          ],
        },
        {
          set: 'a/app',
          path: ['a/app', 'p/base'],
          clusters: [
            {
              cluster: null,
              added: [],
              removed: [],
              changed: [],
              conflicts: [
                {
                  hostname: 'db',
                  sources: [
                    { ip: '10.5.5.5', from: 'a/app' },
                    { ip: '10.0.0.7', from: 'p/base' },
                  ],
                },
                {
                  hostname: 'queue',
                  sources: [
                    { ip: '10.1.1.1', from: 'a/lib' },
                    { ip: '10.0.0.8', from: 'p/base' },
                  ],
                },
              ],
            },
          ],
        },
      ],
      hidden: 1,
    },
  },
  {
    name: 'a conflict that existed before is not reported again',
    sets: [base, set('a/app', [e('10.5.5.5', ['db'])], ['p/base'])],
    after: set('p/base', [e('10.0.0.1', ['db']), e('10.0.0.4', ['cache'])]),
    dependents: [{ set: 'a/app', path: ['a/app', 'p/base'] }],
    expected: {
      sets: [
        {
          set: 'p/base',
          path: ['p/base'],
          clusters: [
            {
              cluster: null,
              added: [],
              removed: [],
              changed: [{ hostname: 'cache', from: '10.0.0.2', to: '10.0.0.4' }],
              conflicts: [],
            },
          ],
        },
        {
          set: 'a/app',
          path: ['a/app', 'p/base'],
          clusters: [
            {
              cluster: null,
              added: [],
              removed: [],
              changed: [{ hostname: 'cache', from: '10.0.0.2', to: '10.0.0.4' }],
              conflicts: [],
            },
          ],
        },
      ],
      hidden: 0,
    },
  },
  {
    name: 'creating a set: everything added, in each cluster it names',
    sets: [],
    after: set('p/new', [e('10.0.0.1', ['db']), e('10.0.0.9', ['db'], ['eu'])]),
    expected: {
      sets: [
        {
          set: 'p/new',
          path: ['p/new'],
          clusters: [
            {
              cluster: null,
              added: [{ hostname: 'db', ip: '10.0.0.1' }],
              removed: [],
              changed: [],
              conflicts: [],
            },
            {
              cluster: 'eu',
              added: [{ hostname: 'db', ip: '10.0.0.9' }],
              removed: [],
              changed: [],
              conflicts: [],
            },
          ],
        },
      ],
      hidden: 0,
    },
  },
  {
    name: 'deleting a set: everything removed',
    sets: [base],
    after: undefined,
    deleted: 'p/base',
    expected: {
      sets: [
        {
          set: 'p/base',
          path: ['p/base'],
          clusters: [
            {
              cluster: null,
              added: [],
              removed: [
                { hostname: 'cache', ip: '10.0.0.2' },
                { hostname: 'db', ip: '10.0.0.1' },
              ],
              changed: [],
              conflicts: [],
            },
          ],
        },
      ],
      hidden: 0,
    },
  },
];

describe('computeImpact', () => {
  it.each(cases)('$name', ({ sets, after, deleted, dependents, unreadable, expected }) => {
    const byRef = new Map(sets.map((s) => [`${s.team}/${s.name}`, s]));
    const hidden = new Set(unreadable ?? []);
    const impact = computeImpact({
      changed: after ? `${after.team}/${after.name}` : (deleted ?? ''),
      after,
      dependents: dependents ?? [],
      getSet: (ref) => (hidden.has(ref) ? undefined : byRef.get(ref)),
    });
    expect(impact).toEqual(expected);
  });
});
