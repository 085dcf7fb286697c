import { ADMIN_TOKEN, dbQueries, startTestApp, type TestApp } from '../support/app';
import { given, uniqueName } from '../support/given';

const auth = `Bearer ${ADMIN_TOKEN}`;
const ENTRY = { ip: '10.5.0.1', hostnames: ['known.remote'] };

interface Latest {
  name: string;
  version: number;
  auditEvents: { id: string; action: string; version: number | null }[];
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
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
    const before = await dbQueries(b);
    expect(await render()).toContain('10.0.0.1\tdb.remote\n');
    expect(await dbQueries(b)).toBe(before);

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

  /**
   * A list's latest audit events come from memory once a replica has read them for the sets at
   * their versions (KnownEvents). These tests change sets every way a set's events can change,
   * through the other replica as well, and require every list to show what the database holds.
   */
  describe("a list's latest audit events, remembered per set version", () => {
    async function list(t: TestApp, token = ADMIN_TOKEN, owner = team): Promise<Latest[]> {
      const gql = await t.graphql<{ aliasSets: { edges: { node: Latest }[] } }>(
        `query($team: String) { aliasSets(team: $team, first: 500) { edges { node {
          name version auditEvents(limit: 1) { id action version } } } } }`,
        { team: owner },
        token,
      );
      expect(gql.errors).toBeUndefined();
      return (gql.data?.aliasSets.edges ?? []).map((edge) => edge.node);
    }

    async function latest(t: TestApp, name: string): Promise<Latest | undefined> {
      return (await list(t)).find((set) => set.name === name);
    }

    /** The newest event of the set as the REST audit log reads it from the database. */
    async function newestEvent(name: string): Promise<{ id: string; action: string }> {
      const page = await a
        .http()
        .get(`/api/v1/audit?set=${team}/${name}&limit=1`)
        .set('authorization', auth)
        .expect(200);
      const [event] = (page.body as { items: { id: string; action: string }[] }).items;
      return { id: event?.id ?? 'none', action: event?.action ?? 'none' };
    }

    it('a list seen again reads no events; a change through the other replica shows at once', async () => {
      const name = uniqueName('seen');
      await given(a).aliasSet(team, name, { entries: [ENTRY] });
      const first = await latest(a, name);
      expect(first?.auditEvents).toEqual([{ ...(await newestEvent(name)), version: 1 }]);

      // Seen again: only the list's own statement (ids and versions) reaches the database.
      await list(a);
      const before = await dbQueries(a);
      expect(await list(a)).toContainEqual(first);
      expect((await dbQueries(a)) - before).toBe(1);

      await given(b).aliasSet(team, name, { entries: [{ ...ENTRY, ip: '10.5.0.2' }] });
      const second = await latest(a, name);
      expect(second?.version).toBe(2);
      expect(second?.auditEvents).toEqual([{ ...(await newestEvent(name)), version: 2 }]);
      expect(second?.auditEvents[0]?.action).toBe('alias_set.update');
    });

    it("a dry run's answer is not remembered for the version it would make", async () => {
      const name = uniqueName('dry');
      await given(a).aliasSet(team, name, { entries: [ENTRY] });
      const dry = await a.graphql<{ updateAliasSet: Latest }>(
        `mutation($team: String!, $name: String!) {
          updateAliasSet(dryRun: true, input: { team: $team, name: $name,
            entries: [{ ip: "10.5.0.9", hostnames: ["known.remote"] }] }) {
            name version auditEvents(limit: 1) { id action version } } }`,
        { team, name },
      );
      expect(dry.errors).toBeUndefined();
      expect(dry.data?.updateAliasSet.version).toBe(2);
      expect(dry.data?.updateAliasSet.auditEvents[0]?.version).toBe(1);

      await given(b).aliasSet(team, name, { entries: [{ ...ENTRY, ip: '10.5.0.9' }] });
      const real = await latest(a, name);
      expect(real?.version).toBe(2);
      expect(real?.auditEvents).toEqual([{ ...(await newestEvent(name)), version: 2 }]);
    });

    it('a set deleted and created again at the same version is told apart by its id', async () => {
      const name = uniqueName('again');
      await given(a).aliasSet(team, name, { entries: [ENTRY] });
      const gone = (await latest(a, name))?.auditEvents[0];
      await b
        .http()
        .delete(`/api/v1/alias-sets/${team}/${name}`)
        .set('authorization', auth)
        .expect(204);
      await given(b).aliasSet(team, name, { entries: [{ ...ENTRY, ip: '10.5.0.3' }] });

      const again = await latest(a, name);
      expect(again?.version).toBe(1);
      expect(again?.auditEvents).toEqual([{ ...(await newestEvent(name)), version: 1 }]);
      expect(again?.auditEvents[0]?.id).not.toBe(gone?.id);
    });

    it("each reader sees only the events it may, whoever's list was remembered first", async () => {
      const name = uniqueName('shared');
      await given(a).aliasSet(team, name, { shared: true, entries: [ENTRY] });
      const other = await given(a).team();
      const stranger = await given(a).token(other, 'reader');
      const member = await given(a).token(team, 'reader');

      for (const [token, visible] of [
        [ADMIN_TOKEN, true],
        [stranger, false],
        [member, true],
        [stranger, false],
        [ADMIN_TOKEN, true],
      ] as const) {
        const set = (await list(a, token)).find((s) => s.name === name);
        expect(set?.auditEvents.length).toBe(visible ? 1 : 0);
      }
    });
  });
});
