import { stringify } from 'yaml';

import { APPLIED_ANNOTATION } from './delivery-annotations';
import type { HostAlias } from './host-alias';
import { ipKey } from './managed-merge';

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

/** With their charset, as the answer carries them (JSON is UTF-8; HTTP frameworks append it). */
const JSON_CONTENT_TYPES: Record<PatchType, string> = {
  strategic: 'application/strategic-merge-patch+json; charset=utf-8',
  merge: 'application/merge-patch+json; charset=utf-8',
  json: 'application/json-patch+json; charset=utf-8',
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

/** Converging (SPEC 8.1): what the patch also writes and removes. */
export interface PatchConvergence {
  /** The new `hostaliases.registry/applied` value. */
  annotation: string;
  /**
   * The IPs placed before, from the object's `applied` annotation; undefined when the object has
   * none yet (then no annotations map may exist, which a json patch cannot create safely).
   */
  previous?: readonly string[];
}

/**
 * A patch for `kubectl patch --type <type> --patch-file`. Strategic merges hostAliases by `ip`;
 * merge (RFC 7386) and json (RFC 6902 `add`, which replaces an existing member) replace the list.
 * With `converge`, the patch also writes the `applied` annotation and, strategic, deletes the
 * entries placed before that the registry no longer places (`$patch: delete` by `ip`).
 */
export function renderPodSpecPatch(input: {
  kind: WorkloadKind;
  type: PatchType;
  format: PatchFormat;
  hostAliases: readonly HostAlias[];
  converge?: PatchConvergence;
}): RenderedPatch {
  const path = hostAliasesPath(input.kind);
  const annotationsPath = [...path.slice(0, -2), 'metadata', 'annotations'];
  // Copy only the Kubernetes fields, in a fixed key order, so equal lists give equal bytes.
  const value: Record<string, unknown>[] = input.hostAliases.map((alias) => ({
    ip: alias.ip,
    hostnames: [...alias.hostnames],
  }));
  const { converge } = input;
  let patch: unknown;
  if (input.type === 'json') {
    const operations: unknown[] = [{ op: 'add', path: pointer(path), value }];
    if (converge?.previous !== undefined) {
      const annotation = pointer([...annotationsPath, APPLIED_ANNOTATION]);
      operations.push({ op: 'add', path: annotation, value: converge.annotation });
    }
    patch = operations;
  } else {
    if (input.type === 'strategic' && converge?.previous !== undefined) {
      const placed = new Set(input.hostAliases.map((alias) => ipKey(alias.ip)));
      const gone = converge.previous.filter((ip) => !placed.has(ipKey(ip)));
      value.push(...gone.map((ip) => ({ ip, $patch: 'delete' })));
    }
    const tree: Record<string, unknown> = {};
    if (converge) setIn(tree, annotationsPath, { [APPLIED_ANNOTATION]: converge.annotation });
    patch = setIn(tree, path, value);
  }
  if (input.format === 'yaml') {
    return { body: toYaml(patch), contentType: 'application/yaml' };
  }
  return {
    body: `${JSON.stringify(patch, null, 2)}\n`,
    contentType: JSON_CONTENT_TYPES[input.type],
  };
}

/** RFC 6901: `~` and `/` inside a key are escaped. */
function pointer(path: readonly string[]): string {
  return path.map((key) => `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function setIn(tree: Record<string, unknown>, path: readonly string[], value: unknown): unknown {
  let node = tree;
  for (const key of path.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
  return tree;
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
