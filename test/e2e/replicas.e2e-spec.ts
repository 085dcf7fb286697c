import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app';
import { given, uniqueName } from '../support/given';

const auth = `Bearer ${ADMIN_TOKEN}`;

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function queries(t: TestApp): Promise<number> {
  const text = (await t.http().get('/metrics').expect(200)).text;
  const line = text.split('\n').find((l) => l.startsWith('db_queries_total '));
  return Number(line?.split(' ')[1]);
}

describe('two replicas on one database', () => {
  let a: TestApp;
  let b: TestApp;
  let team: string;

  beforeAll(async () => {
    [a, b] = await Promise.all([startTestApp(), startTestApp()]);
    team = await given(a).team();
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  it('a change made through one replica is rendered by the other (cache invalidated by NOTIFY)', async () => {
    const base = uniqueName('base');
    const app = uniqueName('app');
    await given(a).aliasSet(team, base, {
      entries: [{ ip: '10.0.0.1', hostnames: ['db.remote'] }],
    });
    await given(a).aliasSet(team, app, { entries: [], includes: [`${team}/${base}`] });
    const url = `/api/v1/render/hosts?sets=${team}/${app}&podName=web`;
    const render = async () =>
      (await b.http().get(url).set('authorization', auth).expect(200)).text;

    // Replica B caches the closure of app (which reaches base through its include): once warm,
    // it renders from memory without a single SQL statement, so only the NOTIFY can refresh it.
    expect(await render()).toContain('10.0.0.1\tdb.remote\n');
    const before = await queries(b);
    expect(await render()).toContain('10.0.0.1\tdb.remote\n');
    expect(await queries(b)).toBe(before);

    // The included set changes through replica A.
    await given(a).aliasSet(team, base, {
      entries: [{ ip: '10.0.0.2', hostnames: ['db.remote'] }],
    });
    const after = await eventually(render, (text) => text.includes('10.0.0.2'));
    expect(after).toContain('10.0.0.2\tdb.remote\n');
    expect(after).not.toContain('10.0.0.1');

    // A set that did not exist when B first failed to find it becomes visible once created.
    const later = uniqueName('later');
    await b
      .http()
      .get(`/api/v1/resolve?sets=${team}/${later}`)
      .set('authorization', auth)
      .expect(404);
    await given(a).aliasSet(team, later, {
      entries: [{ ip: '10.0.0.3', hostnames: ['late.remote'] }],
    });
    const found = await eventually(
      async () =>
        (await b.http().get(`/api/v1/resolve?sets=${team}/${later}`).set('authorization', auth))
          .status,
      (status) => status === 200,
    );
    expect(found).toBe(200);

    // Deleting through A: B answers 404.
    await a
      .http()
      .delete(`/api/v1/alias-sets/${team}/${later}`)
      .set('authorization', auth)
      .expect(204);
    const gone = await eventually(
      async () =>
        (await b.http().get(`/api/v1/resolve?sets=${team}/${later}`).set('authorization', auth))
          .status,
      (status) => status === 404,
    );
    expect(gone).toBe(404);
  });

  it('a replica reads its own writes at once', async () => {
    const name = uniqueName('own');
    for (let i = 1; i <= 5; i++) {
      await given(a).aliasSet(team, name, {
        entries: [{ ip: `10.9.0.${i}`, hostnames: ['own.remote'] }],
      });
      const text = (
        await a
          .http()
          .get(`/api/v1/render/hosts?sets=${team}/${name}&podName=p`)
          .set('authorization', auth)
          .expect(200)
      ).text;
      expect(text).toContain(`10.9.0.${i}\town.remote\n`);
    }
  });
});
