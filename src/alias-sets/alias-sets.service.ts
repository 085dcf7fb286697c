import { Injectable } from '@nestjs/common';

import type { Actor, RequestContext } from '../auth/actor';
import { policy } from '../auth/policy';
import {
  decodeNumericCursor,
  type Page,
  type PageArgNames,
  pageSize,
  toPage,
} from '../common/pagination';
import { type AliasSetBody, contentOf } from '../domain/alias-set';
import type { ExpectedVersion, WriteMode } from '../domain/alias-set-write';
import { DomainError } from '../domain/errors';
import { formatSetRef, type SetRef } from '../domain/host-alias';
import { validateAliasSetContent, validateDns1123Label } from '../domain/validation';
import type { Team } from '../teams/team';
import { TeamsService } from '../teams/teams.service';
import type { StoredAliasSet } from './alias-set';
import type { Impact } from '../domain/impact';
import { AliasSetImpact } from './alias-set-impact';
import { AliasSetReferences } from './alias-set-references';
import { AliasSetWriter, type WriteResult } from './alias-set.writer';
import { AliasSetsRepository } from './alias-sets.repository';
import { KnownSets } from './known-sets';

export interface ListAliasSets {
  team?: string;
  q?: string;
  limit?: number;
  cursor?: string;
  /** GraphQL's `first`/`after`; REST's `limit`/`cursor` when absent. */
  names?: PageArgNames;
}

/** A write as a client asks for it: which set, what content, how, at which version. */
export interface WriteRequest {
  ref: SetRef;
  body: AliasSetBody;
  mode: WriteMode;
  expected: ExpectedVersion;
  /** Every check, nothing written; the outcome carries the impact. */
  dryRun?: boolean;
}

/** A write's result; a dry run's also says what the change would do to resolutions. */
export interface WriteOutcome extends WriteResult {
  impact?: Impact;
}

@Injectable()
export class AliasSetsService {
  constructor(
    private readonly sets: AliasSetsRepository,
    private readonly teams: TeamsService,
    private readonly references: AliasSetReferences,
    private readonly writer: AliasSetWriter,
    private readonly impact: AliasSetImpact,
    private readonly known: KnownSets,
  ) {}

  /** The set, if it exists and the caller may read it; otherwise NOT_FOUND either way. */
  async get(actor: Actor, ref: SetRef): Promise<StoredAliasSet> {
    const set = await this.sets.findByRef(ref);
    if (!set || !policy.canReadSet(actor, set)) throw notFound(ref);
    return set;
  }

  /**
   * A page of sets: their ids and versions first, then in full only those this replica does not
   * know at that version (KnownSets). A set read in full that changed meanwhile is listed as
   * read; one deleted meanwhile is left out.
   */
  async list(actor: Actor, query: ListAliasSets): Promise<Page<StoredAliasSet>> {
    const limit = pageSize(query.limit, query.names?.limit);
    const listed = await this.sets.list({
      team: query.team,
      q: query.q,
      visibleToTeam: actor.kind === 'token' ? actor.teamSlug : undefined,
      afterId: decodeNumericCursor(query.cursor, query.names?.cursor),
      limit: limit + 1,
    });
    const page = toPage(listed, limit, (set) => set.id);
    const sets = new Map<number, StoredAliasSet>();
    for (const row of page.items) {
      const set = this.known.at(row, row.id, row.version);
      if (set) sets.set(row.id, set);
    }
    const unknown = page.items.filter((row) => !sets.has(row.id)).map((row) => row.id);
    for (const set of await this.sets.findManyById(unknown)) {
      this.known.remember(set, set);
      sets.set(set.id, set);
    }
    const items = page.items.flatMap((row) => sets.get(row.id) ?? []);
    return { items, nextCursor: page.nextCursor };
  }

  /** POST / createAliasSet: CONFLICT when the name is taken. */
  create(
    ctx: RequestContext,
    ref: SetRef,
    body: AliasSetBody,
    dryRun = false,
  ): Promise<WriteOutcome> {
    return this.write(ctx, { ref, body, mode: 'create', expected: undefined, dryRun });
  }

  /** PUT: create or replace, the declarative call pipelines use. */
  put(
    ctx: RequestContext,
    ref: SetRef,
    body: AliasSetBody,
    expected: ExpectedVersion,
    dryRun = false,
  ): Promise<WriteOutcome> {
    return this.write(ctx, { ref, body, mode: 'upsert', expected, dryRun });
  }

  /** updateAliasSet: replace an existing set. */
  update(
    ctx: RequestContext,
    ref: SetRef,
    body: AliasSetBody,
    expected: ExpectedVersion,
    dryRun = false,
  ): Promise<WriteOutcome> {
    return this.write(ctx, { ref, body, mode: 'update', expected, dryRun });
  }

  /** The set as it was (or, for a dry run, would be) deleted; a dry run adds the impact. */
  async delete(
    ctx: RequestContext,
    ref: SetRef,
    expected: ExpectedVersion,
    dryRun = false,
  ): Promise<{ set: StoredAliasSet; impact?: Impact }> {
    await this.writableTeam(ctx.actor, ref);
    const set = await this.writer.delete({ context: ctx, ref, expected, dryRun });
    return dryRun ? { set, impact: await this.impact.of(ctx.actor, ref, undefined) } : { set };
  }

  /** Shared by writes and rollback: validate everything, then hand over to the writer. */
  async write(ctx: RequestContext, request: WriteRequest): Promise<WriteOutcome> {
    const { ref, mode, expected, dryRun } = request;
    const owner = await this.writableTeam(ctx.actor, ref);
    const content = contentOf(request.body);
    const errors = [
      ...validateDns1123Label(ref.name, 'name'),
      ...validateAliasSetContent(content, ref, Date.now()),
    ];
    if (errors.length === 0)
      errors.push(...(await this.references.check(ctx.actor, ref.team, content)));
    if (errors.length > 0)
      throw DomainError.invalid(errors, `alias set "${formatSetRef(ref)}" is invalid`);
    const command = { context: ctx, ref, teamId: owner.id, content, mode, expected, dryRun };
    const result = await this.writer.write(command);
    if (!dryRun) return result;
    return { ...result, impact: await this.impact.of(ctx.actor, ref, result.set) };
  }

  /**
   * The owning team, when the caller may change its sets. A private set of another team stays
   * NOT_FOUND (its existence is not revealed); otherwise a caller who may not write is FORBIDDEN.
   * A missing set counts as private: were it FORBIDDEN, another team could tell which private
   * names exist by the difference.
   */
  private async writableTeam(actor: Actor, ref: SetRef): Promise<Team> {
    const owner = await this.teams.require(ref.team);
    if (!policy.canWriteTeamSets(actor, ref.team)) {
      const existing = await this.sets.findByRef(ref);
      if (!policy.canReadSet(actor, existing ?? { team: ref.team, shared: false })) {
        throw notFound(ref);
      }
      policy.assertCanWriteTeamSets(actor, ref.team);
    }
    return owner;
  }
}

function notFound(ref: SetRef): DomainError {
  return DomainError.notFound(`alias set "${formatSetRef(ref)}" not found`);
}
