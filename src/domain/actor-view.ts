/** Who made a change, as recorded with it (webhook payloads, revisions). */
export interface EventActor {
  type: 'admin' | 'token' | 'system';
  name: string | null;
  team: string | null;
}

/**
 * The actor as a caller of `viewerTeam` may see it: another team learns the token's team only,
 * never its name (as in the audit trail). `null` is the super-user, who sees everything.
 */
export function actorSeenBy(actor: EventActor, viewerTeam: string | null): EventActor {
  return viewerTeam !== null && actor.type === 'token' && actor.team !== viewerTeam
    ? { ...actor, name: null }
    : actor;
}

/**
 * A revision's actor as stored (`token:<name>@<team>`, `admin`, `system`) seen by a caller of
 * `viewerTeam`: another team's token becomes `team:<team>`.
 */
export function revisionActorSeenBy(stored: string, viewerTeam: string | null): string {
  const actor = parseRevisionActor(stored);
  if (actor === undefined) return stored;
  const seen = actorSeenBy(actor, viewerTeam);
  return seen.name === null ? `team:${seen.team ?? ''}` : stored;
}

function parseRevisionActor(stored: string): EventActor | undefined {
  if (!stored.startsWith('token:')) return undefined;
  // A token name may contain "@"; a team slug may not, so the team follows the last one.
  const at = stored.lastIndexOf('@');
  if (at < 'token:'.length) return undefined;
  return { type: 'token', name: stored.slice('token:'.length, at), team: stored.slice(at + 1) };
}
