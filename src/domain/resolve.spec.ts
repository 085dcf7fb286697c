import { caught } from '../../test/support/caught';
import { snapshot, store } from '../../test/support/snapshots';
import { DomainErrorCode } from './errors';
import type { AliasEntry } from './host-alias';
import { resolveAliasSets, type ResolveInput } from './resolve';

describe('resolveAliasSets', () => {
  const resolve = (input: Partial<ResolveInput> & Pick<ResolveInput, 'refs' | 'getSet'>) =>
    resolveAliasSets(input);

  it('turns the Kubernetes documentation example into the same hostAliases', () => {
    const getSet = store(
      snapshot('docs/example', [
        { ip: '127.0.0.1', hostnames: ['foo.local', 'bar.local'] },
        { ip: '10.1.2.3', hostnames: ['foo.remote', 'bar.remote'] },
      ]),
    );
    expect(resolve({ refs: ['docs/example'], getSet })).toEqual({
      hostAliases: [
        { ip: '127.0.0.1', hostnames: ['foo.local', 'bar.local'] },
        { ip: '10.1.2.3', hostnames: ['foo.remote', 'bar.remote'] },
      ],
      overridden: [],
      sets: ['docs/example'],
      versions: [1],
    });
  });

  it('merges included sets into one alias per IP, by value, in first-appearance order', () => {
    const getSet = store(
      snapshot('a/app', [{ ip: '10.0.0.2', hostnames: ['api'] }], ['a/base']),
      snapshot('a/base', [
        { ip: '010.0.0.1', hostnames: ['db', 'api'] },
        { ip: '10.0.0.2', hostnames: ['api', 'cache'] },
      ]),
      snapshot('a/more', [
        { ip: '10.0.0.1', hostnames: ['db', 'db2'] },
        { ip: '::ffff:10.0.0.2', hostnames: ['cache2'] },
      ]),
    );
    const result = resolve({ refs: ['a/app', 'a/more'], getSet, onConflict: 'first' });
    expect(result.hostAliases).toEqual([
      { ip: '10.0.0.2', hostnames: ['api', 'cache', 'cache2'] },
      { ip: '010.0.0.1', hostnames: ['db', 'db2'] },
    ]);
    expect(result.sets).toEqual(['a/app', 'a/base', 'a/more']);
    expect(result.overridden).toEqual([
      { hostname: 'api', ip: '010.0.0.1', from: 'a/base', keptIp: '10.0.0.2', keptFrom: 'a/app' },
    ]);
  });

  it('compares IPv6 and IPv4-mapped addresses by value: no conflict', () => {
    const getSet = store(
      snapshot('a/x', [
        { ip: 'fd00::1', hostnames: ['v6'] },
        { ip: '10.1.2.3', hostnames: ['v4'] },
      ]),
      snapshot('b/y', [
        { ip: 'FD00:0:0::1', hostnames: ['v6', 'v6b'] },
        { ip: '::ffff:10.1.2.3', hostnames: ['v4'] },
      ]),
    );
    expect(resolve({ refs: ['a/x', 'b/y'], getSet }).hostAliases).toEqual([
      { ip: 'fd00::1', hostnames: ['v6', 'v6b'] },
      { ip: '10.1.2.3', hostnames: ['v4'] },
    ]);
  });

  describe('clusters', () => {
    const getSet = store(
      snapshot('a/x', [
        { ip: '10.1.2.3', hostnames: ['foo.remote', 'bar.remote'] },
        { ip: '10.9.9.9', hostnames: ['foo.remote'], clusters: ['eu-prod'] },
        { ip: '10.8.8.8', hostnames: ['only-us'], clusters: ['us-prod', 'us-dev'] },
        { ip: 'fd00::1', hostnames: ['everywhere'], clusters: [] },
      ]),
    );

    it.each([
      [
        'no cluster: only unscoped entries',
        undefined,
        [
          { ip: '10.1.2.3', hostnames: ['foo.remote', 'bar.remote'] },
          { ip: 'fd00::1', hostnames: ['everywhere'] },
        ],
      ],
      [
        'eu-prod: the scoped entry overrides foo.remote, bar.remote stays',
        'eu-prod',
        [
          { ip: '10.1.2.3', hostnames: ['bar.remote'] },
          { ip: '10.9.9.9', hostnames: ['foo.remote'] },
          { ip: 'fd00::1', hostnames: ['everywhere'] },
        ],
      ],
      [
        'us-dev: one of several clusters of an entry',
        'us-dev',
        [
          { ip: '10.1.2.3', hostnames: ['foo.remote', 'bar.remote'] },
          { ip: '10.8.8.8', hostnames: ['only-us'] },
          { ip: 'fd00::1', hostnames: ['everywhere'] },
        ],
      ],
      [
        'an unlisted cluster',
        'asia',
        [
          { ip: '10.1.2.3', hostnames: ['foo.remote', 'bar.remote'] },
          { ip: 'fd00::1', hostnames: ['everywhere'] },
        ],
      ],
    ])('%s', (_name, cluster, hostAliases) => {
      const result = resolve({ refs: ['a/x'], cluster, getSet });
      expect(result.hostAliases).toEqual(hostAliases);
      expect(result.overridden).toEqual([]);
    });

    it('drops an IP whose every hostname a scoped entry overrides', () => {
      const getScoped = store(
        snapshot('a/x', [
          { ip: '10.0.0.1', hostnames: ['foo'] },
          { ip: '10.0.0.2', hostnames: ['foo'], clusters: ['eu'] },
        ]),
      );
      expect(resolve({ refs: ['a/x'], cluster: 'eu', getSet: getScoped }).hostAliases).toEqual([
        { ip: '10.0.0.2', hostnames: ['foo'] },
      ]);
    });

    it('overrides only within a set: across sets a scoped entry still conflicts', () => {
      const getTwo = store(
        snapshot('a/x', [{ ip: '10.0.0.1', hostnames: ['foo'] }]),
        snapshot('b/y', [{ ip: '10.0.0.2', hostnames: ['foo'], clusters: ['eu'] }]),
      );
      expect(resolve({ refs: ['a/x', 'b/y'], getSet: getTwo }).hostAliases).toEqual([
        { ip: '10.0.0.1', hostnames: ['foo'] },
      ]);
      const error = caught(() => resolve({ refs: ['a/x', 'b/y'], cluster: 'eu', getSet: getTwo }));
      expect(error.code).toBe(DomainErrorCode.CONFLICT);
    });
  });

  describe('conflicts across sets', () => {
    const getSet = store(
      snapshot('a/x', [
        { ip: '10.0.0.1', hostnames: ['foo', 'bar'] },
        { ip: '10.0.0.9', hostnames: ['solo'] },
      ]),
      snapshot('b/y', [
        { ip: '10.0.0.2', hostnames: ['foo', 'solo'] },
        { ip: '010.0.0.1', hostnames: ['bar', 'baz'] },
      ]),
      snapshot('c/z', [
        { ip: '10.0.0.3', hostnames: ['foo'] },
        { ip: '10.0.0.2', hostnames: ['foo2'] },
      ]),
      snapshot('d/w', [{ ip: '10.0.0.2', hostnames: ['foo'] }]),
    );
    const refs = ['a/x', 'b/y', 'c/z', 'd/w'];

    it('policy error (the default): a 409 listing every conflict and every distinct IP', () => {
      const error = caught(() => resolve({ refs, getSet }));
      expect(error.code).toBe(DomainErrorCode.CONFLICT);
      expect(error.details).toEqual({
        conflicts: [
          {
            hostname: 'foo',
            sources: [
              { ip: '10.0.0.1', from: 'a/x' },
              { ip: '10.0.0.2', from: 'b/y' },
              { ip: '10.0.0.3', from: 'c/z' },
            ],
          },
          {
            hostname: 'solo',
            sources: [
              { ip: '10.0.0.9', from: 'a/x' },
              { ip: '10.0.0.2', from: 'b/y' },
            ],
          },
        ],
      });
      expect(error.message).toBe(
        'conflicting hostAliases: "foo" is 10.0.0.1 (a/x) vs 10.0.0.2 (b/y) vs 10.0.0.3 (c/z); ' +
          '"solo" is 10.0.0.9 (a/x) vs 10.0.0.2 (b/y)',
      );
    });

    it('policy first: the earliest set wins and every dropped mapping is reported', () => {
      expect(resolve({ refs, getSet, onConflict: 'first' })).toEqual({
        hostAliases: [
          { ip: '10.0.0.1', hostnames: ['foo', 'bar', 'baz'] },
          { ip: '10.0.0.9', hostnames: ['solo'] },
          { ip: '10.0.0.2', hostnames: ['foo2'] },
        ],
        overridden: [
          { hostname: 'foo', ip: '10.0.0.2', from: 'b/y', keptIp: '10.0.0.1', keptFrom: 'a/x' },
          { hostname: 'solo', ip: '10.0.0.2', from: 'b/y', keptIp: '10.0.0.9', keptFrom: 'a/x' },
          { hostname: 'foo', ip: '10.0.0.3', from: 'c/z', keptIp: '10.0.0.1', keptFrom: 'a/x' },
          { hostname: 'foo', ip: '10.0.0.2', from: 'd/w', keptIp: '10.0.0.1', keptFrom: 'a/x' },
        ],
        sets: refs,
        versions: [1, 1, 1, 1],
      });
    });

    it('lets an including set win over what it includes under policy first', () => {
      const getIncluding = store(
        snapshot('a/app', [{ ip: '10.0.0.9', hostnames: ['db'] }], ['a/base']),
        snapshot('a/base', [{ ip: '10.0.0.1', hostnames: ['db', 'cache'] }]),
      );
      const result = resolve({ refs: ['a/app'], getSet: getIncluding, onConflict: 'first' });
      expect(result.hostAliases).toEqual([
        { ip: '10.0.0.9', hostnames: ['db'] },
        { ip: '10.0.0.1', hostnames: ['cache'] },
      ]);
    });

    it('keeps the message short but the details complete with many conflicts', () => {
      const many = Array.from({ length: 12 }, (_, i) => `h${i}`);
      const getMany = store(
        snapshot('a/x', [{ ip: '10.0.0.1', hostnames: many }]),
        snapshot('b/y', [{ ip: '10.0.0.2', hostnames: many }]),
      );
      const error = caught(() => resolve({ refs: ['a/x', 'b/y'], getSet: getMany }));
      expect(error.message.endsWith('; and 2 more')).toBe(true);
      expect((error.details.conflicts as unknown[]).length).toBe(12);
    });
  });

  it('gives the same bytes on every call', () => {
    const getSet = store(
      snapshot('a/x', [{ ip: '10.0.0.1', hostnames: ['b', 'a'] }], ['c/z']),
      snapshot('c/z', [{ ip: 'fd00::2', hostnames: ['c', 'b'] }]),
    );
    const runs = Array.from({ length: 5 }, () =>
      JSON.stringify(resolve({ refs: ['a/x'], getSet, onConflict: 'first' })),
    );
    expect(new Set(runs).size).toBe(1);
  });

  // Correctness at scale only: speed is measured by `npm run bench`, never asserted in tests.
  describe('at scale: 50 sets of 10,000 entries', () => {
    const SETS = 50;
    const ENTRIES = 10_000;
    const build = (entry: (s: number, e: number) => AliasEntry) => {
      const sets = Array.from({ length: SETS }, (_, s) =>
        snapshot(
          `team/set-${s}`,
          Array.from({ length: ENTRIES }, (_, e) => entry(s, e)),
        ),
      );
      return { refs: sets.map((set) => `${set.team}/${set.name}`), getSet: store(...sets) };
    };
    const ipOf = (s: number, e: number) => `10.${s}.${e >> 8}.${e & 255}`;

    it('layered sets repeating the same aliases: deduplicated', () => {
      // Every set repeats the same 10,000 aliases; each also remaps one hostname of its own.
      const input = build((s, e) =>
        e === 0 && s > 0
          ? { ip: ipOf(s, 0), hostnames: ['h0.remote'] }
          : { ip: ipOf(0, e), hostnames: [`h${e}.remote`, `alias${e}.remote`] },
      );
      const result = resolveAliasSets({ ...input, onConflict: 'first' });
      expect(result.hostAliases).toHaveLength(ENTRIES);
      expect(result.hostAliases[1]).toEqual({
        ip: '10.0.0.1',
        hostnames: ['h1.remote', 'alias1.remote'],
      });
      expect(result.overridden).toHaveLength(SETS - 1);
    }, 30_000);

    it('500,000 distinct addresses and 490,000 overrides', () => {
      const input = build((s, e) => ({
        ip: ipOf(s, e),
        hostnames: [`h${e}.s${s}.remote`, `shared${e}.remote`],
      }));
      const result = resolveAliasSets({ ...input, onConflict: 'first' });
      expect(result.hostAliases).toHaveLength(SETS * ENTRIES);
      expect(result.overridden).toHaveLength((SETS - 1) * ENTRIES);
      expect(result.overridden[0]).toEqual({
        hostname: 'shared0.remote',
        ip: '10.1.0.0',
        from: 'team/set-1',
        keptIp: '10.0.0.0',
        keptFrom: 'team/set-0',
      });
    }, 30_000);
  });
});
