import { parseSetRef, SET_REF_MESSAGE, validateSetRef } from './field-rules';
import type { FieldError } from './host-alias';
import { isValidIp } from './ip';
import type { Resolution } from './resolve';

/** What the owner asks for: `team/a,team/b`. */
export const SETS_ANNOTATION = 'hostaliases.registry/sets';
/** Optional: the cluster to resolve for, overriding the request's. */
export const CLUSTER_ANNOTATION = 'hostaliases.registry/cluster';
/** Written by the registry only: what it placed, so the next delivery can converge. */
export const APPLIED_ANNOTATION = 'hostaliases.registry/applied';

/** The content of the `applied` annotation (SPEC 8). */
export interface AppliedRecord {
  /** Every set used, includes expanded, as `team/name@version`, in resolution order. */
  sets: string[];
  cluster?: string;
  /** The IPs placed, as written. */
  ips: string[];
}

/** `annotations["hostaliases.registry/sets"]` and the like, as Kubernetes writes field paths. */
export function annotationField(metadataField: string, annotation: string): string {
  return `${metadataField}.annotations["${annotation}"]`;
}

/** Compact JSON with a fixed key order, so equal records give equal annotations. */
export function formatApplied(record: AppliedRecord): string {
  const cluster = record.cluster === undefined ? {} : { cluster: record.cluster };
  return JSON.stringify({ sets: record.sets, ...cluster, ips: record.ips });
}

/** What the registry places for a resolution: the record the `applied` annotation holds. */
export function appliedRecordFor(
  resolution: Pick<Resolution, 'sets' | 'versions' | 'hostAliases'>,
  cluster: string | undefined,
): AppliedRecord {
  const sets = resolution.sets.map((ref, i) => `${ref}@${resolution.versions[i]}`);
  const ips = resolution.hostAliases.map((alias) => alias.ip);
  return cluster === undefined ? { sets, ips } : { sets, cluster, ips };
}

export type Parsed<T> = { value: T; errors: [] } | { value?: undefined; errors: FieldError[] };

const APPLIED_MESSAGE =
  'must be the JSON the registry writes: {"sets":["team/name@1"],"cluster":"name","ips":["10.1.2.3"]}';
const VERSIONED_REF = /^([^@]+)@([1-9][0-9]*)$/;

/**
 * Reads an `applied` annotation. Keys the registry does not know are ignored, so an annotation
 * written by a newer version of the registry still converges.
 */
export function parseApplied(value: unknown, field: string): Parsed<AppliedRecord> {
  const fail = (message = APPLIED_MESSAGE): Parsed<AppliedRecord> => ({
    errors: [{ field, message }],
  });
  if (typeof value !== 'string') return fail('must be a string');
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return fail();
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return fail();
  const { sets, cluster, ips } = json as Record<string, unknown>;
  if (!isStringArray(sets) || !isStringArray(ips)) return fail();
  if (cluster !== undefined && typeof cluster !== 'string') return fail();
  const badSet = sets.find((name) => {
    const match = VERSIONED_REF.exec(name);
    return !match || parseSetRef(match[1]) === null;
  });
  if (badSet !== undefined) return fail(`names "${badSet}", not a set as team/name@version`);
  const badIp = ips.find((ip) => !isValidIp(ip));
  if (badIp !== undefined) return fail(`names "${badIp}", not a valid IP address`);
  const record: AppliedRecord = { sets, ips };
  if (cluster !== undefined) record.cluster = cluster;
  return { value: record, errors: [] };
}

/** Reads `team/a,team/b` (spaces around commas allowed); every bad reference is reported. */
export function parseSetsAnnotation(value: unknown, field: string): Parsed<string[]> {
  if (typeof value !== 'string') return { errors: [{ field, message: 'must be a string' }] };
  const refs = value
    .split(',')
    .map((ref) => ref.trim())
    .filter((ref) => ref !== '');
  if (refs.length === 0) return { errors: [{ field, message: SET_REF_MESSAGE }] };
  const errors = refs.flatMap((ref) =>
    validateSetRef(ref, field).map((error) => ({ ...error, message: `"${ref}" ${error.message}` })),
  );
  return errors.length > 0 ? { errors } : { value: refs, errors: [] };
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
