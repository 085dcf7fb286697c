import { Injectable } from '@nestjs/common';

import { AuditRecorder } from '../audit/audit.recorder';
import type { RequestContext } from '../auth/actor';
import { policy } from '../auth/policy';
import { decodeNumericCursor, type Page, toPage, pageSize } from '../common/pagination';
import { DomainError } from '../domain/errors';
import { Lru } from '../domain/lru';
import { TransactionRunner } from '../infra/database/transaction';
import type { Team } from './team';
import { TeamsRepository } from './teams.repository';

export interface TeamView {
  slug: string;
  name: string;
  createdAt: Date;
}

@Injectable()
export class TeamsService {
  /** Teams are never renamed or deleted, so one that exists can be remembered (the one LRU). */
  private readonly known = new Lru<Team>(10_000);

  constructor(
    private readonly teams: TeamsRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRecorder,
  ) {}

  async create(ctx: RequestContext, input: { slug: string; name: string }): Promise<TeamView> {
    policy.assertSuperUser(ctx.actor);
    if (await this.teams.findBySlug(input.slug)) {
      throw DomainError.conflict(`team "${input.slug}" already exists`);
    }
    const team = await this.transactions.run(async (tx) => {
      const created = await this.teams.create(tx, input);
      await this.audit.record(tx, {
        context: ctx,
        action: 'team.create',
        target: { type: 'team', ref: created.slug },
        team: created.slug,
        version: null,
        before: null,
        after: toView(created),
      });
      return created;
    });
    return toView(team);
  }

  /** Team tokens see their own team only; the super-user sees every team. */
  async list(
    ctx: RequestContext,
    query: { limit?: number; cursor?: string },
  ): Promise<Page<TeamView>> {
    const limit = pageSize(query.limit);
    const after = decodeNumericCursor(query.cursor);
    const onlySlug = ctx.actor.kind === 'token' ? ctx.actor.teamSlug : undefined;
    const rows = await this.teams.list(limit + 1, after, onlySlug);
    const page = toPage(rows, limit, (team) => team.id);
    return { items: page.items.map(toView), nextCursor: page.nextCursor };
  }

  /** The team, or NOT_FOUND. Used by other features to check a team exists. */
  async require(slug: string): Promise<Team> {
    const known = this.known.get(slug);
    if (known) return known;
    const team = await this.teams.findBySlug(slug);
    if (!team) throw DomainError.notFound(`team "${slug}" not found`);
    this.known.set(slug, team);
    return team;
  }
}

function toView(team: Team): TeamView {
  return { slug: team.slug, name: team.name, createdAt: team.createdAt };
}
