import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { workloadManifest } from '../../test/support/kubectl';
import type { HostAlias } from './host-alias';
import {
  PATCH_TYPES,
  WORKLOAD_KINDS,
  hostAliasesPath,
  renderPodSpecPatch,
  type PatchFormat,
  type PatchType,
  type WorkloadKind,
} from './pod-spec-patch';

/*
 * Oracle: the real kubectl applies our patches to a manifest of each kind. `--local` never
 * contacts a server and `--kubeconfig=/dev/null` keeps a developer's kubeconfig out of it; no
 * cluster and no network are needed (checked with kubectl 1.32). kubectl is part of the machines
 * we develop and test on; without it this file fails rather than silently proving nothing.
 */

const hostAliases: HostAlias[] = [
  { ip: '127.0.0.1', hostnames: ['foo.local', 'bar.local'] },
  { ip: '10.1.2.3', hostnames: ['foo.remote', 'bar.remote'] },
  { ip: 'fd00::1', hostnames: ['v6.remote'] },
];
const existing: HostAlias[] = [
  { ip: '10.0.0.9', hostnames: ['old.local'] },
  { ip: '10.1.2.3', hostnames: ['stale.remote'] },
];

describe('renderPodSpecPatch against kubectl patch --local', () => {
  let dir: string;
  let files = 0;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pod-spec-patch-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function kubectlPatch(
    kind: WorkloadKind,
    type: PatchType,
    format: PatchFormat,
    aliases: HostAlias[],
    before?: HostAlias[],
  ): unknown {
    files += 1;
    const manifestFile = path.join(dir, `manifest-${files}.json`);
    const patchFile = path.join(dir, `patch-${files}.${format}`);
    writeFileSync(manifestFile, JSON.stringify(workloadManifest(kind, before)));
    writeFileSync(patchFile, renderPodSpecPatch({ kind, type, format, hostAliases: aliases }).body);
    const output = execFileSync(
      'kubectl',
      [
        'patch',
        '--local',
        '--kubeconfig=/dev/null',
        '-f',
        manifestFile,
        '--type',
        type,
        '--patch-file',
        patchFile,
        '-o',
        'json',
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const patched = JSON.parse(output) as unknown;
    return hostAliasesPath(kind).reduce<unknown>(
      (node, key) => (node as Record<string, unknown>)[key],
      patched,
    );
  }

  const combinations = WORKLOAD_KINDS.flatMap((kind) =>
    PATCH_TYPES.map((type) => [kind, type] as const),
  );

  it.each(combinations)('%s, --type %s, JSON: sets exactly the rendered list', (kind, type) => {
    expect(kubectlPatch(kind, type, 'json', hostAliases)).toEqual(hostAliases);
  });

  it.each(
    (['Pod', 'PodTemplate', 'CronJob'] as const).flatMap((kind) =>
      PATCH_TYPES.map((type) => [kind, type] as const),
    ),
  )('%s, --type %s, YAML: sets exactly the rendered list', (kind, type) => {
    expect(kubectlPatch(kind, type, 'yaml', hostAliases)).toEqual(hostAliases);
  });

  it.each(PATCH_TYPES)('--type %s, YAML: hostnames like "yes" and "010" stay strings', (type) => {
    const tricky = [{ ip: '1:2:3:4:5:6:7:8', hostnames: ['yes', 'on', 'n', '010', 'null'] }];
    expect(kubectlPatch('Deployment', type, 'yaml', tricky)).toEqual(tricky);
  });

  describe('a manifest that already has hostAliases', () => {
    it.each(['json', 'yaml'] as const)(
      'strategic (%s) merges by ip: keeps 10.0.0.9, replaces the 10.1.2.3 entry in place',
      (format) => {
        // Exactly what kubectl 1.32 writes: the new 127.0.0.1 goes first, the kept 10.0.0.9 after.
        expect(kubectlPatch('Deployment', 'strategic', format, hostAliases, existing)).toEqual([
          { ip: '127.0.0.1', hostnames: ['foo.local', 'bar.local'] },
          { ip: '10.0.0.9', hostnames: ['old.local'] },
          { ip: '10.1.2.3', hostnames: ['foo.remote', 'bar.remote'] },
          { ip: 'fd00::1', hostnames: ['v6.remote'] },
        ]);
      },
    );

    it.each(['merge', 'json'] as const)('%s replaces the whole list', (type) => {
      expect(kubectlPatch('Deployment', type, 'json', hostAliases, existing)).toEqual(hostAliases);
      expect(kubectlPatch('CronJob', type, 'yaml', hostAliases, existing)).toEqual(hostAliases);
    });
  });
});
