import type { HostAlias } from './host-alias';
import {
  type HandWrittenConflict,
  managedDrift,
  managedMerge,
  type ManagedMergeInput,
  sameAliasList,
} from './managed-merge';

const a = (ip: string, ...hostnames: string[]): HostAlias => ({ ip, hostnames });

interface Case {
  name: string;
  input: ManagedMergeInput;
  hostAliases: HostAlias[];
  replaced?: HostAlias[];
  removed?: HostAlias[];
  conflicts?: HandWrittenConflict[];
  /** What `check` reports for the input. */
  drift: { inSync: boolean; missing?: HostAlias[]; stale?: HostAlias[] };
}

const cases: Case[] = [
  {
    name: 'nothing anywhere',
    input: { current: [], placed: [], desired: [] },
    hostAliases: [],
    drift: { inSync: true },
  },
  {
    name: 'first delivery into an empty pod spec',
    input: { current: [], placed: [], desired: [a('10.1.2.3', 'foo.remote')] },
    hostAliases: [a('10.1.2.3', 'foo.remote')],
    drift: { inSync: false, missing: [a('10.1.2.3', 'foo.remote')] },
  },
  {
    name: 'hand-written entries are kept, after the registry entries, in their order',
    input: {
      current: [a('192.168.0.9', 'b.local'), a('192.168.0.8', 'a.local')],
      placed: [],
      desired: [a('10.1.2.3', 'foo.remote')],
    },
    hostAliases: [
      a('10.1.2.3', 'foo.remote'),
      a('192.168.0.9', 'b.local'),
      a('192.168.0.8', 'a.local'),
    ],
    drift: { inSync: false, missing: [a('10.1.2.3', 'foo.remote')] },
  },
  {
    name: 'a stale registry entry is removed, hand-written ones stay',
    input: {
      current: [
        a('10.1.2.3', 'foo.remote'),
        a('10.4.4.4', 'gone.remote'),
        a('192.168.0.9', 'mine'),
      ],
      placed: ['10.1.2.3', '10.4.4.4'],
      desired: [a('10.1.2.3', 'foo.remote')],
    },
    hostAliases: [a('10.1.2.3', 'foo.remote'), a('192.168.0.9', 'mine')],
    removed: [a('10.4.4.4', 'gone.remote')],
    drift: { inSync: false, stale: [a('10.4.4.4', 'gone.remote')] },
  },
  {
    name: 'a registry entry whose hostnames changed is rewritten in place of the old one',
    input: {
      current: [a('10.1.2.3', 'old.remote')],
      placed: ['10.1.2.3'],
      desired: [a('10.1.2.3', 'new.remote')],
    },
    hostAliases: [a('10.1.2.3', 'new.remote')],
    drift: {
      inSync: false,
      missing: [a('10.1.2.3', 'new.remote')],
      stale: [a('10.1.2.3', 'old.remote')],
    },
  },
  {
    name: 'a hand-written entry on a registry IP is replaced and reported',
    input: {
      current: [a('10.1.2.3', 'my.own.name')],
      placed: [],
      desired: [a('10.1.2.3', 'foo.remote')],
    },
    hostAliases: [a('10.1.2.3', 'foo.remote')],
    replaced: [a('10.1.2.3', 'my.own.name')],
    drift: { inSync: false, missing: [a('10.1.2.3', 'foo.remote')] },
  },
  {
    name: 'an identical hand-copied entry is still replaced once: the registry takes it over',
    input: {
      current: [a('10.1.2.3', 'foo.remote')],
      placed: [],
      desired: [a('10.1.2.3', 'foo.remote')],
    },
    hostAliases: [a('10.1.2.3', 'foo.remote')],
    replaced: [a('10.1.2.3', 'foo.remote')],
    drift: { inSync: false },
  },
  {
    name: 'a hand-written entry claiming a registry hostname for another IP is a conflict, and kept',
    input: {
      current: [a('192.168.0.9', 'foo.remote', 'mine')],
      placed: [],
      desired: [a('10.1.2.3', 'foo.remote')],
    },
    hostAliases: [a('10.1.2.3', 'foo.remote'), a('192.168.0.9', 'foo.remote', 'mine')],
    conflicts: [{ hostname: 'foo.remote', ip: '10.1.2.3', handWrittenIp: '192.168.0.9' }],
    drift: { inSync: false, missing: [a('10.1.2.3', 'foo.remote')] },
  },
  {
    name: 'an emptied set: everything the registry placed goes, hand-written entries stay',
    input: {
      current: [a('10.1.2.3', 'foo.remote'), a('192.168.0.9', 'mine'), a('fd00::1', 'v6.remote')],
      placed: ['10.1.2.3', 'fd00::1'],
      desired: [],
    },
    hostAliases: [a('192.168.0.9', 'mine')],
    removed: [a('10.1.2.3', 'foo.remote'), a('fd00::1', 'v6.remote')],
    drift: { inSync: false, stale: [a('10.1.2.3', 'foo.remote'), a('fd00::1', 'v6.remote')] },
  },
  {
    name: 'IPs compare by value: 010.1.2.3 placed is 10.1.2.3, FD00:0::1 is fd00::1',
    input: {
      current: [a('10.1.2.3', 'foo.remote'), a('FD00:0::1', 'v6.remote')],
      placed: ['010.1.2.3', 'fd00::1'],
      desired: [a('010.1.2.3', 'foo.remote')],
    },
    hostAliases: [a('010.1.2.3', 'foo.remote')],
    removed: [a('FD00:0::1', 'v6.remote')],
    drift: { inSync: false, stale: [a('FD00:0::1', 'v6.remote')] },
  },
  {
    name: 'an IP placed before and written by hand since stays the registry`s: removed when gone',
    input: { current: [a('10.4.4.4', 'edited.by.hand')], placed: ['10.4.4.4'], desired: [] },
    hostAliases: [],
    removed: [a('10.4.4.4', 'edited.by.hand')],
    drift: { inSync: false, stale: [a('10.4.4.4', 'edited.by.hand')] },
  },
  {
    name: 'already converged: in sync, nothing to report',
    input: {
      current: [a('10.1.2.3', 'foo.remote'), a('192.168.0.9', 'mine')],
      placed: ['10.1.2.3'],
      desired: [a('10.1.2.3', 'foo.remote')],
    },
    hostAliases: [a('10.1.2.3', 'foo.remote'), a('192.168.0.9', 'mine')],
    drift: { inSync: true },
  },
  {
    name: 'converged but in another order (as a strategic patch leaves it): in sync, reordered on apply',
    input: {
      current: [a('192.168.0.9', 'mine'), a('10.1.2.3', 'foo.remote')],
      placed: ['10.1.2.3'],
      desired: [a('10.1.2.3', 'foo.remote')],
    },
    hostAliases: [a('10.1.2.3', 'foo.remote'), a('192.168.0.9', 'mine')],
    drift: { inSync: true },
  },
  {
    name: 'a hand-written invalid IP is kept as it is and compared as a string',
    input: { current: [a('not-an-ip', 'x')], placed: [], desired: [a('10.1.2.3', 'y')] },
    hostAliases: [a('10.1.2.3', 'y'), a('not-an-ip', 'x')],
    drift: { inSync: false, missing: [a('10.1.2.3', 'y')] },
  },
  {
    name: 'duplicate hand-written IPs are both kept; both are replaced when the registry takes it',
    input: {
      current: [
        a('192.168.0.9', 'a'),
        a('192.168.0.9', 'b'),
        a('10.1.2.3', 'c'),
        a('10.1.2.3', 'd'),
      ],
      placed: [],
      desired: [a('10.1.2.3', 'e')],
    },
    hostAliases: [a('10.1.2.3', 'e'), a('192.168.0.9', 'a'), a('192.168.0.9', 'b')],
    replaced: [a('10.1.2.3', 'c'), a('10.1.2.3', 'd')],
    drift: { inSync: false, missing: [a('10.1.2.3', 'e')] },
  },
];

