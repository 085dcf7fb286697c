import {
  buildPayload,
  fanOut,
  isDelivered,
  nextAttemptAt,
  type SetChange,
  subscribes,
  validateWebhook,
  WEBHOOK_EVENTS,
} from './webhooks';

describe('validateWebhook', () => {
  const ok = { events: ['alias_set.updated'] };
  it.each([
    ['ftp://example.com/hook', 'url', 'must use http or https, not "ftp"'],
    ['https://user:pw@example.com/hook', 'url', 'must not contain credentials'],
    ['https://user@example.com/hook', 'url', 'must not contain credentials'],
    ['not a url', 'url', 'must be an absolute http or https URL'],
    [`https://example.com/${'a'.repeat(2030)}`, 'url', 'must be at most 2048 characters'],
  ])('rejects the url %s', (url, field, message) => {
    const result = validateWebhook({ url, ...ok });
    expect(Array.isArray(result) && result).toEqual([
      { field, message: expect.stringContaining(message) },
    ]);
  });

  it.each([
    'http://127.0.0.1:8080/hook',
    'https://example.com/a?b=c',
    `https://example.com/${'a'.repeat(2048 - 'https://example.com/'.length)}`,
  ])('accepts %s', (url) => {
    expect(validateWebhook({ url, ...ok })).toEqual({
      url,
      events: ['alias_set.updated'],
      sets: null,
    });
  });

  it('names every unknown event and lists the known ones', () => {
    const result = validateWebhook({
      url: 'https://example.com',
      events: ['alias_set.updated', 'push', 'alias_set.changed'],
    });
    expect(result).toEqual([
      {
        field: 'events[1]',
        message: `unknown event "push"; known events: ${WEBHOOK_EVENTS.join(', ')}`,
      },
      {
        field: 'events[2]',
        message: `unknown event "alias_set.changed"; known events: ${WEBHOOK_EVENTS.join(', ')}`,
      },
    ]);
  });

  it('reports every error at once, including empty events and bad set references', () => {
    const result = validateWebhook({
      url: 'ftp://x',
      events: [],
      sets: ['ok/set', 'Bad', 'a/b/c'],
    });
    expect(Array.isArray(result) && result.map((e) => e.field)).toEqual([
      'url',
      'events',
      'sets[1]',
      'sets[2]',
    ]);
  });

  it('removes duplicate events and sets', () => {
    expect(
      validateWebhook({
        url: 'https://example.com',
        events: ['resolution.changed', 'resolution.changed'],
        sets: ['a/b', 'a/b'],
      }),
    ).toEqual({ url: 'https://example.com', events: ['resolution.changed'], sets: ['a/b'] });
  });
});

describe('subscribes', () => {
  const own = { set: 'team-a/web', team: 'team-a', shared: false };
  const otherShared = { set: 'team-b/base', team: 'team-b', shared: true };
  const otherPrivate = { set: 'team-b/secret', team: 'team-b', shared: false };
  it.each([
    ['all own sets', { team: 'team-a', events: ['alias_set.updated'], sets: null }, own, true],
    [
      'not other teams by default',
      { team: 'team-a', events: ['alias_set.updated'], sets: null },
      otherShared,
      false,
    ],
    [
      'event not subscribed',
      { team: 'team-a', events: ['alias_set.created'], sets: null },
      own,
      false,
    ],
    [
      'listed own set',
      { team: 'team-a', events: ['alias_set.updated'], sets: ['team-a/web'] },
      own,
      true,
    ],
    [
      'own set not listed',
      { team: 'team-a', events: ['alias_set.updated'], sets: ['team-a/db'] },
      own,
      false,
    ],
    [
      'listed shared set of another team',
      { team: 'team-a', events: ['alias_set.updated'], sets: ['team-b/base'] },
      otherShared,
      true,
    ],
    [
      'listed private set of another team',
      { team: 'team-a', events: ['alias_set.updated'], sets: ['team-b/secret'] },
      otherPrivate,
      false,
    ],
  ])('%s', (_name, hook, subject, expected) => {
    expect(subscribes(hook, 'alias_set.updated', subject)).toBe(expected);
  });
});

