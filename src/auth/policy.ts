import { DomainError, DomainErrorCode } from '../domain/errors';
import type { Actor } from './actor';

/**
 * Who may do what, in one place, for REST and GraphQL alike. Another team's private set is
 * reported as not found, never forbidden, so names of private sets do not leak.
 */
export const policy = {
  isSuperUser(actor: Actor): boolean {
    return actor.kind === 'admin';
  },

  canReadSet(actor: Actor, set: { team: string; shared: boolean }): boolean {
    return actor.kind !== 'token' || set.shared || actor.teamSlug === set.team;
  },

  canWriteTeamSets(actor: Actor, team: string): boolean {
    if (actor.kind !== 'token') return true;
    return actor.teamSlug === team && (actor.role === 'editor' || actor.role === 'admin');
  },

  canManageTokens(actor: Actor, team: string): boolean {
    if (actor.kind !== 'token') return true;
    return actor.teamSlug === team && actor.role === 'admin';
  },

  /** Webhooks announce changes of a team's sets: whoever may change them may manage them. */
  canManageWebhooks(actor: Actor, team: string): boolean {
    return policy.canWriteTeamSets(actor, team);
  },

  assertSuperUser(actor: Actor): void {
    if (actor.kind !== 'admin') {
      throw new DomainError(
        DomainErrorCode.FORBIDDEN,
        'only the super-user (ADMIN_TOKEN) may do this',
      );
    }
  },

  assertCanWriteTeamSets(actor: Actor, team: string): void {
    if (!policy.canWriteTeamSets(actor, team)) {
      throw new DomainError(
        DomainErrorCode.FORBIDDEN,
        `not allowed to change alias sets of team "${team}"`,
      );
    }
  },

  assertCanManageWebhooks(actor: Actor, team: string): void {
    if (!policy.canManageWebhooks(actor, team)) {
      throw new DomainError(
        DomainErrorCode.FORBIDDEN,
        `not allowed to manage webhooks of team "${team}" (editors and admins only)`,
      );
    }
  },

  assertCanManageTokens(actor: Actor, team: string): void {
    if (!policy.canManageTokens(actor, team)) {
      throw new DomainError(
        DomainErrorCode.FORBIDDEN,
        `not allowed to manage tokens of team "${team}"`,
      );
    }
  },
};
