export type TokenRole = 'reader' | 'editor' | 'admin';

/**
 * Who is calling: the bootstrap super-user, a team token, or the service itself (the expiry sweep),
 * which may do what the super-user may.
 */
export type Actor =
  | { kind: 'admin' }
  | { kind: 'system' }
  | {
      kind: 'token';
      tokenId: string;
      tokenName: string;
      teamId: number;
      teamSlug: string;
      role: TokenRole;
    };

export const ADMIN_ACTOR: Actor = { kind: 'admin' };
export const SYSTEM_ACTOR: Actor = { kind: 'system' };

/** How a write arrived: carried into the audit event. */
export type Via = 'rest' | 'graphql' | 'system';

/** Everything a service needs to know about the request besides its input. */
export interface RequestContext {
  actor: Actor;
  via: Via;
  requestId: string;
}

export function describeActor(actor: Actor): string {
  return actor.kind === 'token' ? `token:${actor.tokenName}@${actor.teamSlug}` : actor.kind;
}
