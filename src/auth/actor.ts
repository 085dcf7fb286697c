export type TokenRole = 'reader' | 'editor' | 'admin';

/** Who is calling: the bootstrap super-user, or a team token. */
export type Actor =
  | { kind: 'admin' }
  | {
      kind: 'token';
      tokenId: string;
      tokenName: string;
      teamId: number;
      teamSlug: string;
      role: TokenRole;
    };

export const ADMIN_ACTOR: Actor = { kind: 'admin' };

/** How a write arrived: carried into the audit event. */
export type Via = 'rest' | 'graphql';

/** Everything a service needs to know about the request besides its input. */
export interface RequestContext {
  actor: Actor;
  via: Via;
  requestId: string;
}

export function describeActor(actor: Actor): string {
  return actor.kind === 'admin' ? 'admin' : `token:${actor.tokenName}@${actor.teamSlug}`;
}
