import {
  annotationField,
  APPLIED_ANNOTATION,
  type AppliedRecord,
  CLUSTER_ANNOTATION,
  parseApplied,
  parseSetsAnnotation,
  SETS_ANNOTATION,
} from './delivery-annotations';
import { DomainError } from './errors';
import type { HostAlias } from './host-alias';
import { type ManagedMerge, sameAliasList } from './managed-merge';
import { isPlainObject, readWorkload, workloadLocation } from './workload';

/*
 * `admission.k8s.io/v1` as in k8s.io/api/admission/v1 (types.go): only the fields the registry
 * reads or writes. JSON names and casing are Kubernetes' own.
 */
export const ADMISSION_API_VERSION = 'admission.k8s.io/v1';

export interface AdmissionRequest {
  uid: string;
  kind?: { group?: string; version?: string; kind?: string };
  resource?: { group?: string; version?: string; resource?: string };
  subResource?: string;
  namespace?: string;
  name?: string;
  operation?: string;
  object?: unknown;
  dryRun?: boolean;
}

/** metav1.Status, as a denial carries it. */
export interface AdmissionStatus {
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: 'Forbidden';
  code: 403;
}

export interface AdmissionResponse {
  uid: string;
  allowed: boolean;
  status?: AdmissionStatus;
  /** Base64 of the RFC 6902 operations. */
  patch?: string;
  patchType?: 'JSONPatch';
  auditAnnotations?: Record<string, string>;
  warnings?: string[];
}

export interface AdmissionReview {
  apiVersion: typeof ADMISSION_API_VERSION;
  kind: 'AdmissionReview';
  response: AdmissionResponse;
}

/** Reads the review envelope; anything that is not one is a 400 (nothing about the pod is). */
export function parseAdmissionReview(body: unknown): AdmissionRequest {
  const errors = [];
  if (!isPlainObject(body)) {
    throw DomainError.invalid([{ field: '', message: 'must be an AdmissionReview object' }]);
  }
  if (body.apiVersion !== ADMISSION_API_VERSION) {
    errors.push({ field: 'apiVersion', message: `must be "${ADMISSION_API_VERSION}"` });
  }
  if (body.kind !== 'AdmissionReview') {
    errors.push({ field: 'kind', message: 'must be "AdmissionReview"' });
  }
  const request = body.request;
  if (!isPlainObject(request) || typeof request.uid !== 'string' || request.uid === '') {
    errors.push({ field: 'request.uid', message: 'is required' });
  }
  if (errors.length > 0)
    throw DomainError.invalid(errors, 'not an admission.k8s.io/v1 AdmissionReview');
  return request as AdmissionRequest;
}

/** Only pods being created are ours; everything else is allowed unchanged. */
export function isPodCreation(request: AdmissionRequest): boolean {
  return (
    request.operation === 'CREATE' &&
    (request.kind?.group ?? '') === '' &&
    request.kind?.kind === 'Pod' &&
    (request.subResource ?? '') === ''
  );
}

/** What the pod asks the registry for, or why it cannot be read. */
export type PodAsk =
  | { kind: 'none' }
  | { kind: 'invalid'; warnings: string[] }
  | {
      kind: 'sets';
      sets: string[];
      cluster?: string;
      current: HostAlias[];
      previous?: AppliedRecord;
      currentApplied?: string;
    };

const POD = workloadLocation('v1', 'Pod')!;

export function readPodAsk(pod: unknown, defaultCluster: string | undefined): PodAsk {
  if (!isPlainObject(pod)) return { kind: 'invalid', warnings: ['request.object is not a pod'] };
  const annotations = isPlainObject(pod.metadata) ? pod.metadata.annotations : undefined;
  if (!isPlainObject(annotations) || annotations[SETS_ANNOTATION] === undefined) {
    return { kind: 'none' };
  }
  const read = readWorkload(pod, POD, '');
  const sets = parseSetsAnnotation(
    annotations[SETS_ANNOTATION],
    annotationField('metadata', SETS_ANNOTATION),
  );
  const appliedValue = annotations[APPLIED_ANNOTATION];
  const applied =
    appliedValue === undefined
      ? undefined
      : parseApplied(appliedValue, annotationField('metadata', APPLIED_ANNOTATION));
  const cluster = annotations[CLUSTER_ANNOTATION];
  const clusterErrors =
    cluster === undefined || typeof cluster === 'string'
      ? []
      : [{ field: annotationField('metadata', CLUSTER_ANNOTATION), message: 'must be a string' }];
  const errors = [...read.errors, ...sets.errors, ...(applied?.errors ?? []), ...clusterErrors];
  if (errors.length > 0 || !read.state || !sets.value) {
    return { kind: 'invalid', warnings: errors.map((e) => `${e.field}: ${e.message}`) };
  }
  return {
    kind: 'sets',
    sets: sets.value,
    cluster: typeof cluster === 'string' && cluster !== '' ? cluster : defaultCluster,
    current: read.state.current,
    previous: applied?.value,
    currentApplied: typeof appliedValue === 'string' ? appliedValue : undefined,
  };
}

export interface JsonPatchOperation {
  op: 'add' | 'remove';
  path: string;
  value?: unknown;
}

/**
 * The RFC 6902 operations that turn the pod into the merge's result with the new `applied`
 * annotation; none when it already is (so a reinvocation on our own output changes nothing).
 * The annotations map exists: the pod asked for sets in it.
 */
export function podPatch(
  current: readonly HostAlias[],
  merged: ManagedMerge,
  currentApplied: string | undefined,
  applied: string,
): JsonPatchOperation[] {
  const operations: JsonPatchOperation[] = [];
  if (!sameAliasList(current, merged.hostAliases)) {
    operations.push(
      merged.hostAliases.length > 0
        ? { op: 'add', path: '/spec/hostAliases', value: merged.hostAliases }
        : { op: 'remove', path: '/spec/hostAliases' },
    );
  }
  if (currentApplied !== applied) {
    operations.push({
      op: 'add',
      path: '/metadata/annotations/hostaliases.registry~1applied',
      value: applied,
    });
  }
  return operations;
}