describe('buildPayload', () => {
  const change: SetChange = {
    type: 'alias_set.updated',
    set: 'team-b/base',
    team: 'team-b',
    version: 4,
    previousVersion: 3,
    actor: { type: 'token', name: 'ci', team: 'team-b' },
    requestId: 'req-1',
    occurredAt: new Date('2026-12-02T10:00:00.000Z'),
  };
  it('describes the change of the set itself', () => {
    expect(buildPayload(change, 'team-b')).toEqual({
      type: 'alias_set.updated',
      timestamp: '2026-12-02T10:00:00.000Z',
      data: {
        set: 'team-b/base',
        version: 4,
        previousVersion: 3,
        actor: { type: 'token', name: 'ci', team: 'team-b' },
        requestId: 'req-1',
      },
    });
  });
  it('tells a dependent of another team which included set changed, without the token name', () => {
    expect(buildPayload(change, 'team-a', { set: 'team-a/web', version: 7 })).toEqual({
      type: 'resolution.changed',
      timestamp: '2026-12-02T10:00:00.000Z',
      data: {
        set: 'team-a/web',
        version: 7,
        previousVersion: 7,
        actor: { type: 'token', name: null, team: 'team-b' },
        requestId: 'req-1',
        changed: { set: 'team-b/base', version: 4, previousVersion: 3 },
      },
    });
  });
});

describe('nextAttemptAt', () => {
  const policy = { baseDelayMs: 1000, maxDelayMs: 60_000 };
  const deadline = new Date(24 * 3600_000);
  it.each([
    [1, 0, 500],
    [1, 1, 1000],
    [2, 0, 1000],
    [3, 1, 4000],
    [10, 1, 60_000],
    [10, 0, 30_000],
    [1000, 1, 60_000],
  ])('attempt %i with random %d waits %i ms', (attempt, random, wait) => {
    const now = new Date(1000);
    expect(nextAttemptAt(policy, attempt, deadline, now, random)?.getTime()).toBe(1000 + wait);
  });
  it('gives up once the next attempt would fall after the deadline', () => {
    const late = new Date(deadline.getTime() - 100);
    expect(nextAttemptAt(policy, 30, deadline, late, 0)).toBeNull();
  });
});

describe('fanOut', () => {
  const change = {
    type: 'alias_set.updated' as const,
    set: 'platform/base',
    team: 'platform',
    shared: true,
    version: 2,
    previousVersion: 1,
    actor: { type: 'admin' as const, name: 'admin', team: null },
    requestId: 'r',
    occurredAt: new Date(0),
  };
  const dependents = [
    { set: 'shop/web', team: 'shop', shared: false, version: 5 },
    { set: 'shop/api', team: 'shop', shared: false, version: 9 },
  ];
  it('sends the change to its own team and resolution.changed to including sets', () => {
    const hooks = [
      {
        id: 'p',
        team: 'platform',
        events: ['alias_set.updated', 'resolution.changed'],
        sets: null,
      },
      { id: 's', team: 'shop', events: ['resolution.changed'], sets: ['shop/web'] },
      { id: 'x', team: 'shop', events: ['alias_set.updated'], sets: null },
      { id: 'y', team: 'other', events: ['resolution.changed'], sets: ['shop/web'] },
    ];
    expect(fanOut(change, dependents, hooks).map((d) => [d.webhookId, d.type, d.set])).toEqual([
      ['p', 'alias_set.updated', 'platform/base'],
      ['s', 'resolution.changed', 'shop/web'],
    ]);
  });
});

describe('isDelivered', () => {
  it.each([
    [200, true],
    [204, true],
    [299, true],
    [301, false],
    [400, false],
    [500, false],
  ])('%i -> %s', (status, expected) => expect(isDelivered(status)).toBe(expected));
});
