import { Injectable } from '@nestjs/common';

import { PrismaService } from '../infra/database/prisma.service';
import type { Tx } from '../infra/database/transaction';
import type { Cluster } from './cluster';

interface ClusterRow {
  id: number;
  name: string;
  description: string | null;
  labels: unknown;
  createdAt: Date;
}

@Injectable()
export class ClustersRepository {
  constructor(private readonly prisma: PrismaService) {}

  async create(
    tx: Tx,
    input: { name: string; description?: string; labels?: Record<string, string> },
  ): Promise<Cluster> {
    const rows = await tx.query<ClusterRow>(
      `INSERT INTO clusters (name, description, labels) VALUES ($1, $2, $3)
       RETURNING id, name, description, labels, created_at AS "createdAt"`,
      [input.name, input.description ?? null, JSON.stringify(input.labels ?? {})],
    );
    return toCluster(rows[0]);
  }

  async findByName(name: string): Promise<Cluster | null> {
    const row = await this.prisma.cluster.findUnique({ where: { name } });
    return row ? toCluster(row) : null;
  }

  /** Which of these names exist. */
  async existingNames(names: string[]): Promise<Set<string>> {
    if (names.length === 0) return new Set();
    const rows = await this.prisma.cluster.findMany({
      where: { name: { in: names } },
      select: { name: true },
    });
    return new Set(rows.map((r) => r.name));
  }

  async list(limit: number, afterId?: bigint): Promise<Cluster[]> {
    const rows = await this.prisma.cluster.findMany({
      where: { id: afterId !== undefined ? { gt: Number(afterId) } : undefined },
      orderBy: { id: 'asc' },
      take: limit,
    });
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
