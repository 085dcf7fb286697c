import { Injectable } from '@nestjs/common';

import type { Actor, RequestContext } from '../auth/actor';
import { policy } from '../auth/policy';
import { DEFAULT_LIMIT, decodeNumericCursor, type Page, toPage } from '../common/pagination';
import { DomainError } from '../domain/errors';
import type { AliasEntry, AliasSetSnapshot } from '../domain/host-alias';
import { validateAliasSetContent, validateDns1123Label } from '../domain/validation';
import type { Team } from '../teams/team';
import { TeamsService } from '../teams/teams.service';
import {
  type AliasSetContent,
  normalizeEntries,
  snapshotOf,
  type StoredAliasSet,
} from './alias-set';
import { AliasSetReferences } from './alias-set-references';
import {
  AliasSetWriter,
  type ExpectedVersion,
  type WriteMode,
  type WriteResult,
} from './alias-set.writer';
import { AliasSetsRepository } from './alias-sets.repository';

/** What clients send as the content of a set (REST body or GraphQL input). */
export interface AliasSetBody {
  description?: string;
  shared?: boolean;
  entries: AliasEntry[];
  includes?: string[];
}

/** An alias set as clients see it: its snapshot and when it was created and last changed. */
export interface AliasSetView extends AliasSetSnapshot {
  createdAt: Date;
  updatedAt: Date;
}

export interface ListAliasSets {
  team?: string;
  q?: string;
  limit?: number;
  cursor?: string;
}

@Injectable()
export class AliasSetsService {
  constructor(
    private readonly sets: AliasSetsRepository,
    private readonly teams: TeamsService,
    private readonly references: AliasSetReferences,
    private readonly writer: AliasSetWriter,
  ) {}

  /** The set, if it exists and the caller may read it; otherwise NOT_FOUND either way. */
  async get(actor: Actor, team: string, name: string): Promise<StoredAliasSet> {
    const set = await this.sets.findByRef(team, name);
    if (!set || !policy.canReadSet(actor, set)) throw notFound(team, name);
    return set;
  }

  async list(actor: Actor, query: ListAliasSets): Promise<Page<StoredAliasSet>> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.sets.list({
      team: query.team,
      q: query.q,
      visibleToTeam: actor.kind === 'token' ? actor.teamSlug : undefined,
      afterId: decodeNumericCursor(query.cursor),
      limit: limit + 1,
    });
    return toPage(rows, limit, (set) => set.id);
  }

  /** POST / createAliasSet: CONFLICT when the name is taken. */
  create(
    ctx: RequestContext,
    team: string,
    name: string,
    body: AliasSetBody,
  ): Promise<WriteResult> {
    return this.write(ctx, team, name, body, 'create', undefined);
  }

  /** PUT: create or replace, the declarative call pipelines use. */
  put(
    ctx: RequestContext,
    team: string,
    name: string,
    body: AliasSetBody,
    expected: ExpectedVersion,
  ): Promise<WriteResult> {
    return this.write(ctx, team, name, body, 'upsert', expected);
  }

  /** updateAliasSet: replace an existing set. */
  update(
    ctx: RequestContext,
    team: string,
    name: string,
    body: AliasSetBody,
    expected: ExpectedVersion,
  ): Promise<WriteResult> {
    return this.write(ctx, team, name, body, 'update', expected);
  }

  async delete(
    ctx: RequestContext,
    team: string,
    name: string,
    expected: ExpectedVersion,
  ): Promise<void> {
    const owner = await this.writableTeam(ctx.actor, team, name);
    await this.writer.delete(ctx, owner, name, expected);
  }

  /** Shared by writes and rollback: validate everything, then hand over to the writer. */
  async write(
    ctx: RequestContext,
    team: string,
    name: string,
    body: AliasSetBody,
    mode: WriteMode,
    expected: ExpectedVersion,
  ): Promise<WriteResult> {
    const owner = await this.writableTeam(ctx.actor, team, name);
    const content = contentFrom(body);
    const errors = [
      ...validateDns1123Label(name, 'name'),
      ...validateAliasSetContent(content, { team, name }),
    ];
    if (errors.length === 0)
      errors.push(...(await this.references.check(ctx.actor, team, content)));
    if (errors.length > 0)
      throw DomainError.invalid(errors, `alias set "${team}/${name}" is invalid`);
    return this.writer.write(ctx, owner, name, content, mode, expected);
  }

  /**
   * The owning team, when the caller may change its sets. A private set of another team stays
   * NOT_FOUND (its existence is not revealed); otherwise a caller who may not write is FORBIDDEN.
   * A missing set counts as private: were it FORBIDDEN, another team could tell which private
   * names exist by the difference.
   */
  private async writableTeam(actor: Actor, team: string, name: string): Promise<Team> {
    const owner = await this.teams.require(team);
    if (!policy.canWriteTeamSets(actor, team)) {
      const existing = await this.sets.findByRef(team, name);
      if (!policy.canReadSet(actor, existing ?? { team, shared: false })) {
        throw notFound(team, name);
      }
      policy.assertCanWriteTeamSets(actor, team);
    }
    return owner;
  }
}

export function toView(set: StoredAliasSet): AliasSetView {
  return { ...snapshotOf(set), createdAt: set.createdAt, updatedAt: set.updatedAt };
}

function contentFrom(body: AliasSetBody): AliasSetContent {
  return {
    description: body.description ?? '',
    shared: body.shared ?? false,
    entries: normalizeEntries(body.entries),
    includes: body.includes ?? [],
  };
}

function notFound(team: string, name: string): DomainError {
  return DomainError.notFound(`alias set "${team}/${name}" not found`);
}
