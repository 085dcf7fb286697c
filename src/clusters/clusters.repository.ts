import { Injectable } from '@nestjs/common';

import { type Tx, TransactionRunner } from '../infra/database/transaction';
import type { Cluster } from './cluster';

interface ClusterRow {
  id: number;
  name: string;
  description: string | null;
  labels: unknown;
  createdAt: Date;
}

const CLUSTER_COLUMNS = 'id, name, description, labels, created_at AS "createdAt"';

@Injectable()
export class ClustersRepository {
  constructor(private readonly db: TransactionRunner) {}

  async create(
    tx: Tx,
    input: { name: string; description?: string; labels?: Record<string, string> },
  ): Promise<Cluster> {
    const rows = await tx.query<ClusterRow>(
      `INSERT INTO clusters (name, description, labels) VALUES ($1, $2, $3)
       RETURNING ${CLUSTER_COLUMNS}`,
      [input.name, input.description ?? null, JSON.stringify(input.labels ?? {})],
    );
    return toCluster(rows[0]);
  }

  async findByName(name: string): Promise<Cluster | null> {
    const rows = await this.db.query<ClusterRow>(
      `SELECT ${CLUSTER_COLUMNS} FROM clusters WHERE name = $1`,
      [name],
    );
    return rows[0] ? toCluster(rows[0]) : null;
  }

  /** Which of these names exist. */
  async existingNames(names: string[]): Promise<Set<string>> {
    if (names.length === 0) return new Set();
    const rows = await this.db.query<{ name: string }>(
      'SELECT name FROM clusters WHERE name = ANY($1::text[])',
      [names],
    );
    return new Set(rows.map((r) => r.name));
  }

  async list(limit: number, afterId?: bigint): Promise<Cluster[]> {
    const rows = await this.db.query<ClusterRow>(
      `SELECT ${CLUSTER_COLUMNS} FROM clusters WHERE $1::int8 IS NULL OR id > $1::int8
       ORDER BY id LIMIT $2`,
      [afterId?.toString() ?? null, limit],
    );
    return rows.map(toCluster);
  }
}

function toCluster(row: ClusterRow): Cluster {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    labels: (row.labels ?? {}) as Record<string, string>,
    createdAt: row.createdAt,
  };
}
