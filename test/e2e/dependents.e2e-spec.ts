import { ADMIN_TOKEN, dbQueries, startTestApp, type TestApp } from '../support/app';
import { given, uniqueName } from '../support/given';

interface Dependents {
  items: { set: string; path: (string | null)[] }[];
  hidden: number;
}

/**
 * SPEC 9: every set that includes a set, transitively, with the include path; what the caller may
 * not read is counted, not named. The graph, across three teams:
 *
 *   A/other (private) ──> A/base (shared) <── B/inner (private) <── B/pub (shared) <── C/app (private)
 */
describe('dependents of an alias set', () => {
  let t: TestApp;
  let A: string;
  let B: string;
  let C: string;
  const readerOf: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    const g = given(t);
    [A, B, C] = [uniqueName('dep-a'), uniqueName('dep-b'), uniqueName('dep-c')];
    for (const team of [A, B, C]) {
      await g.team(team);
      readerOf[team] = await g.token(team, 'reader');
    }
    await g.aliasSet(A, 'base', {
      shared: true,
      entries: [{ ip: '10.0.0.1', hostnames: ['db.base'] }],
    });
    await g.aliasSet(A, 'other', { entries: [], includes: [`${A}/base`] });
    await g.aliasSet(B, 'inner', { entries: [], includes: [`${A}/base`] });
    await g.aliasSet(B, 'pub', { shared: true, entries: [], includes: [`${B}/inner`] });
    await g.aliasSet(C, 'app', { entries: [], includes: [`${B}/pub`] });
  });
  afterAll(async () => {
    await t.close();
  });

  const get = async (ref: string, token: string, status = 200) =>
    (
      await t
        .http()
        .get(`/api/v1/alias-sets/${ref}/dependents`)
        .set('authorization', `Bearer ${token}`)
        .expect(status)
    ).body as Dependents & { nextCursor: null };

  it('names every dependent, nearest first, with its include path, for the super-user', async () => {
    expect(await get(`${A}/base`, ADMIN_TOKEN)).toEqual({
      items: [
        { set: `${A}/other`, path: [`${A}/other`, `${A}/base`] },
        { set: `${B}/inner`, path: [`${B}/inner`, `${A}/base`] },
        { set: `${B}/pub`, path: [`${B}/pub`, `${B}/inner`, `${A}/base`] },
        { set: `${C}/app`, path: [`${C}/app`, `${B}/pub`, `${B}/inner`, `${A}/base`] },
      ],
      hidden: 0,
      nextCursor: null,
    });
  });

  it('counts the sets a team may not read and blanks them inside the paths it sees', async () => {
    expect(await get(`${A}/base`, readerOf[A])).toEqual({
      items: [
        { set: `${A}/other`, path: [`${A}/other`, `${A}/base`] },
        { set: `${B}/pub`, path: [`${B}/pub`, null, `${A}/base`] },
      ],
      hidden: 2,
      nextCursor: null,
    });
    expect(await get(`${A}/base`, readerOf[C])).toEqual({
      items: [
        { set: `${B}/pub`, path: [`${B}/pub`, null, `${A}/base`] },
        { set: `${C}/app`, path: [`${C}/app`, `${B}/pub`, null, `${A}/base`] },
      ],
      hidden: 2,
      nextCursor: null,
    });
  });

  it('is 404 for a set the caller may not read, and empty for a set nobody includes', async () => {
    await get(`${B}/inner`, readerOf[A], 404);
    await get(`${A}/missing`, ADMIN_TOKEN, 404);
    expect(await get(`${C}/app`, readerOf[C])).toEqual({ items: [], hidden: 0, nextCursor: null });
  });

  it('GraphQL AliasSet.dependents says the same, in one query for a whole list', async () => {
    const query = (withDependents: boolean) => `{
      aliasSets(team: "${B}") { edges { node { name ${
        withDependents ? 'dependents { items { set path } hidden }' : ''
      } } } }
    }`;
    const dependentsByName = async (token: string) => {
      const result = await t.graphql<{
        aliasSets: { edges: { node: { name: string; dependents: Dependents } }[] };
      }>(query(true), {}, token);
      expect(result.errors).toBeUndefined();
      return Object.fromEntries(
        result.data!.aliasSets.edges.map((edge) => [edge.node.name, edge.node.dependents]),
      );
    };
    expect(await dependentsByName(readerOf[B])).toEqual({
      inner: { items: [{ set: `${B}/pub`, path: [`${B}/pub`, `${B}/inner`] }], hidden: 1 },
      pub: { items: [], hidden: 1 },
    });

    // The super-user's token costs no statement, so the difference is the field's own cost.
    const before = await dbQueries(t);
    expect((await t.graphql(query(false))).errors).toBeUndefined();
    const plainCost = (await dbQueries(t)) - before;
    const start = await dbQueries(t);
    expect(await dependentsByName(ADMIN_TOKEN)).toEqual({
      inner: {
        items: [
          { set: `${B}/pub`, path: [`${B}/pub`, `${B}/inner`] },
          { set: `${C}/app`, path: [`${C}/app`, `${B}/pub`, `${B}/inner`] },
        ],
        hidden: 0,
      },
      pub: { items: [{ set: `${C}/app`, path: [`${C}/app`, `${B}/pub`] }], hidden: 0 },
    });
    // Two sets, one more statement than without the field: batched, not one query per set.
    expect((await dbQueries(t)) - start).toBe(plainCost + 1);
  });
});
