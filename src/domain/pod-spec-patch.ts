import { stringify } from 'yaml';

import type { HostAlias } from './host-alias';

export const WORKLOAD_KINDS = [
  'Pod',
  'PodTemplate',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'ReplicationController',
  'Job',
  'CronJob',
] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

export const PATCH_TYPES = ['strategic', 'merge', 'json'] as const;
export type PatchType = (typeof PATCH_TYPES)[number];

export const PATCH_FORMATS = ['json', 'yaml'] as const;
export type PatchFormat = (typeof PATCH_FORMATS)[number];

export interface RenderedPatch {
  body: string;
  contentType: string;
}

const JSON_CONTENT_TYPES: Record<PatchType, string> = {
  strategic: 'application/strategic-merge-patch+json',
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
};

/** Where the kind keeps its pod spec's hostAliases (SPEC 4.2). */
export function hostAliasesPath(kind: WorkloadKind): string[] {
  switch (kind) {
    case 'Pod':
      return ['spec', 'hostAliases'];
    case 'PodTemplate':
      return ['template', 'spec', 'hostAliases'];
    case 'CronJob':
      return ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'hostAliases'];
    default:
      return ['spec', 'template', 'spec', 'hostAliases'];
  }
}

/**
 * A patch for `kubectl patch --type <type> --patch-file`. Strategic merges hostAliases by `ip`;
 * merge (RFC 7386) and json (RFC 6902 `add`, which replaces an existing member) replace the list.
 */
export function renderPodSpecPatch(input: {
  kind: WorkloadKind;
  type: PatchType;
  format: PatchFormat;
  hostAliases: HostAlias[];
}): RenderedPatch {
  const path = hostAliasesPath(input.kind);
  // Copy only the Kubernetes fields, in a fixed key order, so equal lists give equal bytes.
  const value = input.hostAliases.map((alias) => ({
    ip: alias.ip,
    hostnames: [...alias.hostnames],
  }));
  const patch =
    input.type === 'json'
      ? [{ op: 'add', path: `/${path.join('/')}`, value }]
      : path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
  if (input.format === 'yaml') {
    return { body: toYaml(patch), contentType: 'application/yaml' };
  }
  return {
    body: `${JSON.stringify(patch, null, 2)}\n`,
    contentType: JSON_CONTENT_TYPES[input.type],
  };
}

/**
 * Every string is double-quoted: kubectl reads YAML 1.1, where a plain `yes`, `on` or `n` (all
 * valid hostnames) would silently become a boolean.
 */
function toYaml(value: unknown): string {
  return stringify(value, {
    defaultStringType: 'QUOTE_DOUBLE',
    defaultKeyType: 'PLAIN',
    lineWidth: 0,
  });
}
