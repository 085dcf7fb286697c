import { Injectable } from '@nestjs/common';

import { AuditRecorder } from '../audit/audit.recorder';
import type { RequestContext } from '../auth/actor';
import { policy } from '../auth/policy';
import { decodeNumericCursor, type Page, toPage, pageSize } from '../common/pagination';
import { DomainError } from '../domain/errors';
import { TransactionRunner } from '../infra/database/transaction';
import type { Cluster } from './cluster';
import { ClustersRepository } from './clusters.repository';

export interface ClusterView {
  name: string;
  description: string | null;
  labels: Record<string, string>;
  createdAt: Date;
}

export interface CreateCluster {
  name: string;
  description?: string;
  labels?: Record<string, string>;
}

/** Cluster names remembered as existing; a registry has a handful to a few hundred. */
const MAX_KNOWN_CLUSTERS = 10_000;

@Injectable()
export class ClustersService {
  private readonly known = new Set<string>();

  constructor(
    private readonly clusters: ClustersRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRecorder,
  ) {}

  async create(ctx: RequestContext, input: CreateCluster): Promise<ClusterView> {
    policy.assertSuperUser(ctx.actor);
    if (await this.clusters.findByName(input.name)) {
      throw DomainError.conflict(`cluster "${input.name}" already exists`);
    }
    const cluster = await this.transactions.run(async (tx) => {
      const created = await this.clusters.create(tx, input);
      await this.audit.record(tx, {
        context: ctx,
        action: 'cluster.create',
        target: { type: 'cluster', ref: created.name },
        team: null,
        version: null,
        before: null,
        after: toView(created),
      });
      return created;
    });
    return toView(cluster);
  }

  async list(query: { limit?: number; cursor?: string }): Promise<Page<ClusterView>> {
    const limit = pageSize(query.limit);
    const rows = await this.clusters.list(limit + 1, decodeNumericCursor(query.cursor));
    const page = toPage(rows, limit, (cluster) => cluster.id);
    return { items: page.items.map(toView), nextCursor: page.nextCursor };
  }

  /** NOT_FOUND unless the cluster exists (remembered once found, as in existingNames). */
  async require(name: string): Promise<void> {
    if (!(await this.existingNames([name])).has(name)) {
      throw DomainError.notFound(`cluster "${name}" not found`);
    }
  }

  /**
   * Which of `names` exist. Clusters are never renamed or deleted, so a name once found is
   * remembered and only names not seen yet reach the database (one query per write otherwise).
   */
  async existingNames(names: string[]): Promise<Set<string>> {
    const unseen = names.filter((name) => !this.known.has(name));
    if (unseen.length === 0) return new Set(names);
    const found = await this.clusters.existingNames(unseen);
    for (const name of found) if (this.known.size < MAX_KNOWN_CLUSTERS) this.known.add(name);
    return new Set(names.filter((name) => this.known.has(name) || found.has(name)));
  }
}

function toView(cluster: Cluster): ClusterView {
  return {
    name: cluster.name,
    description: cluster.description,
    labels: cluster.labels,
    createdAt: cluster.createdAt,
  };
}
