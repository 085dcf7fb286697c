import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { HostAlias } from '../../src/domain/host-alias';
import type { WorkloadKind } from '../../src/domain/pod-spec-patch';

/**
 * The oracle: the real kubectl applies a patch to an object with Kubernetes' own code.
 * `--local` never contacts a server and `--kubeconfig=/dev/null` keeps a developer's kubeconfig
 * out of it; no cluster and no network are needed (kubectl 1.32).
 */
export function kubectlPatch(
  object: string,
  type: 'strategic' | 'merge' | 'json',
  patch: string,
  extension: 'json' | 'yaml' = 'json',
): Record<string, unknown> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubectl-oracle-'));
  try {
    const objectFile = path.join(dir, `object.${extension}`);
    const patchFile = path.join(dir, 'patch');
    writeFileSync(objectFile, object);
    writeFileSync(patchFile, patch);
    const output = execFileSync(
      'kubectl',
      [
        'patch',
        '--local',
        '--kubeconfig=/dev/null',
        '-f',
        objectFile,
        '--type',
        type,
        '--patch-file',
        patchFile,
        '-o',
        'json',
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    return JSON.parse(output) as Record<string, unknown>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** kubectl decodes one document as its kind (an empty merge patch changes nothing). */
export function kubectlDecode(object: string, extension: 'json' | 'yaml'): Record<string, unknown> {
  return kubectlPatch(object, 'merge', '{}', extension);
}

export function pathOf(object: unknown, keys: readonly string[]): unknown {
  return keys.reduce<unknown>(
    (node, key) => (node as Record<string, unknown> | undefined)?.[key],
    object,
  );
}

/** A minimal valid manifest of the kind, its pod spec holding `aliases` when given. */
export function workloadManifest(
  kind: WorkloadKind,
  aliases?: readonly HostAlias[],
): Record<string, unknown> {
  const restart = kind === 'Job' || kind === 'CronJob' ? { restartPolicy: 'Never' } : {};
  const podSpec = {
    containers: [{ name: 'app', image: 'nginx' }],
    ...restart,
    ...(aliases ? { hostAliases: aliases } : {}),
  };
  const template = { metadata: { labels: { app: 'web' } }, spec: podSpec };
  const metadata = { name: 'web' };
  const selector = { matchLabels: { app: 'web' } };
  switch (kind) {
    case 'Pod':
      return { apiVersion: 'v1', kind, metadata, spec: podSpec };
    case 'PodTemplate':
      return { apiVersion: 'v1', kind, metadata, template };
    case 'ReplicationController':
      return { apiVersion: 'v1', kind, metadata, spec: { selector: { app: 'web' }, template } };
    case 'Job':
      return { apiVersion: 'batch/v1', kind, metadata, spec: { template } };
    case 'CronJob':
      return {
        apiVersion: 'batch/v1',
        kind,
        metadata,
        spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template } } },
      };
    default:
      return { apiVersion: 'apps/v1', kind, metadata, spec: { selector, template } };
  }
}
