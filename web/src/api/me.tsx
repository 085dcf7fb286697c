import { createContext, useContext } from 'react';

import type { MeQuery } from '../gql/graphql';

export type Me = MeQuery['me'];

export const MeContext = createContext<Me | null>(null);

/** Who is signed in; only used below the signed-in layout, where it is always set. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside the signed-in layout');
  return me;
}

/** The API decides; this only hides controls the API would refuse anyway. */
export function canWrite(me: Me, team: string): boolean {
  if (me.kind === 'admin') return true;
  return me.team === team && (me.role === 'editor' || me.role === 'admin');
}

export function canManageTokens(me: Me): boolean {
  return me.kind === 'admin' || me.role === 'admin';
}

/** Webhooks announce changes of a team's sets: whoever may change them may manage them. */
export function canManageWebhooks(me: Me): boolean {
  return me.kind === 'admin' || me.role === 'editor' || me.role === 'admin';
}

export function describeMe(me: Me): string {
  if (me.kind === 'admin') return 'super-user';
  return `${me.tokenName ?? 'token'} (${me.team ?? '?'}, ${me.role ?? '?'})`;
}
