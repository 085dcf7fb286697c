import { Inject, Injectable } from '@nestjs/common';

import type { Actor } from '../auth/actor';
import { ClustersService } from '../clusters/clusters.service';
import type { Config } from '../config/config';
import { CONFIG } from '../config/config.module';
import {
  annotationField,
  APPLIED_ANNOTATION,
  appliedRecordFor,
  CLUSTER_ANNOTATION,
  formatApplied,
  parseApplied,
  parseSetsAnnotation,
  SETS_ANNOTATION,
} from '../domain/delivery-annotations';
import { DomainError } from '../domain/errors';
import type { FieldError, HostAlias } from '../domain/host-alias';
import {
  type Drift,
  managedDrift,
  managedMerge,
  type ManagedMerge,
  sameAliasList,
} from '../domain/managed-merge';
import type { ConflictPolicy, Resolution } from '../domain/resolve';
import { fieldPath, isPlainObject, readWorkload, workloadLocation } from '../domain/workload';
import { type Gone, Slots } from '../infra/http/slots';
import { Metrics } from '../infra/metrics/metrics';
import { RenderService } from '../render/render.service';
import { busy, locate, refuseConflicts } from './manifest-errors';
import {
  type ManifestFile,
  type ManifestFormat,
  type ManifestObject,
  parseManifests,
  type WorkloadEdit,
} from './manifest-documents';

export interface ManifestsRequest {
  /** YAML text, JSON text, or an already parsed JSON object. */
  body: unknown;
  /** Overrides every workload's sets annotation. */
  sets?: string[];
  /** The cluster, unless a workload's cluster annotation names another. */
  cluster?: string;
  onConflict?: ConflictPolicy;
}

/** One workload: where it is and how far it is from what the registry places (SPEC 8.1). */
export interface ManifestItem extends Drift {
  /** `documents[2]`, or `documents[0].items[1]` in a List. */
  document: string;
  kind: string;
  namespace: string | null;
  name: string | null;
}

export interface ManifestsCheck {
  inSync: boolean;
  items: ManifestItem[];
}

export interface ManifestsApplied extends ManifestsCheck {
  body: string;
  format: ManifestFormat;
  contentType: string;
}

interface Planned {
  object: ManifestObject;
  item: ManifestItem;
  merged: ManagedMerge;
  edit?: WorkloadEdit;
}

interface Target {
  object: ManifestObject;
  sets: string[];
  setsField: string;
  cluster?: string;
  clusterField: string;
  current: HostAlias[];
  placed: string[];
  currentAnnotation: unknown;
}

/**
 * Manifests in, manifests out (SPEC 8.1): every workload asking for sets gets the registry's
 * entries by the three-way merge, and the `applied` annotation that lets the next run converge.
 * Reads only: nothing is written or audited, the calls are counted in /metrics. Requests take
 * their turn (MANIFESTS_CONCURRENCY at once, in arrival order): parsing and printing YAML is
 * the heaviest work the service does per request, and 64 at once interleaved left some waiting
 * ten times longer than the rest.
 */
@Injectable()
export class ManifestsService {
  private readonly slots: Slots<DomainError>;

  constructor(
    private readonly render: RenderService,
    private readonly clusters: ClustersService,
    private readonly metrics: Metrics,
    @Inject(CONFIG) config: Config,
  ) {
    this.slots = new Slots(config.manifestsConcurrency, busy);
  }

  async apply(actor: Actor, request: ManifestsRequest, gone?: Gone): Promise<ManifestsApplied> {
    return this.counted('apply', gone, async () => {
      const file = parseManifests(request.body);
      const planned = await this.plan(actor, file, request);
      if ((request.onConflict ?? 'error') === 'error') refuseConflicts(planned);
      const edits = new Map(planned.flatMap((p) => (p.edit ? [[p.object, p.edit] as const] : [])));
      const items = planned.map((p) => p.item);
      return {
        body: file.render(edits),
        format: file.format,
        contentType: file.format === 'json' ? 'application/json' : 'application/yaml',
        inSync: items.every((item) => item.inSync),
        items,
      };
    });
  }

  async check(actor: Actor, request: ManifestsRequest, gone?: Gone): Promise<ManifestsCheck> {
    return this.counted('check', gone, async () => {
      const planned = await this.plan(actor, parseManifests(request.body), request);
      const items = planned.map((p) => p.item);
      return { inSync: items.every((item) => item.inSync), items };
    });
  }

  private async counted<T extends ManifestsCheck>(
    operation: 'apply' | 'check',
    gone: Gone | undefined,
    run: () => Promise<T>,
  ): Promise<T> {
    try {
      const result = await this.slots.run(run, gone);
      const outcome = result.inSync ? 'in_sync' : 'drift';
      this.metrics.manifests.inc({ operation, outcome });
      this.metrics.manifestWorkloads.inc({ operation }, result.items.length);
      return result;
    } catch (error) {
      this.metrics.manifests.inc({ operation, outcome: 'refused' });
      throw error;
    }
  }

