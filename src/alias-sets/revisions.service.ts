import { Injectable } from '@nestjs/common';

import type { Actor, RequestContext } from '../auth/actor';
import {
  INT_KEY_MAX,
  type Page,
  type PageArgNames,
  decodeNumericCursor,
  encodeCursor,
  pageSize,
} from '../common/pagination';
import { liveAt } from '../domain/expiry';
import { DomainError } from '../domain/errors';
import { diffSnapshots, type RevisionDiff } from '../domain/revision-diff';
import type { Revision, RevisionSummary, StoredAliasSet } from './alias-set';
import type { ExpectedVersion } from '../domain/alias-set-write';
import { formatSetRef, type SetRef } from '../domain/host-alias';
import { revisionActorSeenBy } from '../domain/actor-view';
import { type RevisionScope, RevisionsRepository } from './revisions.repository';
import { AliasSetsService, type WriteOutcome } from './alias-sets.service';

const INT_MAX = Number(INT_KEY_MAX);

/** Revisions of a set: every version's full snapshot, their diffs, and rollback to any of them. */
@Injectable()
export class RevisionsService {
  constructor(
    private readonly sets: AliasSetsService,
    private readonly repository: RevisionsRepository,
  ) {}

  /** Newest first; the cursor is the last version seen. */
  async list(
    actor: Actor,
    ref: SetRef,
    query: { limit?: number; cursor?: string; names?: PageArgNames },
  ): Promise<Page<RevisionSummary>> {
    const set = await this.sets.get(actor, ref);
    const view = historyView(actor, set);
    const limit = pageSize(query.limit, query.names?.limit);
    const before = decodeNumericCursor(query.cursor, query.names?.cursor);
    const rows = await this.repository.listRevisions(
      set.id,
      view.scope,
      limit + 1,
      before === undefined ? undefined : Number(before),
    );
    const items = rows.slice(0, limit).map((row) => view.redact(row));
    const last = items.at(-1);
    return {
      items,
      nextCursor: rows.length > limit && last ? encodeCursor(last.version) : null,
    };
  }

  async get(actor: Actor, ref: SetRef, version: number): Promise<Revision> {
    const set = await this.sets.get(actor, ref);
    const revision = await this.find(set, historyView(actor, set), version);
    if (!revision) throw noSuchVersions(ref, [version]);
    return revision;
  }

  /**
   * `from` defaults to the version before `to` (for another team, the one before it they see);
   * `to` defaults to the current version. A version the caller may not see does not exist.
   */
  async diff(
    actor: Actor,
    ref: SetRef,
    query: { from?: number; to?: number },
  ): Promise<RevisionDiff> {
    const set = await this.sets.get(actor, ref);
    const view = historyView(actor, set);
    const to = query.to ?? set.version;
    const from = query.from ?? (await this.previousVersion(set, view, to));
    const [older, newer] = await Promise.all([
      this.find(set, view, from),
      this.find(set, view, to),
    ]);
    if (!older || !newer) {
      throw noSuchVersions(ref, [...(older ? [] : [from]), ...(newer ? [] : [to])]);
    }
    return diffSnapshots(older.snapshot, newer.snapshot);
  }

  /**
   * Makes a new version whose content equals `version`'s (audited as `alias_set.rollback`),
   * except for entries that have expired since: they stay gone.
   */
  async rollback(
    ctx: RequestContext,
    ref: SetRef,
    version: number,
    expected: ExpectedVersion,
    dryRun = false,
  ): Promise<WriteOutcome> {
    const revision = await this.get(ctx.actor, ref, version);
    const body = liveAt(revision.snapshot, Date.now());
    return this.sets.write(ctx, { ref, body, mode: 'rollback', expected, dryRun });
  }

  /** The version a diff to `to` starts from by default: the one before it that `view` sees. */
  private async previousVersion(
    set: StoredAliasSet,
    view: HistoryView,
    to: number,
  ): Promise<number> {
    if (view.scope === 'all' || !Number.isInteger(to) || to < 1 || to > INT_MAX) {
      return Math.max(1, to - 1);
    }
    const [previous] = await this.repository.listRevisions(set.id, view.scope, 1, to);
    return previous?.version ?? to;
  }

  /** One version as `view` may see it; a hidden version is one that does not exist. */
  private async find(
    set: StoredAliasSet,
    view: HistoryView,
    version: number,
  ): Promise<Revision | null> {
    // A version no INTEGER column can hold does not exist: no need to ask the database.
    if (!Number.isInteger(version) || version < 1 || version > INT_MAX) return null;
    const revision = await this.repository.findRevision(set.id, view.scope, version);
    return revision && view.redact(revision);
  }
}

interface HistoryView {
  scope: RevisionScope;
  redact<R extends { actor: string }>(revision: R): R;
}

/**
 * What `actor` may see of the set's history: the owner team and the super-user everything;
 * another team only the versions written while the set was shared, with actors as their team.
 */
function historyView(actor: Actor, set: StoredAliasSet): HistoryView {
  const viewerTeam = actor.kind === 'token' ? actor.teamSlug : null;
  const ownerOrSuperUser = viewerTeam === null || viewerTeam === set.team;
  return {
    scope: ownerOrSuperUser ? 'all' : 'shared',
    redact: (revision) =>
      ownerOrSuperUser
        ? revision
        : { ...revision, actor: revisionActorSeenBy(revision.actor, viewerTeam) },
  };
}

/** "Version does not exist" is 404 wherever a version is named: revision, diff, rollback. */
function noSuchVersions(ref: SetRef, versions: number[]): DomainError {
  const named = [...new Set(versions)].join(' or ');
  return DomainError.notFound(`alias set "${formatSetRef(ref)}" has no version ${named}`);
}
