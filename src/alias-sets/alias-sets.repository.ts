import { Injectable } from '@nestjs/common';

import { Prisma } from '../generated/prisma/client';
import type { AliasSetSnapshot } from '../domain/host-alias';
import { PrismaService } from '../infra/database/prisma.service';
import {
  type Revision,
  type RevisionSummary,
  normalizeEntries,
  type StoredAliasSet,
} from './alias-set';

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
  async loadClosure(refs: string[]): Promise<Map<string, StoredAliasSet>> {
    const client = this.prisma;
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
    entries: normalizeEntries(row.entries),
    includes: row.includes.map((i) => `${i.includedSet.team.slug}/${i.includedSet.name}`),
  };
}
