import { Injectable } from '@nestjs/common';

import type { StoredAliasSet } from '../alias-sets/alias-set';
import type { Actor } from '../auth/actor';
import { policy } from '../auth/policy';
import { ClustersService } from '../clusters/clusters.service';
import { appliedRecordFor, formatApplied, parseApplied } from '../domain/delivery-annotations';
import { DomainError } from '../domain/errors';
import { liveAt, type LiveSet, nextExpiry } from '../domain/expiry';
import { type FieldError, formatSetRef } from '../domain/host-alias';
import { derivePodIdentity, type PodInput, renderHostsFile } from '../domain/hosts-file';
import {
  type PatchFormat,
  type PatchType,
  renderPodSpecPatch,
  type WorkloadKind,
} from '../domain/pod-spec-patch';
import { type ConflictPolicy, type Resolution, resolveAliasSets } from '../domain/resolve';
import { validatePodInput, validateSetRef } from '../domain/validation';
import { contentEtag } from '../common/etag';
import { RenderCache, type RenderResult } from './render-cache';
import type { Rendered } from './render-reply';

export interface ResolveRequest {
  sets: string[];
  cluster?: string;
  onConflict?: ConflictPolicy;
}

export interface HostsRequest extends ResolveRequest {
  pod: PodInput;
}

export interface PatchRequest extends ResolveRequest {
  kind: WorkloadKind;
  type: PatchType;
  format: PatchFormat;
  /** The object's `hostaliases.registry/applied` annotation, when it has one (SPEC 8.1). */
  applied?: string;
}

/** The pod of a GET query string (`podIP` repeated) as the domain's PodInput. */
export function hostsRequestFromQuery(
  query: ResolveRequest &
    Omit<PodInput, 'podIPs' | 'hostNetwork' | 'nodeHostsFile'> & { podIP?: string[] },
): HostsRequest {
  const { sets, cluster, onConflict, podIP, hostnameOverride, ...pod } = query;
  // In a query string a parameter without a value is absent; in a body "" is a value.
  const override = hostnameOverride === '' ? undefined : hostnameOverride;
  return {
    sets,
    cluster,
    onConflict,
    pod: { ...pod, hostnameOverride: override, podIPs: podIP ?? [] },
  };
}

/** The pod's fields in a fixed order, however the client ordered them. */
function podKey(pod: PodInput): string {
  return JSON.stringify([
    pod.podName,
    pod.hostname,
    pod.subdomain,
    pod.namespace,
    pod.clusterDomain,
    pod.hostnameOverride,
    pod.podIPs,
    pod.hostNetwork,
    pod.nodeHostsFile,
  ]);
}

function queryField(field: string): string {
  return field.replace(/^pod\.podIPs/, 'podIP').replace(/^pod\./, '');
}

interface Loaded {
  key: string;
  deps: string[];
  generation: number;
  /** When the first entry of the closure expires (milliseconds; Infinity: never). */
  validUntil: number;
  resolution: () => Resolution;
}

/**
 * The hot path: load the closure of the requested sets (one round trip), resolve it with the pure
 * domain, render, and remember the bytes under a key that includes every set's version.
 */
@Injectable()
export class RenderService {
  constructor(
    private readonly cache: RenderCache,
    private readonly clusters: ClustersService,
  ) {}

  async resolve(actor: Actor, request: ResolveRequest): Promise<Resolution> {
    return (await this.load(actor, request)).resolution();
  }

  /**
   * `style` names fields as the client wrote them: `pod.podIPs[0]` in a JSON body, `podIP[0]` in
   * a query string.
   */
  async hosts(
    actor: Actor,
    request: HostsRequest,
    style: 'body' | 'query' = 'body',
  ): Promise<RenderResult> {
    const { pod } = request;
    const errors = validatePodInput(pod, 'pod');
    if (!pod.hostNetwork && !pod.podName && !pod.hostname && !pod.hostnameOverride) {
      errors.push({ field: 'pod.podName', message: 'podName or hostname is required' });
    }
    if (errors.length > 0) {
      const named =
        style === 'body' ? errors : errors.map((e) => ({ ...e, field: queryField(e.field) }));
      throw DomainError.invalid(named, 'invalid pod parameters');
    }
    const loaded = await this.load(actor, request);
    const key = `hosts|${loaded.key}|${podKey(request.pod)}`;
    return this.cached(loaded, key, () => {
      const identity = derivePodIdentity(request.pod);
      const body = renderHostsFile({
        podIPs: request.pod.podIPs ?? [],
        hostname: identity.hostname,
        domain: identity.domain,
        hostNetwork: request.pod.hostNetwork,
        nodeHostsFile: request.pod.nodeHostsFile,
        hostAliases: loaded.resolution().hostAliases,
      });
      return { body, contentType: 'text/plain; charset=utf-8', etag: contentEtag(body) };
    });
  }

