import type { AliasEntry, AliasSetSnapshot } from './host-alias';
import { diffSnapshots } from './revision-diff';

function version(
  n: number,
  entries: AliasEntry[],
  extra: Partial<AliasSetSnapshot> = {},
): AliasSetSnapshot {
  return {
    team: 'platform',
    name: 'base',
    description: 'shared aliases',
    shared: false,
    entries,
    includes: [],
    version: n,
    ...extra,
  };
}

describe('diffSnapshots', () => {
  it('reports nothing between identical content', () => {
    const entries = [{ ip: '10.0.0.1', hostnames: ['a', 'b'] }];
    expect(diffSnapshots(version(1, entries), version(2, entries))).toEqual({
      from: 1,
      to: 2,
      added: [],
      removed: [],
      changed: [],
      metadata: [],
    });
  });

  it('lists added, removed and changed hostnames, sorted by hostname', () => {
    const diff = diffSnapshots(
      version(3, [
        { ip: '10.0.0.1', hostnames: ['zeta', 'keep'] },
        { ip: '10.0.0.2', hostnames: ['moved', 'gone'] },
      ]),
      version(5, [
        { ip: '10.0.0.1', hostnames: ['keep', 'alpha'] },
        { ip: '10.0.0.3', hostnames: ['moved', 'new'] },
      ]),
    );
    expect(diff).toEqual({
      from: 3,
      to: 5,
      added: [
        { hostname: 'alpha', clusters: [], ip: '10.0.0.1' },
        { hostname: 'new', clusters: [], ip: '10.0.0.3' },
      ],
      removed: [
        { hostname: 'gone', clusters: [], ip: '10.0.0.2' },
        { hostname: 'zeta', clusters: [], ip: '10.0.0.1' },
      ],
      changed: [{ hostname: 'moved', clusters: [], from: '10.0.0.2', to: '10.0.0.3' }],
      metadata: [],
    });
  });

  it('compares IPs by value: a respelling is no change', () => {
    const diff = diffSnapshots(
      version(1, [
        { ip: '10.1.2.3', hostnames: ['v4'] },
        { ip: 'fd00::1', hostnames: ['v6'] },
      ]),
      version(2, [
        { ip: '010.1.2.3', hostnames: ['v4'] },
        { ip: 'FD00:0:0::1', hostnames: ['v6'] },
      ]),
    );
    expect(diff.changed).toEqual([]);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
  });

  it('keys by hostname and single cluster, expanding multi-cluster entries', () => {
    const diff = diffSnapshots(
      version(1, [
        { ip: '10.0.0.1', hostnames: ['foo'] },
        { ip: '10.0.0.9', hostnames: ['foo'], clusters: ['us', 'eu'] },
      ]),
      version(2, [
        { ip: '10.0.0.1', hostnames: ['foo'] },
        { ip: '10.0.0.8', hostnames: ['foo'], clusters: ['eu'] },
        { ip: '10.0.0.7', hostnames: ['foo'], clusters: ['asia'] },
      ]),
    );
    expect(diff.added).toEqual([{ hostname: 'foo', clusters: ['asia'], ip: '10.0.0.7' }]);
    expect(diff.removed).toEqual([{ hostname: 'foo', clusters: ['us'], ip: '10.0.0.9' }]);
    expect(diff.changed).toEqual([
      { hostname: 'foo', clusters: ['eu'], from: '10.0.0.9', to: '10.0.0.8' },
    ]);
  });

  it('sorts by hostname, then the unscoped item before cluster scopes', () => {
    const diff = diffSnapshots(
      version(1, []),
      version(2, [
        { ip: '10.0.0.2', hostnames: ['b', 'a'], clusters: ['eu'] },
        { ip: '10.0.0.1', hostnames: ['b'] },
        { ip: '10.0.0.3', hostnames: ['a'], clusters: ['asia'] },
      ]),
    );
    expect(diff.added.map((item) => [item.hostname, item.clusters])).toEqual([
      ['a', ['asia']],
      ['a', ['eu']],
      ['b', []],
      ['b', ['eu']],
    ]);
  });

  it('reports description, shared and includes changes', () => {
    const diff = diffSnapshots(
      version(1, [], { includes: ['a/x'] }),
      version(2, [], { description: 'new words', shared: true, includes: ['a/x', 'b/y'] }),
    );
    expect(diff.metadata).toEqual([
      { field: 'description', from: 'shared aliases', to: 'new words' },
      { field: 'shared', from: false, to: true },
      { field: 'includes', from: ['a/x'], to: ['a/x', 'b/y'] },
    ]);
  });

  it('treats reordered includes as a change: order decides resolution', () => {
    const diff = diffSnapshots(
      version(1, [], { includes: ['a/x', 'b/y'] }),
      version(2, [], { includes: ['b/y', 'a/x'] }),
    );
    expect(diff.metadata.map((change) => change.field)).toEqual(['includes']);
  });

  it('diffs backwards as well (from a later version to an earlier one)', () => {
    const newer = version(4, [{ ip: '10.0.0.1', hostnames: ['a', 'b'] }]);
    const older = version(2, [{ ip: '10.0.0.1', hostnames: ['a'] }]);
    expect(diffSnapshots(newer, older)).toMatchObject({
      from: 4,
      to: 2,
      removed: [{ hostname: 'b', clusters: [], ip: '10.0.0.1' }],
    });
  });

  it('diffs expiry like any field: added and removed with it, changed when only it changes', () => {
    const soon = '2030-01-01T00:00:00.000Z';
    const later = '2030-02-01T00:00:00.000Z';
    const diff = diffSnapshots(
      version(1, [
        { ip: '10.0.0.1', hostnames: ['keep'], expiresAt: soon },
        { ip: '10.0.0.2', hostnames: ['gone'], expiresAt: soon },
        { ip: '10.0.0.3', hostnames: ['same'], expiresAt: soon },
      ]),
      version(2, [
        { ip: '10.0.0.1', hostnames: ['keep'], expiresAt: later },
        { ip: '10.0.0.3', hostnames: ['same'], expiresAt: soon },
        { ip: '10.0.0.4', hostnames: ['new'], expiresAt: later },
        { ip: '10.0.0.5', hostnames: ['forever'] },
      ]),
    );
    expect(diff).toMatchObject({
      added: [
        { hostname: 'forever', clusters: [], ip: '10.0.0.5' },
        { hostname: 'new', clusters: [], ip: '10.0.0.4', expiresAt: later },
      ],
      removed: [{ hostname: 'gone', clusters: [], ip: '10.0.0.2', expiresAt: soon }],
      changed: [
        {
          hostname: 'keep',
          clusters: [],
          from: '10.0.0.1',
          to: '10.0.0.1',
          fromExpiresAt: soon,
          toExpiresAt: later,
        },
      ],
    });
    expect(diff.added[0]).not.toHaveProperty('expiresAt');
  });
});
