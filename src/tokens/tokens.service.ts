import { Injectable } from '@nestjs/common';

import { AuditRecorder } from '../audit/audit.recorder';
import type { Actor, RequestContext, TokenRole } from '../auth/actor';
import { policy } from '../auth/policy';
import { Authenticator } from '../auth/authenticator';
import { generateTokenSecret, hashTokenSecret } from '../auth/token-secret';
import type { Page } from '../common/pagination';
import { DomainError } from '../domain/errors';
import { TransactionRunner } from '../infra/database/transaction';
import { TeamsService } from '../teams/teams.service';
import type { ApiToken } from './token';
import { TokensRepository } from './tokens.repository';

/** Token ids are UUIDs; anything else cannot name a token (and must not reach the database). */
const TOKEN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A token as clients see it: its team by slug, never the secret or its hash. */
export type TokenView = Omit<ApiToken, 'teamId' | 'teamSlug'> & { team: string };

/** The answer to a creation: the token as listed, plus its secret (shown this once). */
export type CreatedToken = TokenView & { token: string };

export interface Me {
  kind: 'admin' | 'token';
  team: string | null;
  role: string | null;
  tokenName: string | null;
  tokenId: string | null;
}

@Injectable()
export class TokensService {
  constructor(
    private readonly tokens: TokensRepository,
    private readonly teams: TeamsService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRecorder,
    private readonly authenticator: Authenticator,
  ) {}

  /** The secret is returned here and nowhere else; only its SHA-256 is stored and audited never. */
  async create(
    ctx: RequestContext,
    team: string,
    input: { name: string; role: TokenRole; expiresAt?: Date },
  ): Promise<CreatedToken> {
    const owner = await this.requireManageable(ctx.actor, team);
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
      throw DomainError.invalid([{ field: 'expiresAt', message: 'must be in the future' }]);
    }
    const secret = generateTokenSecret();
    const created = await this.transactions.run(async (tx) => {
      const token = await this.tokens.create(tx, {
        teamId: owner.id,
        name: input.name,
        role: input.role,
        secretHash: hashTokenSecret(secret),
        expiresAt: input.expiresAt ?? null,
      });
      await this.audit.record(tx, {
        context: ctx,
        action: 'token.create',
        target: { type: 'token', ref: `${team}/${token.name}` },
        team,
        version: null,
        before: null,
        after: toView(token),
      });
      return token;
    });
    return { ...toView(created), token: secret };
  }

  async list(ctx: RequestContext, team: string): Promise<Page<TokenView>> {
    const owner = await this.requireManageable(ctx.actor, team);
    return { items: (await this.tokens.list(owner.id)).map(toView), nextCursor: null };
  }

  /** Revocation takes effect at once here and within a second on other replicas. */
  async revoke(ctx: RequestContext, team: string, id: string): Promise<TokenView> {
    const owner = await this.requireManageable(ctx.actor, team);
    const revoked = await this.transactions.run(async (tx) => {
      const token = TOKEN_ID.test(id) ? await this.tokens.findById(tx, owner.id, id) : null;
      if (!token) throw DomainError.notFound(`token ${id} not found in team "${team}"`);
      if (token.revokedAt) return token;
      const updated = await this.tokens.revoke(tx, token.id, new Date());
      await this.audit.record(tx, {
        context: ctx,
        action: 'token.revoke',
        target: { type: 'token', ref: `${team}/${token.name}` },
        team,
        version: null,
        before: toView(token),
        after: toView(updated),
      });
      return updated;
    });
    this.authenticator.forget();
    return toView(revoked);
  }

  me(actor: Actor): Me {
    if (actor.kind !== 'token') {
      return { kind: 'admin', team: null, role: 'admin', tokenName: null, tokenId: null };
    }
    return {
      kind: 'token',
      team: actor.teamSlug,
      role: actor.role,
      tokenName: actor.tokenName,
      tokenId: actor.tokenId,
    };
  }

  /** Another team's tokens are not even confirmed to exist: 404 for the team, 403 for the role. */
  private async requireManageable(actor: Actor, team: string) {
    if (actor.kind === 'token' && actor.teamSlug !== team) {
      throw DomainError.notFound(`team "${team}" not found`);
    }
    const owner = await this.teams.require(team);
    policy.assertCanManageTokens(actor, team);
    return owner;
  }
}

function toView(token: ApiToken): TokenView {
  return {
    id: token.id,
    team: token.teamSlug,
    name: token.name,
    role: token.role,
    expiresAt: token.expiresAt,
    lastUsedAt: token.lastUsedAt,
    revokedAt: token.revokedAt,
    createdAt: token.createdAt,
  };
}