describe('managedMerge (SPEC 8)', () => {
  it.each(cases)('$name', (c) => {
    const merged = managedMerge(c.input);
    expect(merged.hostAliases).toEqual(c.hostAliases);
    expect(merged.replaced).toEqual(c.replaced ?? []);
    expect(merged.removed).toEqual(c.removed ?? []);
    expect(merged.conflicts).toEqual(c.conflicts ?? []);
    expect(merged.placed).toEqual(c.input.desired.map((alias) => alias.ip));
    expect(merged.kept.map((i) => c.input.current[i])).toEqual(
      merged.hostAliases.slice(c.input.desired.length),
    );
  });

  it.each(cases)('is idempotent: $name', (c) => {
    const once = managedMerge(c.input);
    const twice = managedMerge({
      current: once.hostAliases,
      placed: once.placed,
      desired: c.input.desired,
    });
    expect(sameAliasList(twice.hostAliases, once.hostAliases)).toBe(true);
    expect(twice.replaced).toEqual([]);
    expect(twice.removed).toEqual([]);
    expect(twice.conflicts).toEqual(once.conflicts);
  });

  it('does not share arrays with its input', () => {
    const current = [a('192.168.0.9', 'mine')];
    const merged = managedMerge({ current, placed: [], desired: [] });
    (merged.hostAliases[0].hostnames as string[]).push('changed');
    expect(current[0].hostnames).toEqual(['mine']);
  });
});

describe('managedDrift (SPEC 8.1 check)', () => {
  it.each(cases)('$name', (c) => {
    const drift = managedDrift(c.input);
    expect(drift).toEqual({
      inSync: c.drift.inSync,
      missing: c.drift.missing ?? [],
      stale: c.drift.stale ?? [],
      replaced: c.replaced ?? [],
      conflicts: c.conflicts ?? [],
    });
  });

  it.each(cases)(
    'after applying, nothing drifts unless hand-written conflicts remain: $name',
    (c) => {
      const merged = managedMerge(c.input);
      const drift = managedDrift({
        current: merged.hostAliases,
        placed: merged.placed,
        desired: c.input.desired,
      });
      expect(drift.inSync).toBe(merged.conflicts.length === 0);
    },
  );
});
