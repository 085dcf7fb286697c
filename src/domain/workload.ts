import type { FieldError, HostAlias } from './host-alias';
import { hostAliasesPath, WORKLOAD_KINDS, type WorkloadKind } from './pod-spec-patch';

/** The API group each kind of SPEC 4.2 lives in; the same kind in another group is not ours. */
const GROUPS: Record<WorkloadKind, string> = {
  Pod: '',
  PodTemplate: '',
  ReplicationController: '',
  Deployment: 'apps',
  ReplicaSet: 'apps',
  StatefulSet: 'apps',
  DaemonSet: 'apps',
  Job: 'batch',
  CronJob: 'batch',
};

/** Where a workload keeps its pod spec and the metadata that carries the delivery annotations. */
export interface WorkloadLocation {
  kind: WorkloadKind;
  /** The pod spec holding `hostAliases`. */
  podSpecPath: string[];
  /** The pod's (or pod template's) metadata. */
  metadataPath: string[];
}

/** The location for a workload kind of SPEC 4.2, or undefined for any other object. */
export function workloadLocation(apiVersion: unknown, kind: unknown): WorkloadLocation | undefined {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  if (!(WORKLOAD_KINDS as readonly string[]).includes(kind)) return undefined;
  const workloadKind = kind as WorkloadKind;
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  if (group !== GROUPS[workloadKind]) return undefined;
  const podSpecPath = hostAliasesPath(workloadKind).slice(0, -1);
  return {
    kind: workloadKind,
    podSpecPath,
    metadataPath: [...podSpecPath.slice(0, -1), 'metadata'],
  };
}

/** A path as Kubernetes writes field paths: `spec.template.metadata`. */
export function fieldPath(prefix: string, path: readonly string[]): string {
  return [prefix, ...path].filter((part) => part !== '').join('.');
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function getPath(object: unknown, path: readonly string[]): unknown {
  let node = object;
  for (const key of path) {
    if (!isPlainObject(node)) return undefined;
    node = node[key];
  }
  return node;
}

/** What delivery reads from a workload: its current hostAliases and its pod annotations. */
export interface WorkloadState {
  current: HostAlias[];
  annotations: Record<string, unknown>;
}

/**
 * Reads a workload object. Its pod spec must be an object (a workload without a pod template is
 * no workload), its hostAliases a list of `{ip, hostnames}`, its annotations a map.
 */
export function readWorkload(
  object: Record<string, unknown>,
  location: WorkloadLocation,
  field: string,
): { state?: WorkloadState; errors: FieldError[] } {
  const podSpec = getPath(object, location.podSpecPath);
  if (!isPlainObject(podSpec)) {
    const message = `a ${location.kind} needs a pod ${location.kind === 'Pod' ? 'spec' : 'template with a spec'}`;
    return { errors: [{ field: fieldPath(field, location.podSpecPath), message }] };
  }
  const errors: FieldError[] = [];
  const aliasesField = fieldPath(field, [...location.podSpecPath, 'hostAliases']);
  const current = readHostAliases(podSpec.hostAliases, aliasesField, errors);
  const metadata = getPath(object, location.metadataPath);
  const annotations = isPlainObject(metadata) ? metadata.annotations : undefined;
  if (annotations !== undefined && annotations !== null && !isPlainObject(annotations)) {
    const annotationsField = fieldPath(field, [...location.metadataPath, 'annotations']);
    errors.push({ field: annotationsField, message: 'must be a map of strings' });
  }
  if (errors.length > 0) return { errors };
  return { state: { current, annotations: isPlainObject(annotations) ? annotations : {} }, errors };
}

function readHostAliases(value: unknown, field: string, errors: FieldError[]): HostAlias[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    errors.push({ field, message: 'must be a list of {ip, hostnames}' });
    return [];
  }
  const aliases: HostAlias[] = [];
  value.forEach((item: unknown, i) => {
    const ip = isPlainObject(item) ? item.ip : undefined;
    const hostnames = isPlainObject(item) ? (item.hostnames ?? []) : undefined;
    if (typeof ip !== 'string') {
      errors.push({ field: `${field}[${i}].ip`, message: 'must be a string' });
    } else if (!Array.isArray(hostnames) || !hostnames.every((h) => typeof h === 'string')) {
      errors.push({ field: `${field}[${i}].hostnames`, message: 'must be a list of strings' });
    } else {
      aliases.push({ ip, hostnames });
    }
  });
  return aliases;
}
