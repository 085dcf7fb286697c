import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app';
import { given, uniqueName } from '../support/given';

interface ClusterImpact {
  cluster: string | null;
  added: { hostname: string; ip: string }[];
  removed: { hostname: string; ip: string }[];
  changed: { hostname: string; from: string; to: string }[];
  conflicts: { hostname: string; sources: { ip: string; from: string }[] }[];
}
interface Impact {
  sets: { set: string; path: string[]; clusters: ClusterImpact[] }[];
  hidden: number;
}

/**
 * SPEC 9: the impact of a change, across a chain of includes over three teams, with
 * cluster-scoped entries:
 *
 *   P/base (shared) <── Q/partner (shared) <── R/app (private to R)
 *                   <── Q/internal (private to Q)
 *
 * P changes its base set: one hostname moves, one goes, two arrive (one of them scoped to us),
 * and `api` now clashes with Q/partner's own `api`.
 */
describe('impact of a change', () => {
  let t: TestApp;
  let P: string;
  let Q: string;
  let R: string;
  let eu: string;
  let us: string;
  let editorP: string;

  beforeAll(async () => {
    t = await startTestApp();
    const g = given(t);
    [P, Q, R] = [uniqueName('imp-p'), uniqueName('imp-q'), uniqueName('imp-r')];
    for (const team of [P, Q, R]) await g.team(team);
    [eu, us] = [await g.cluster(uniqueName('eu')), await g.cluster(uniqueName('us'))];
    editorP = await g.token(P, 'editor');
    await g.aliasSet(P, 'base', {
      shared: true,
      entries: [
        { ip: '10.0.0.1', hostnames: ['db'] },
        { ip: '10.0.0.2', hostnames: ['cache'] },
        { ip: '10.9.0.1', hostnames: ['db'], clusters: [eu] },
      ],
    });
    await g.aliasSet(Q, 'partner', {
      shared: true,
      entries: [{ ip: '10.1.0.1', hostnames: ['api'] }],
      includes: [`${P}/base`],
    });
    await g.aliasSet(Q, 'internal', {
      entries: [{ ip: '10.1.0.3', hostnames: ['queue'] }],
      includes: [`${P}/base`],
    });
    await g.aliasSet(R, 'app', {
      entries: [{ ip: '10.2.0.1', hostnames: ['web'] }],
      includes: [`${Q}/partner`],
    });
  });
  afterAll(() => t.close());

  const change = () => ({
    shared: true,
    entries: [
      { ip: '10.0.0.5', hostnames: ['db'] },
      { ip: '10.0.0.6', hostnames: ['search'] },
      { ip: '10.0.0.7', hostnames: ['api'] },
      { ip: '10.9.0.1', hostnames: ['db'], clusters: [eu] },
      { ip: '10.8.0.1', hostnames: ['search'], clusters: [us] },
    ],
  });

  const dryRun = async (token: string): Promise<Impact> => {
    const response = await t
      .http()
      .put(`/api/v1/alias-sets/${P}/base?dryRun=All`)
      .set('authorization', `Bearer ${token}`)
      .send(change())
      .expect(200);
    expect(response.body.version).toBe(2);
    return response.body.impact as Impact;
  };

  /** What every set that reaches P/base through includes sees (their own entries do not move). */
  const downstream = (withConflict: boolean): ClusterImpact[] => {
    const conflicts = withConflict
      ? [
          {
            hostname: 'api',
            sources: [
              { ip: '10.1.0.1', from: `${Q}/partner` },
              { ip: '10.0.0.7', from: `${P}/base` },
            ],
          },
        ]
      : [];
    const api = withConflict ? [] : [{ hostname: 'api', ip: '10.0.0.7' }];
    return [
      {
        cluster: null,
        added: [...api, { hostname: 'search', ip: '10.0.0.6' }],
        removed: [{ hostname: 'cache', ip: '10.0.0.2' }],
        changed: [{ hostname: 'db', from: '10.0.0.1', to: '10.0.0.5' }],
        conflicts,
      },
      {
        cluster: eu,
        added: [...api, { hostname: 'search', ip: '10.0.0.6' }],
        removed: [{ hostname: 'cache', ip: '10.0.0.2' }],
        changed: [],
        conflicts,
      },
      {
        cluster: us,
        added: [...api, { hostname: 'search', ip: '10.8.0.1' }],
        removed: [{ hostname: 'cache', ip: '10.0.0.2' }],
        changed: [{ hostname: 'db', from: '10.0.0.1', to: '10.0.0.5' }],
        conflicts,
      },
    ].sort((a, b) =>
      a.cluster === null ? -1 : b.cluster === null ? 1 : a.cluster < b.cluster ? -1 : 1,
    );
  };

  it('per dependent and cluster, as the owning team sees it: private sets of others counted', async () => {
    expect(await dryRun(editorP)).toEqual({
      sets: [
        { set: `${P}/base`, path: [`${P}/base`], clusters: downstream(false) },
        { set: `${Q}/partner`, path: [`${Q}/partner`, `${P}/base`], clusters: downstream(true) },
      ],
      hidden: 2,
    });
  });

  it('names every dependent for the super-user, down the whole chain', async () => {
    expect(await dryRun(ADMIN_TOKEN)).toEqual({
      sets: [
        { set: `${P}/base`, path: [`${P}/base`], clusters: downstream(false) },
        { set: `${Q}/internal`, path: [`${Q}/internal`, `${P}/base`], clusters: downstream(false) },
        { set: `${Q}/partner`, path: [`${Q}/partner`, `${P}/base`], clusters: downstream(true) },
        {
          set: `${R}/app`,
          path: [`${R}/app`, `${Q}/partner`, `${P}/base`],
          clusters: downstream(true),
        },
      ],
      hidden: 0,
    });
  });

  it('GraphQL updateAliasSet(dryRun: true) reports the same impact, and nothing changed', async () => {
    const result = await t.graphql<{ updateAliasSet: { version: number; impact: Impact } }>(
      `mutation($input: UpdateAliasSetInput!) {
        updateAliasSet(input: $input, dryRun: true) {
          version
          impact {
            hidden
            sets { set path clusters { cluster added { hostname ip } removed { hostname ip }
              changed { hostname from to } conflicts { hostname sources { ip from } } } }
          }
        }
      }`,
      { input: { team: P, name: 'base', ...change() } },
      editorP,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.updateAliasSet.impact).toEqual(await dryRun(editorP));
    const stored = await t
      .http()
      .get(`/api/v1/alias-sets/${P}/base`)
      .set('authorization', `Bearer ${ADMIN_TOKEN}`)
      .expect(200);
    expect(stored.body.version).toBe(1);
  });
});
