import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app';
import { given, uniqueName } from '../support/given';

const admin = `Bearer ${ADMIN_TOKEN}`;

/**
 * Repeated render GETs are answered from a URL cache before Nest runs: the answer must be the
 * same as Nest's, and authentication, visibility and rate limits must hold all the same.
 */
describe('render fast path (URL cache in front of the framework)', () => {
  let t: TestApp;
  let team: string;
  let name: string;
  let url: string;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '40' });
    team = await given(t).team();
    name = uniqueName('private');
    await given(t).aliasSet(team, name, {
      entries: [{ ip: '10.4.4.4', hostnames: ['secret.remote'] }],
    });
    url = `/api/v1/render/hosts?sets=${team}/${name}&podName=web&podIP=10.0.0.9`;
  });
  afterAll(() => t.close());

  it('answers a repeat exactly as the first answer: bytes, ETag, content type, request id, 304', async () => {
    const first = await t.http().get(url).set('authorization', admin).expect(200);
    const second = await t
      .http()
      .get(url)
      .set('authorization', admin)
      .set('x-request-id', 'repeat-1')
      .expect(200);
    expect(second.text).toBe(first.text);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.headers['content-type']).toBe(first.headers['content-type']);
    expect(second.headers['cache-control']).toBe('no-cache');
    expect(second.headers['x-request-id']).toBe('repeat-1');
    await t
      .http()
      .get(url)
      .set('authorization', admin)
      .set('if-none-match', first.headers.etag)
      .expect(304);
  });

  // Each render GET the fast path answers, with the route pattern its metric is counted under.
  it.each([
    [
      'render/hosts',
      '/api/v1/render/hosts',
      () => `/api/v1/render/hosts?sets=${team}/${name}&podName=m1`,
    ],
    [
      'render/patch',
      '/api/v1/render/patch',
      () => `/api/v1/render/patch?sets=${team}/${name}&kind=Deployment`,
    ],
    [
      "a set's hosts",
      '/api/v1/alias-sets/:team/:name/hosts',
      () => `/api/v1/alias-sets/${team}/${name}/hosts?podName=m2`,
    ],
  ])("%s: the controller's headers, counted in the route's metric", async (_, route, path) => {
    // A URL of its own, so the first answer is Nest's and the second the fast path's.
    const fresh = path();
    const count = async () => {
      const metrics = (await t.http().get('/metrics')).text;
      const line = metrics
        .split('\n')
        .find((l) =>
          l.startsWith(
            `http_request_duration_seconds_count{method="GET",route="${route}",status="200"} `,
          ),
        );
      return Number(line?.split(' ')[1] ?? 0);
    };
    const before = await count();
    const first = await t.http().get(fresh).set('authorization', admin).expect(200);
    const second = await t.http().get(fresh).set('authorization', admin).expect(200);
    expect(await count()).toBe(before + 2);
    expect(second.text).toBe(first.text);
    // Every header the same but those that change per request (the clock's, the id, the count).
    const comparable = (headers: Record<string, string>) => {
      const copy = { ...headers };
      for (const header of ['date', 'x-request-id', 'x-ratelimit-remaining', 'x-ratelimit-reset'])
        delete copy[header];
      return copy;
    };
    expect(comparable(second.headers)).toEqual(comparable(first.headers));
    expect(second.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number(second.headers['x-ratelimit-remaining'])).toBe(
      Number(first.headers['x-ratelimit-remaining']) - 1,
    );
    expect(second.headers['x-ratelimit-reset']).toMatch(/^\d+$/);
  });

  it('still requires a valid token and keeps other teams out of a private set', async () => {
    await t.http().get(url).set('authorization', admin).expect(200);
    await t.http().get(url).expect(401);
    await t.http().get(url).set('authorization', 'Bearer hat_not-a-real-token').expect(401);
    const other = await given(t).team();
    const created = await t
      .http()
      .post(`/api/v1/teams/${other}/tokens`)
      .set('authorization', admin)
      .send({ name: 'reader', role: 'reader' })
      .expect(201);
    const reader = `Bearer ${created.body.token as string}`;
    await t.http().get(url).set('authorization', reader).expect(404);
    await t.http().get(url).set('authorization', reader).expect(404);
  });

  it('counts cached answers against the rate limit', async () => {
    const other = await given(t).team();
    const created = await t
      .http()
      .post(`/api/v1/teams/${other}/tokens`)
      .set('authorization', admin)
      .send({ name: 'busy', role: 'reader' })
      .expect(201);
    const busy = `Bearer ${created.body.token as string}`;
    const shared = uniqueName('shared');
    await given(t).aliasSet(team, shared, {
      shared: true,
      entries: [{ ip: '10.5.5.5', hostnames: ['s.remote'] }],
    });
    const sharedUrl = `/api/v1/render/hosts?sets=${team}/${shared}&podName=p`;
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++)
      statuses.push((await t.http().get(sharedUrl).set('authorization', busy)).status);
    expect(statuses.slice(0, 40).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(40)).toEqual([429, 429, 429, 429, 429]);
  });
});
