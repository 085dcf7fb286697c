import { Injectable } from '@nestjs/common';

import { Prisma } from '../generated/prisma/client';
import type { AliasSetSnapshot } from '../domain/host-alias';
import { CHANGES_CHANNEL } from '../infra/database/change-feed';
import { PrismaService } from '../infra/database/prisma.service';
import type { Tx } from '../infra/database/transaction';
import type { AliasSetContent, Revision, RevisionSummary, StoredAliasSet } from './alias-set';

const SET_INCLUDE = {
  team: { select: { slug: true } },
  entries: { orderBy: { position: 'asc' } },
  includes: {
    orderBy: { position: 'asc' },
    include: { includedSet: { select: { name: true, team: { select: { slug: true } } } } },
  },
} satisfies Prisma.AliasSetInclude;

type SetRow = Prisma.AliasSetGetPayload<{ include: typeof SET_INCLUDE }>;

export interface ListFilter {
  team?: string;
  q?: string;
  /** Restrict to sets this token's team owns or that are shared. */
  visibleToTeam?: string;
  afterId?: bigint;
  limit: number;
}

@Injectable()
export class AliasSetsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async findByRef(team: string, name: string): Promise<StoredAliasSet | null> {
    const row = await this.prisma.aliasSet.findFirst({
      where: { name, team: { slug: team } },
      include: SET_INCLUDE,
    });
    return row ? toStored(row) : null;
  }

  /** Reads the set and locks its row until the transaction ends: writers queue up here. */
  async lockByRef(tx: Tx, teamId: number, name: string): Promise<StoredAliasSet | null> {
    const locked = await tx.$queryRaw<{ id: number }[]>`
      SELECT id FROM alias_sets WHERE team_id = ${teamId} AND name = ${name} FOR UPDATE`;
    if (locked.length === 0) return null;
    const row = await tx.aliasSet.findUniqueOrThrow({
      where: { id: locked[0].id },
      include: SET_INCLUDE,
    });
    return toStored(row);
  }

  /** Ids of existing sets by `team/name`. */
  async idsByRef(tx: Tx | PrismaService, refs: string[]): Promise<Map<string, number>> {
    if (refs.length === 0) return new Map();
    const pairs = refs.map((ref) => ref.split('/') as [string, string]);
    const rows = await tx.aliasSet.findMany({
      where: { OR: pairs.map(([team, name]) => ({ name, team: { slug: team } })) },
      select: { id: true, name: true, team: { select: { slug: true } } },
    });
    return new Map(rows.map((row) => [`${row.team.slug}/${row.name}`, row.id]));
  }

  /** Snapshots (shared flag included) of these sets, for reference checks. */
  async findManyByRef(refs: string[]): Promise<StoredAliasSet[]> {
    if (refs.length === 0) return [];
    const pairs = refs.map((ref) => ref.split('/') as [string, string]);
    const rows = await this.prisma.aliasSet.findMany({
      where: { OR: pairs.map(([team, name]) => ({ name, team: { slug: team } })) },
      include: SET_INCLUDE,
    });
    return rows.map(toStored);
  }

  /**
   * Every set reachable from `refs` through includes, in one recursive query for the ids and one
   * read of their content. Missing refs are simply absent from the result.
   */
  async loadClosure(refs: string[], tx?: Tx): Promise<Map<string, StoredAliasSet>> {
    const client = tx ?? this.prisma;
    if (refs.length === 0) return new Map();
    const pairs = refs.map((ref) => ref.split('/'));
    const teams = pairs.map((p) => p[0] ?? '');
    const names = pairs.map((p) => p[1] ?? '');
    const ids = await client.$queryRaw<{ id: number }[]>`
      WITH RECURSIVE closure(id) AS (
        SELECT s.id FROM alias_sets s
          JOIN teams t ON t.id = s.team_id
          JOIN unnest(${teams}::text[], ${names}::text[]) AS r(team, name)
            ON r.team = t.slug AND r.name = s.name
        UNION
        SELECT i.included_set_id FROM alias_set_includes i JOIN closure c ON i.alias_set_id = c.id
      )
      SELECT id FROM closure`;
    const rows = await client.aliasSet.findMany({
      where: { id: { in: ids.map((r) => r.id) } },
      include: SET_INCLUDE,
    });
    return new Map(rows.map((row) => [`${row.team.slug}/${row.name}`, toStored(row)]));
  }

  async list(filter: ListFilter): Promise<StoredAliasSet[]> {
    const and: Prisma.AliasSetWhereInput[] = [];
    if (filter.team !== undefined) and.push({ team: { slug: filter.team } });
    if (filter.visibleToTeam !== undefined) {
      and.push({ OR: [{ shared: true }, { team: { slug: filter.visibleToTeam } }] });
    }
    if (filter.q !== undefined && filter.q !== '') {
      and.push({
        OR: [
          { name: { contains: filter.q, mode: 'insensitive' } },
          { description: { contains: filter.q, mode: 'insensitive' } },
          { entries: { some: { hostnames: { has: filter.q.toLowerCase() } } } },
          { entries: { some: { ip: filter.q } } },
        ],
      });
    }
    if (filter.afterId !== undefined) and.push({ id: { gt: Number(filter.afterId) } });
    const rows = await this.prisma.aliasSet.findMany({
      where: { AND: and },
      orderBy: { id: 'asc' },
      take: filter.limit,
      include: SET_INCLUDE,
    });
    return rows.map(toStored);
  }

  async create(
    tx: Tx,
    teamId: number,
    name: string,
    content: AliasSetContent,
    includeIds: number[],
  ): Promise<StoredAliasSet> {
    const row = await tx.aliasSet.create({
      data: {
        teamId,
        name,
        description: content.description,
        shared: content.shared,
        version: 1,
        entries: { create: entryRows(content) },
        includes: { create: includeIds.map((id, position) => ({ position, includedSetId: id })) },
      },
      include: SET_INCLUDE,
    });
    return toStored(row);
  }

  /**
   * Replaces the content and bumps the version, only if the version is still `expected`: the
   * check-and-increment is one UPDATE, so two writers can never both win, even across replicas.
   */
  /**
   * Replaces the content of `existing` and bumps the version, only if the version is still the
   * one read: the check-and-increment is one UPDATE, so two writers can never both win, even
   * across replicas. Statements that would change nothing (no includes before or after) are
   * skipped, and the result is built from what was written rather than read back.
   */
  async replace(
    tx: Tx,
    existing: StoredAliasSet,
    content: AliasSetContent,
    includeIds: number[],
  ): Promise<StoredAliasSet | null> {
    const { id } = existing;
    const updatedAt = new Date();
    const updated = await tx.aliasSet.updateMany({
      where: { id, version: existing.version },
      data: {
        description: content.description,
        shared: content.shared,
        version: { increment: 1 },
        updatedAt,
      },
    });
    if (updated.count === 0) return null;
    if (existing.entries.length > 0) await tx.aliasEntry.deleteMany({ where: { aliasSetId: id } });
    if (content.entries.length > 0) {
      await tx.aliasEntry.createMany({
        data: entryRows(content).map((entry) => ({ ...entry, aliasSetId: id })),
      });
    }
    if (existing.includes.length > 0) {
      await tx.aliasSetInclude.deleteMany({ where: { aliasSetId: id } });
    }
    if (includeIds.length > 0) {
      await tx.aliasSetInclude.createMany({
        data: includeIds.map((includedSetId, position) => ({
          aliasSetId: id,
          position,
          includedSetId,
        })),
      });
    }
    return {
      ...existing,
      ...content,
      entries: content.entries.map((entry) => ({ ...entry })),
      includes: [...content.includes],
      version: existing.version + 1,
      updatedAt,
    };
  }

  async delete(tx: Tx, id: number, expected: number): Promise<boolean> {
    const deleted = await tx.aliasSet.deleteMany({ where: { id, version: expected } });
    return deleted.count === 1;
  }

  /** Sets that include this one, with what it takes to decide who may see their names. */
  async dependents(tx: Tx, id: number): Promise<{ team: string; name: string; shared: boolean }[]> {
    const rows = await tx.aliasSetInclude.findMany({
      where: { includedSetId: id },
      select: {
        aliasSet: { select: { name: true, shared: true, team: { select: { slug: true } } } },
      },
      orderBy: { aliasSetId: 'asc' },
      distinct: ['aliasSetId'],
    });
    return rows.map((r) => ({
      team: r.aliasSet.team.slug,
      name: r.aliasSet.name,
      shared: r.aliasSet.shared,
    }));
  }

  /** Tells every replica, once the transaction commits, that this set changed. */
  async notifyChanged(tx: Tx, ref: string): Promise<void> {
    await tx.$executeRaw`SELECT pg_notify(${CHANGES_CHANNEL}, ${ref})`;
  }

  async insertRevision(
    tx: Tx,
    setId: number,
    snapshot: AliasSetSnapshot,
    actor: string,
  ): Promise<void> {
    await tx.revision.create({
      data: {
        aliasSetId: setId,
        version: snapshot.version,
        snapshot: snapshot as unknown as Prisma.InputJsonValue,
        actor,
      },
    });
  }

  async listRevisions(
    setId: number,
    limit: number,
    beforeVersion?: number,
  ): Promise<RevisionSummary[]> {
    return this.prisma.revision.findMany({
      where: {
        aliasSetId: setId,
        version: beforeVersion !== undefined ? { lt: beforeVersion } : undefined,
      },
      orderBy: { version: 'desc' },
      take: limit,
      select: { version: true, createdAt: true, actor: true },
    });
  }

  async findRevision(setId: number, version: number): Promise<Revision | null> {
    const row = await this.prisma.revision.findUnique({
      where: { aliasSetId_version: { aliasSetId: setId, version } },
    });
    if (!row) return null;
    return {
      version: row.version,
      createdAt: row.createdAt,
      actor: row.actor,
      snapshot: row.snapshot as unknown as AliasSetSnapshot,
    };
  }
}

function entryRows(
  content: AliasSetContent,
): { position: number; ip: string; hostnames: string[]; clusters: string[] }[] {
  return content.entries.map((entry, position) => ({
    position,
    ip: entry.ip,
    hostnames: entry.hostnames,
    clusters: entry.clusters ?? [],
  }));
}

function toStored(row: SetRow): StoredAliasSet {
  return {
    id: row.id,
    teamId: row.teamId,
    team: row.team.slug,
    name: row.name,
    description: row.description,
    shared: row.shared,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    entries: row.entries.map((e) =>
      e.clusters.length > 0
        ? { ip: e.ip, hostnames: e.hostnames, clusters: e.clusters }
        : { ip: e.ip, hostnames: e.hostnames },
    ),
    includes: row.includes.map((i) => `${i.includedSet.team.slug}/${i.includedSet.name}`),
  };
}