  private async plan(
    actor: Actor,
    file: ManifestFile,
    request: ManifestsRequest,
  ): Promise<Planned[]> {
    const errors: FieldError[] = [];
    const targets = file.objects.flatMap((object) => {
      const target = targetOf(object, request, errors);
      return target ? [target] : [];
    });
    if (errors.length > 0) throw DomainError.invalid(errors, 'invalid manifests');

    const resolutions = new Map<string, Promise<Resolution>>();
    const resolve = (target: Target): Promise<Resolution> => {
      const key = `${target.sets.join(',')}|${target.cluster ?? ''}`;
      let resolution = resolutions.get(key);
      if (!resolution) {
        resolution = this.resolve(actor, target, request.onConflict);
        resolutions.set(key, resolution);
      }
      return resolution;
    };
    // One at a time: errors come in document order, and equal requests share one resolution.
    const planned: Planned[] = [];
    for (const target of targets) planned.push(planOne(target, await resolve(target)));
    return planned;
  }

  /** Resolution through the one resolver, its errors pointing at the field that named the sets. */
  private async resolve(
    actor: Actor,
    target: Target,
    onConflict: ConflictPolicy | undefined,
  ): Promise<Resolution> {
    const { sets, cluster } = target;
    if (cluster !== undefined) {
      await this.clusters.require(cluster).catch((error: unknown) => {
        throw locate(error, target.clusterField);
      });
    }
    return this.render.resolve(actor, { sets, cluster, onConflict }).catch((error: unknown) => {
      throw locate(error, target.setsField);
    });
  }
}

/** The sets, cluster and previous placement a workload asks for, or undefined if it asks none. */
function targetOf(
  object: ManifestObject,
  request: ManifestsRequest,
  errors: FieldError[],
): Target | undefined {
  const location = workloadLocation(object.value.apiVersion, object.value.kind);
  if (!location) return undefined;
  const read = readWorkload(object.value, location, object.field);
  if (!read.state) {
    errors.push(...read.errors);
    return undefined;
  }
  const { annotations, current } = read.state;
  const metadataField = fieldPath(object.field, location.metadataPath);
  const setsField = annotationField(metadataField, SETS_ANNOTATION);
  const clusterField = annotationField(metadataField, CLUSTER_ANNOTATION);
  const appliedField = annotationField(metadataField, APPLIED_ANNOTATION);

  let sets = request.sets;
  if (sets === undefined || sets.length === 0) {
    if (annotations[SETS_ANNOTATION] === undefined) return undefined;
    const parsed = parseSetsAnnotation(annotations[SETS_ANNOTATION], setsField);
    errors.push(...parsed.errors);
    sets = parsed.value;
  }
  const clusterAnnotation = annotations[CLUSTER_ANNOTATION];
  if (clusterAnnotation !== undefined && typeof clusterAnnotation !== 'string') {
    errors.push({ field: clusterField, message: 'must be a string' });
  }
  const applied =
    annotations[APPLIED_ANNOTATION] === undefined
      ? undefined
      : parseApplied(annotations[APPLIED_ANNOTATION], appliedField);
  errors.push(...(applied?.errors ?? []));
  if (!sets || (applied && !applied.value)) return undefined;
  const fromAnnotation = typeof clusterAnnotation === 'string' && clusterAnnotation !== '';
  return {
    object,
    sets,
    setsField: request.sets?.length ? 'sets' : setsField,
    cluster: fromAnnotation ? clusterAnnotation : request.cluster,
    clusterField: fromAnnotation ? clusterField : 'cluster',
    current,
    placed: applied?.value?.ips ?? [],
    currentAnnotation: annotations[APPLIED_ANNOTATION],
  };
}

function planOne(target: Target, resolution: Resolution): Planned {
  const { object, current, placed } = target;
  const location = workloadLocation(object.value.apiVersion, object.value.kind);
  const desired = resolution.hostAliases;
  const merged = managedMerge({ current, placed, desired });
  const drift = managedDrift({ current, placed, desired });
  const annotation = formatApplied(appliedRecordFor(resolution, target.cluster));
  const metadata = isPlainObject(object.value.metadata) ? object.value.metadata : {};
  const item: ManifestItem = {
    document: object.field,
    kind: String(object.value.kind),
    namespace: typeof metadata.namespace === 'string' ? metadata.namespace : null,
    name: typeof metadata.name === 'string' ? metadata.name : null,
    ...drift,
  };
  const unchanged =
    sameAliasList(merged.hostAliases, current) && target.currentAnnotation === annotation;
  if (unchanged || !location) return { object, item, merged };
  const edit = { location, hostAliases: merged.hostAliases, kept: merged.kept, annotation };
  return { object, item, merged, edit };
}
