import { actorSeenBy, type EventActor, revisionActorSeenBy } from './actor-view';

describe('actorSeenBy', () => {
  const token: EventActor = { type: 'token', name: 'ci', team: 'payments' };
  it.each<[string, EventActor, string | null, EventActor]>([
    ['own team sees the token name', token, 'payments', token],
    ['super-user sees the token name', token, null, token],
    ['another team sees the team only', token, 'search', { ...token, name: null }],
    [
      'admin is the same for everyone',
      { type: 'admin', name: 'admin', team: null },
      'search',
      { type: 'admin', name: 'admin', team: null },
    ],
    [
      'system is the same for everyone',
      { type: 'system', name: 'system', team: null },
      'search',
      { type: 'system', name: 'system', team: null },
    ],
  ])('%s', (_, actor, viewer, expected) => {
    expect(actorSeenBy(actor, viewer)).toEqual(expected);
  });
});

describe('revisionActorSeenBy', () => {
  it.each<[string, string, string | null, string]>([
    ['own team', 'token:ci@payments', 'payments', 'token:ci@payments'],
    ['super-user', 'token:ci@payments', null, 'token:ci@payments'],
    ['another team', 'token:ci@payments', 'search', 'team:payments'],
    ['a name with "@"', 'token:me@laptop@payments', 'search', 'team:payments'],
    [
      'a name with "@", own team',
      'token:me@laptop@payments',
      'payments',
      'token:me@laptop@payments',
    ],
    ['admin', 'admin', 'search', 'admin'],
    ['system', 'system', 'search', 'system'],
  ])('%s', (_, stored, viewer, expected) => {
    expect(revisionActorSeenBy(stored, viewer)).toBe(expected);
  });
});