  /** Every patch writes the `applied` annotation; given the previous one, it also converges. */
  async patch(actor: Actor, request: PatchRequest): Promise<RenderResult> {
    const applied = request.applied ? parseApplied(request.applied, 'applied') : undefined;
    if (applied?.errors.length)
      throw DomainError.invalid(applied.errors, 'invalid applied annotation');
    const loaded = await this.load(actor, request);
    const { kind, type, format } = request;
    const key = `patch|${loaded.key}|${kind}|${type}|${format}|${request.applied ?? ''}`;
    return this.cached(loaded, key, () => {
      const resolution = loaded.resolution();
      const rendered = renderPodSpecPatch({
        kind,
        type,
        format,
        hostAliases: resolution.hostAliases,
        converge: {
          annotation: formatApplied(appliedRecordFor(resolution, request.cluster)),
          previous: applied?.value?.ips,
        },
      });
      return { ...rendered, etag: contentEtag(rendered.body) };
    });
  }

  private cached(loaded: Loaded, key: string, render: () => Rendered): RenderResult {
    const rendered = this.cache.rendering(key, render);
    const { deps, generation, validUntil } = loaded;
    return { ...rendered, deps, generation, validUntil };
  }

  /**
   * Validates the request, loads every set it can reach, and returns a cache key made of the
   * request and the closure's versions, plus a lazy resolution (skipped on a cache hit). Sets are
   * resolved as they are now: an expired entry is left out from its instant on, and the key counts
   * expired entries, so an expiry makes new bytes and a new ETag without any write.
   */
  private async load(actor: Actor, request: ResolveRequest): Promise<Loaded> {
    const errors: FieldError[] = request.sets.flatMap((ref, i) =>
      validateSetRef(ref, `sets[${i}]`),
    );
    if (request.sets.length === 0) errors.push({ field: 'sets', message: 'name at least one set' });
    if (errors.length > 0) throw DomainError.invalid(errors, 'invalid set references');
    if (request.cluster !== undefined) await this.clusters.require(request.cluster);

    const generation = this.cache.generation;
    const closure = await this.cache.closure(request.sets);
    const now = Date.now();
    const readable = (ref: string): LiveSet<StoredAliasSet> | undefined => {
      const set = closure.get(ref);
      return set && policy.canReadSet(actor, set) ? liveAt(set, now) : undefined;
    };
    for (const ref of request.sets) {
      if (!readable(ref)) throw DomainError.notFound(`alias set "${ref}" not found`);
    }
    let validUntil = Number.POSITIVE_INFINITY;
    const versions = [...closure.values()]
      .map((set) => {
        validUntil = Math.min(validUntil, nextExpiry(set, now) ?? validUntil);
        const expired = liveAt(set, now).expiredEntries;
        return `${formatSetRef(set)}@${set.version}${expired > 0 ? `-${expired}` : ''}`;
      })
      .sort()
      .join(',');
    const key = [
      request.sets.join(','),
      request.cluster ?? '',
      request.onConflict ?? 'error',
      versions,
      actor.kind === 'token' ? actor.teamSlug : '*',
    ].join('|');
    let memo: Resolution | undefined;
    return {
      key,
      deps: [...request.sets, ...closure.keys()],
      generation,
      validUntil,
      resolution: () =>
        (memo ??= resolveAliasSets({
          refs: request.sets,
          cluster: request.cluster,
          onConflict: request.onConflict ?? 'error',
          getSet: readable,
          compiler: this.cache.compiled,
        })),
    };
  }
}
