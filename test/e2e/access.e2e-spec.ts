import type { Response } from 'supertest';

import { ADMIN_TOKEN, type GraphQLError, startTestApp, type TestApp } from '../support/app';
import { given, uniqueName } from '../support/given';

/**
 * The access matrix of SPEC 6: every REST route and every GraphQL operation against every kind of
 * caller, each cell its own test. Expectations come from the rules, not from the code:
 * - no token or a revoked token: 401 / UNAUTHENTICATED (public routes excepted);
 * - reader: reads its own and shared sets and renders; editor: also writes its own team's sets;
 *   team admin: also manages its team's tokens; the super-user (ADMIN_TOKEN) does everything;
 * - another team's private set is 404, never 403, also when resolved, rendered or included
 *   (a write that includes it: 400 with a field error saying "not found"); a set that does not
 *   exist looks the same to another team (writing it: 404), so refusals reveal no names; writing
 *   another team's shared set, which it can see, is 403;
 * - a set may include another team's set only if that one is shared;
 * - another team's tokens: 404 (the team's existence is not confirmed); teams and clusters are
 *   created by the super-user only (403 for any team token).
 */

const CALLERS = [
  'no token',
  'revoked token',
  'reader-A',
  'editor-B',
  'editor-A',
  'admin-A',
  'super-user',
] as const;
type Caller = (typeof CALLERS)[number];

/** Everything the matrix runs against: two teams, their tokens and sets, made once per file. */
interface World {
  A: string;
  B: string;
  /** Unique to this file: set names start with it, so `q=` finds exactly these sets. */
  run: string;
  cluster: string;
  secrets: Record<Exclude<Caller, 'no token'>, string>;
  sets: {
    /** Team A, private, two versions. */
    privateA: string;
    /** Team A, shared, two versions. */
    sharedA: string;
    /** Team A, shared, includes A's private set: readable, but not resolvable by other teams. */
    wrapsPrivateA: string;
    privateB: string;
    /** Team B, shared, includes A's shared set (a cross-team include). */
    usesSharedA: string;
  };
}

/** Per-cell state made by the super-user just before the call (fresh names, throwaway sets). */
type Params = Record<string, string>;

interface RestCall {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  body?: object;
}

interface RestOp {
  title: string;
  /** Status for reader-A, editor-B, editor-A, admin-A, super-user; no/revoked token: 401. */
  expected: Record<Caller, number>;
  prepare?: (w: World) => Promise<Params>;
  call: (w: World, p: Params) => RestCall;
  /** Further assertions for a caller that was let through (2xx, or 400 for its input). */
  check?: (response: Response, caller: Caller, w: World) => void;
}

type GqlOutcome =
  'OK' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'CONFLICT';

interface GqlOp {
  title: string;
  expected: Record<Caller, GqlOutcome>;
  prepare?: (w: World) => Promise<Params>;
  query: string;
  variables: (w: World, p: Params) => Record<string, unknown>;
  check?: (data: Record<string, unknown>, caller: Caller, w: World) => void;
  checkErrors?: (errors: GraphQLError[], caller: Caller, w: World) => void;
}

/** Expectations for the five authenticated callers; without a valid token it is always 401. */
function rest(
  readerA: number,
  editorB: number,
  editorA: number,
  adminA: number,
  superUser: number,
): Record<Caller, number> {
  return {
    'no token': 401,
    'revoked token': 401,
    'reader-A': readerA,
    'editor-B': editorB,
    'editor-A': editorA,
    'admin-A': adminA,
    'super-user': superUser,
  };
}

function gql(
  readerA: GqlOutcome,
  editorB: GqlOutcome,
  editorA: GqlOutcome,
  adminA: GqlOutcome,
  superUser: GqlOutcome,
): Record<Caller, GqlOutcome> {
  return {
    'no token': 'UNAUTHENTICATED',
    'revoked token': 'UNAUTHENTICATED',
    'reader-A': readerA,
    'editor-B': editorB,
    'editor-A': editorA,
    'admin-A': adminA,
    'super-user': superUser,
  };
}

const ALL_200 = rest(200, 200, 200, 200, 200);
const ALL_OK = gql('OK', 'OK', 'OK', 'OK', 'OK');
/** Read access to A's private set: team A and the super-user only, 404 for team B. */
const READ_PRIVATE_A = rest(200, 404, 200, 200, 200);
const READ_PRIVATE_A_GQL = gql('OK', 'NOT_FOUND', 'OK', 'OK', 'OK');
const SUPER_ONLY_GQL = gql('FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'OK');
const PUBLIC = Object.fromEntries(CALLERS.map((caller) => [caller, 200])) as Record<Caller, number>;

const ENTRY = { ip: '10.20.0.1', hostnames: ['db.access.local'] };
const POD = { podName: 'web-0', podIPs: ['10.200.0.5'] };

let t: TestApp;

/** A throwaway set of team A (two versions, so rollback and diff have something to work on). */
async function freshSetOfA(w: World, shared: boolean): Promise<Params> {
  const name = uniqueName(`${w.run}-f`);
  await given(t).aliasSet(w.A, name, { shared, entries: [ENTRY] });
  await given(t).aliasSet(w.A, name, { shared, description: 'second', entries: [ENTRY] });
  return { name };
}

async function freshToken(team: string): Promise<Params> {
  const response = await t
    .http()
    .post(`/api/v1/teams/${team}/tokens`)
    .set('authorization', `Bearer ${ADMIN_TOKEN}`)
    .send({ name: uniqueName('throwaway'), role: 'reader' })
    .expect(201);
  return { id: (response.body as { id: string }).id };
}

const freshName = (w: World): Promise<Params> =>
  Promise.resolve({ name: uniqueName(`${w.run}-n`) });

const setNames = (response: Response): string[] =>
  (response.body as { items: { name: string }[] }).items.map((set) => set.name);

const isTeamA = (caller: Caller): boolean => caller.endsWith('-A') || caller === 'super-user';

const REST_OPS: RestOp[] = [
  // Teams and clusters: team tokens see their own team; creating is for the super-user.
  {
    title: 'GET /api/v1/teams',
    expected: ALL_200,
    call: () => ({ method: 'get', path: '/api/v1/teams?limit=500' }),
    check: (response, caller, w) => {
      const slugs = (response.body as { items: { slug: string }[] }).items.map((x) => x.slug);
      if (caller === 'super-user') expect(slugs).toEqual(expect.arrayContaining([w.A, w.B]));
      else expect(slugs).toEqual([caller === 'editor-B' ? w.B : w.A]);
    },
  },
  {
    title: 'POST /api/v1/teams',
    expected: rest(403, 403, 403, 403, 201),
    call: () => ({
      method: 'post',
      path: '/api/v1/teams',
      body: { slug: uniqueName('t'), name: 'x' },
    }),
  },
  {
    title: 'GET /api/v1/clusters',
    expected: ALL_200,
    call: () => ({ method: 'get', path: '/api/v1/clusters' }),
  },
  {
    title: 'POST /api/v1/clusters',
    expected: rest(403, 403, 403, 403, 201),
    call: () => ({ method: 'post', path: '/api/v1/clusters', body: { name: uniqueName('c') } }),
  },

  // Tokens: a team admin manages its own team's; other teams' are not found.
  {
    title: 'GET /api/v1/teams/{A}/tokens',
    expected: rest(403, 404, 403, 200, 200),
    call: (w) => ({ method: 'get', path: `/api/v1/teams/${w.A}/tokens` }),
  },
  {
    title: 'POST /api/v1/teams/{A}/tokens',
    expected: rest(403, 404, 403, 201, 201),
    call: (w) => ({
      method: 'post',
      path: `/api/v1/teams/${w.A}/tokens`,
      body: { name: uniqueName('tok'), role: 'reader' },
    }),
  },
  {
    title: 'DELETE /api/v1/teams/{A}/tokens/{id}',
    expected: rest(403, 404, 403, 200, 200),
    prepare: (w) => freshToken(w.A),
    call: (w, p) => ({ method: 'delete', path: `/api/v1/teams/${w.A}/tokens/${p.id}` }),
  },
  {
    title: 'GET /api/v1/teams/{B}/tokens',
    expected: rest(404, 403, 404, 404, 200),
    call: (w) => ({ method: 'get', path: `/api/v1/teams/${w.B}/tokens` }),
  },
  {
    title: 'POST /api/v1/teams/{B}/tokens',
    expected: rest(404, 403, 404, 404, 201),
    call: (w) => ({
      method: 'post',
      path: `/api/v1/teams/${w.B}/tokens`,
      body: { name: uniqueName('tok'), role: 'admin' },
    }),
  },
  {
    title: 'DELETE /api/v1/teams/{B}/tokens/{id}',
    expected: rest(404, 403, 404, 404, 200),
    prepare: (w) => freshToken(w.B),
    call: (w, p) => ({ method: 'delete', path: `/api/v1/teams/${w.B}/tokens/${p.id}` }),
  },

  // Listing and reading sets: private sets of another team are invisible.
  {
    title: 'GET /api/v1/alias-sets?team={A}',
    expected: ALL_200,
    call: (w) => ({ method: 'get', path: `/api/v1/alias-sets?team=${w.A}&q=${w.run}&limit=500` }),
    check: (response, caller, w) => {
      const names = setNames(response);
      expect(names).toEqual(expect.arrayContaining([w.sets.sharedA, w.sets.wrapsPrivateA]));
      if (isTeamA(caller)) expect(names).toContain(w.sets.privateA);
      else expect(names).not.toContain(w.sets.privateA);
    },
  },
  {
    title: 'GET /api/v1/alias-sets?q={run}',
    expected: ALL_200,
    call: (w) => ({ method: 'get', path: `/api/v1/alias-sets?q=${w.run}&limit=500` }),
    check: (response, caller, w) => {
      const names = setNames(response);
      expect(names).toEqual(expect.arrayContaining([w.sets.sharedA, w.sets.usesSharedA]));
      expect(names.includes(w.sets.privateA)).toBe(caller !== 'editor-B');
      expect(names.includes(w.sets.privateB)).toBe(
        caller === 'editor-B' || caller === 'super-user',
      );
    },
  },
  {
    title: 'GET /api/v1/alias-sets/{A}/{private}',
    expected: READ_PRIVATE_A,
    call: (w) => ({ method: 'get', path: `/api/v1/alias-sets/${w.A}/${w.sets.privateA}` }),
  },
  {
    title: 'GET /api/v1/alias-sets/{A}/{shared}',
    expected: ALL_200,
    call: (w) => ({ method: 'get', path: `/api/v1/alias-sets/${w.A}/${w.sets.sharedA}` }),
  },
  {
    title: 'GET /api/v1/alias-sets/{A}/{private}/dependents',
    expected: READ_PRIVATE_A,
    call: (w) => ({
      method: 'get',
      path: `/api/v1/alias-sets/${w.A}/${w.sets.privateA}/dependents`,
    }),
  },
  {
    title: 'GET /api/v1/alias-sets/{A}/{shared}/dependents',
    expected: ALL_200,
    call: (w) => ({
      method: 'get',
      path: `/api/v1/alias-sets/${w.A}/${w.sets.sharedA}/dependents`,
    }),
  },
  {
    title: 'GET /api/v1/alias-sets/{B}/{private}',
    expected: rest(404, 200, 404, 404, 200),
    call: (w) => ({ method: 'get', path: `/api/v1/alias-sets/${w.B}/${w.sets.privateB}` }),
  },
  {
    title: 'GET /api/v1/alias-sets/{A}/{missing}',
    expected: rest(404, 404, 404, 404, 404),
    call: (w) => ({ method: 'get', path: `/api/v1/alias-sets/${w.A}/${w.run}-missing` }),
  },

  // Writing sets: editors and admins of the owning team; private sets of others stay 404.
  {
    title: 'POST /api/v1/alias-sets {team: A}',
    expected: rest(403, 404, 201, 201, 201),
    prepare: freshName,
    call: (w, p) => ({
      method: 'post',
      path: '/api/v1/alias-sets',
      body: { team: w.A, name: p.name, entries: [ENTRY] },
    }),
  },
  {
    title: 'PUT /api/v1/alias-sets/{A}/{new}',
    expected: rest(403, 404, 201, 201, 201),
    prepare: freshName,
    call: (w, p) => ({
      method: 'put',
      path: `/api/v1/alias-sets/${w.A}/${p.name}`,
      body: { entries: [ENTRY] },
    }),
  },
  {
    title: 'PUT /api/v1/alias-sets/{A}/{private}',
    expected: rest(403, 404, 200, 200, 200),
    prepare: (w) => freshSetOfA(w, false),
    call: (w, p) => ({
      method: 'put',
      path: `/api/v1/alias-sets/${w.A}/${p.name}`,
      body: { description: 'changed', entries: [ENTRY] },
    }),
  },
  {
    title: 'PUT /api/v1/alias-sets/{A}/{shared}',
    expected: rest(403, 403, 200, 200, 200),
    prepare: (w) => freshSetOfA(w, true),
    call: (w, p) => ({
      method: 'put',
      path: `/api/v1/alias-sets/${w.A}/${p.name}`,
      body: { shared: true, description: 'changed', entries: [ENTRY] },
    }),
  },
  {
    title: 'DELETE /api/v1/alias-sets/{A}/{private}',
    expected: rest(403, 404, 204, 204, 204),
    prepare: (w) => freshSetOfA(w, false),
    call: (w, p) => ({ method: 'delete', path: `/api/v1/alias-sets/${w.A}/${p.name}` }),
  },
  {
    title: 'DELETE /api/v1/alias-sets/{A}/{shared}',
    expected: rest(403, 403, 204, 204, 204),
    prepare: (w) => freshSetOfA(w, true),
    call: (w, p) => ({ method: 'delete', path: `/api/v1/alias-sets/${w.A}/${p.name}` }),
  },

  {
    title: 'DELETE /api/v1/alias-sets/{A}/{missing}',
    expected: rest(403, 404, 404, 404, 404),
    call: (w) => ({ method: 'delete', path: `/api/v1/alias-sets/${w.A}/${w.run}-missing` }),
  },

  // Includes: another team's set only if shared; an unreadable one is "not found".
  {
    title: 'PUT /api/v1/alias-sets/{B}/{new} including {A}/{private}',
    expected: rest(404, 400, 404, 404, 400),
    prepare: freshName,
    call: (w, p) => ({
      method: 'put',
      path: `/api/v1/alias-sets/${w.B}/${p.name}`,
      body: { entries: [], includes: [`${w.A}/${w.sets.privateA}`] },
    }),
    check: (response, caller, w) => {
      expect((response.body as { errors: unknown }).errors).toEqual([
        {
          field: 'includes[0]',
          message:
            caller === 'super-user'
              ? expect.stringContaining('only shared sets can be included')
              : `alias set "${w.A}/${w.sets.privateA}" not found`,
        },
      ]);
    },
  },
  {
    title: 'POST /api/v1/alias-sets {team: B} including {A}/{private}',
    expected: rest(404, 400, 404, 404, 400),
    prepare: freshName,
    call: (w, p) => ({
      method: 'post',
      path: '/api/v1/alias-sets',
      body: { team: w.B, name: p.name, entries: [], includes: [`${w.A}/${w.sets.privateA}`] },
    }),
  },
  {
    title: 'PUT /api/v1/alias-sets/{B}/{new} including {A}/{shared}',
    expected: rest(404, 201, 404, 404, 201),
    prepare: freshName,
    call: (w, p) => ({
      method: 'put',
      path: `/api/v1/alias-sets/${w.B}/${p.name}`,
      body: { entries: [], includes: [`${w.A}/${w.sets.sharedA}`] },
    }),
  },
  {
    title: 'PUT /api/v1/alias-sets/{A}/{new} including {B}/{private}',
    expected: rest(403, 404, 400, 400, 400),
    prepare: freshName,
    call: (w, p) => ({
      method: 'put',
      path: `/api/v1/alias-sets/${w.A}/${p.name}`,
      body: { entries: [], includes: [`${w.B}/${w.sets.privateB}`] },
    }),
    check: (response, caller, w) => {
      if (caller === 'super-user') return;
      expect((response.body as { errors: unknown }).errors).toEqual([
        { field: 'includes[0]', message: `alias set "${w.B}/${w.sets.privateB}" not found` },
      ]);
    },
  },
  {
    title: 'PUT /api/v1/alias-sets/{A}/{new} including {A}/{private}',
    expected: rest(403, 404, 201, 201, 201),
    prepare: freshName,
    call: (w, p) => ({
      method: 'put',
      path: `/api/v1/alias-sets/${w.A}/${p.name}`,
      body: { entries: [], includes: [`${w.A}/${w.sets.privateA}`] },
    }),
  },

  // Revisions, diff, rollback: reading like the set, rolling back like writing it.
  {
    title: 'GET /api/v1/alias-sets/{A}/{private}/revisions',
    expected: READ_PRIVATE_A,
    call: (w) => ({
      method: 'get',
      path: `/api/v1/alias-sets/${w.A}/${w.sets.privateA}/revisions`,
    }),
  },
  {
    title: 'GET /api/v1/alias-sets/{A}/{private}/revisions/1',
    expected: READ_PRIVATE_A,
    call: (w) => ({
      method: 'get',
      path: `/api/v1/alias-sets/${w.A}/${w.sets.privateA}/revisions/1`,
    }),
  },
  {
    title: 'GET /api/v1/alias-sets/{A}/{private}/diff',
    expected: READ_PRIVATE_A,
    call: (w) => ({
      method: 'get',
      path: `/api/v1/alias-sets/${w.A}/${w.sets.privateA}/diff?from=1&to=2`,
    }),
  },
  {
    title: 'GET /api/v1/alias-sets/{A}/{shared}/revisions',
    expected: ALL_200,
    call: (w) => ({
      method: 'get',
      path: `/api/v1/alias-sets/${w.A}/${w.sets.sharedA}/revisions`,
    }),
  },
  {
    title: 'GET /api/v1/alias-sets/{A}/{shared}/diff',
    expected: ALL_200,
    call: (w) => ({ method: 'get', path: `/api/v1/alias-sets/${w.A}/${w.sets.sharedA}/diff` }),
  },
  {
    title: 'POST /api/v1/alias-sets/{A}/{private}/rollback',
    expected: rest(403, 404, 200, 200, 200),
    prepare: (w) => freshSetOfA(w, false),
    call: (w, p) => ({
      method: 'post',
      path: `/api/v1/alias-sets/${w.A}/${p.name}/rollback`,
      body: { version: 1 },
    }),
  },
  {
    title: 'POST /api/v1/alias-sets/{A}/{shared}/rollback',
    expected: rest(403, 403, 200, 200, 200),
    prepare: (w) => freshSetOfA(w, true),
    call: (w, p) => ({
      method: 'post',
      path: `/api/v1/alias-sets/${w.A}/${p.name}/rollback`,
      body: { version: 1 },
    }),
  },

  // Resolve and render: every reader may, but only sets (and includes) it can read.
  {
    title: 'GET /api/v1/alias-sets/{A}/{private}/hosts',
    expected: READ_PRIVATE_A,
    call: (w) => ({
      method: 'get',
      path: `/api/v1/alias-sets/${w.A}/${w.sets.privateA}/hosts?podName=web-0&podIP=10.200.0.5`,
    }),
  },
  {
    title: 'GET /api/v1/alias-sets/{A}/{shared}/hosts',
    expected: ALL_200,
    call: (w) => ({
      method: 'get',
      path: `/api/v1/alias-sets/${w.A}/${w.sets.sharedA}/hosts?podName=web-0&podIP=10.200.0.5`,
    }),
  },
  {
    title: 'GET /api/v1/resolve?sets={A}/{private}',
    expected: READ_PRIVATE_A,
    call: (w) => ({ method: 'get', path: `/api/v1/resolve?sets=${w.A}/${w.sets.privateA}` }),
  },
  {
    title: 'GET /api/v1/resolve?sets={B}/{private}',
    expected: rest(404, 200, 404, 404, 200),
    call: (w) => ({ method: 'get', path: `/api/v1/resolve?sets=${w.B}/${w.sets.privateB}` }),
  },
  {
    title: 'GET /api/v1/resolve?sets={B}/{shared, includes A/shared}',
    expected: ALL_200,
    call: (w) => ({
      method: 'get',
      path: `/api/v1/resolve?sets=${w.B}/${w.sets.usesSharedA}&cluster=${w.cluster}`,
    }),
    check: (response, _caller, w) => {
      expect((response.body as { sets: string[] }).sets).toEqual([
        `${w.B}/${w.sets.usesSharedA}`,
        `${w.A}/${w.sets.sharedA}`,
      ]);
    },
  },
  {
    title: 'GET /api/v1/resolve?sets={A}/{shared, includes A/private}',
    expected: READ_PRIVATE_A,
    call: (w) => ({ method: 'get', path: `/api/v1/resolve?sets=${w.A}/${w.sets.wrapsPrivateA}` }),
  },
  {
    title: 'GET /api/v1/render/hosts?sets={A}/{private}',
    expected: READ_PRIVATE_A,
    call: (w) => ({
      method: 'get',
      path: `/api/v1/render/hosts?sets=${w.A}/${w.sets.privateA}&podName=web-0&podIP=10.200.0.5`,
    }),
  },
  {
    title: 'POST /api/v1/render/hosts {sets: [{A}/{private}]}',
    expected: READ_PRIVATE_A,
    call: (w) => ({
      method: 'post',
      path: '/api/v1/render/hosts',
      body: { sets: [`${w.A}/${w.sets.privateA}`], pod: POD },
    }),
  },
  {
    title: 'POST /api/v1/render/hosts {sets: [{A}/{shared}]}',
    expected: ALL_200,
    call: (w) => ({
      method: 'post',
      path: '/api/v1/render/hosts',
      body: { sets: [`${w.A}/${w.sets.sharedA}`], pod: POD },
    }),
  },
  {
    title: 'GET /api/v1/render/patch?sets={A}/{private}',
    expected: READ_PRIVATE_A,
    call: (w) => ({ method: 'get', path: `/api/v1/render/patch?sets=${w.A}/${w.sets.privateA}` }),
  },
  {
    title: 'GET /api/v1/render/patch?sets={A}/{shared, includes A/private}',
    expected: READ_PRIVATE_A,
    call: (w) => ({
      method: 'get',
      path: `/api/v1/render/patch?sets=${w.A}/${w.sets.wrapsPrivateA}`,
    }),
  },
  {
    title: 'GET /api/v1/render/patch?sets={B}/{shared, includes A/shared}',
    expected: ALL_200,
    call: (w) => ({
      method: 'get',
      path: `/api/v1/render/patch?sets=${w.B}/${w.sets.usesSharedA}`,
    }),
  },

  // Audit: a team token sees its own team's events only.
  {
    title: 'GET /api/v1/audit?team={A}&set={A}/{private}',
    expected: ALL_200,
    call: (w) => ({
      method: 'get',
      path: `/api/v1/audit?team=${w.A}&set=${w.A}/${w.sets.privateA}`,
    }),
    check: (response, caller) => {
      const items = (response.body as { items: unknown[] }).items;
      expect(items).toHaveLength(caller === 'editor-B' ? 0 : 2);
    },
  },
  {
    title: 'GET /api/v1/audit',
    expected: ALL_200,
    call: () => ({ method: 'get', path: '/api/v1/audit?limit=500' }),
    check: (response, caller, w) => {
      if (caller === 'super-user') return;
      const own = caller === 'editor-B' ? w.B : w.A;
      const refs = (response.body as { items: { target: { ref: string } }[] }).items.map(
        (event) => event.target.ref,
      );
      expect(refs.length).toBeGreaterThan(0);
      expect(refs.filter((ref) => ref !== own && !ref.startsWith(`${own}/`))).toEqual([]);
    },
  },

  // Public routes need no token, and a bad one does not hurt.
  { title: 'GET /healthz', expected: PUBLIC, call: () => ({ method: 'get', path: '/healthz' }) },
  { title: 'GET /readyz', expected: PUBLIC, call: () => ({ method: 'get', path: '/readyz' }) },
  { title: 'GET /metrics', expected: PUBLIC, call: () => ({ method: 'get', path: '/metrics' }) },
  {
    title: 'GET /docs-json',
    expected: PUBLIC,
    call: () => ({ method: 'get', path: '/docs-json' }),
  },
];

const SET_FIELDS = 'team name shared version';
const CREATE_SET = `mutation($input: CreateAliasSetInput!) { createAliasSet(input: $input) { ${SET_FIELDS} } }`;
const UPDATE_SET = `mutation($input: UpdateAliasSetInput!) { updateAliasSet(input: $input) { ${SET_FIELDS} } }`;
const DELETE_SET =
  'mutation($team: String!, $name: String!) { deleteAliasSet(team: $team, name: $name) }';
const ROLLBACK_SET = `mutation($team: String!, $name: String!) { rollbackAliasSet(team: $team, name: $name, version: 1) { ${SET_FIELDS} } }`;
const REVOKE_TOKEN =
  'mutation($team: String!, $id: String!) { revokeToken(team: $team, id: $id) { id } }';
const CREATE_TOKEN =
  'mutation($input: CreateTokenInput!) { createToken(input: $input) { id token } }';
const LIST_TOKENS = 'query($team: String!) { tokens(team: $team) { id name role } }';

const GQL_OPS: GqlOp[] = [
  {
    title: 'query me',
    expected: ALL_OK,
    query: '{ me { kind team role } }',
    variables: () => ({}),
    check: (data, caller, w) => {
      const expected =
        caller === 'super-user'
          ? { kind: 'admin', team: null, role: 'admin' }
          : { kind: 'token', team: caller === 'editor-B' ? w.B : w.A, role: caller.split('-')[0] };
      expect(data.me).toEqual(expected);
    },
  },
  {
    title: 'query teams',
    expected: ALL_OK,
    query: '{ teams { slug } }',
    variables: () => ({}),
    check: (data, caller, w) => {
      const slugs = (data.teams as { slug: string }[]).map((team) => team.slug);
      if (caller !== 'super-user') expect(slugs).toEqual([caller === 'editor-B' ? w.B : w.A]);
    },
  },
  {
    title: 'mutation createTeam',
    expected: SUPER_ONLY_GQL,
    query: 'mutation($input: CreateTeamInput!) { createTeam(input: $input) { slug } }',
    variables: () => ({ input: { slug: uniqueName('t'), name: 'x' } }),
  },
  {
    title: 'query clusters',
    expected: ALL_OK,
    query: '{ clusters { name } }',
    variables: () => ({}),
  },
  {
    title: 'mutation createCluster',
    expected: SUPER_ONLY_GQL,
    query: 'mutation($input: CreateClusterInput!) { createCluster(input: $input) { name } }',
    variables: () => ({ input: { name: uniqueName('c') } }),
  },
  {
    title: 'query tokens(team: {A})',
    expected: gql('FORBIDDEN', 'NOT_FOUND', 'FORBIDDEN', 'OK', 'OK'),
    query: LIST_TOKENS,
    variables: (w) => ({ team: w.A }),
  },
  {
    title: 'query tokens(team: {B})',
    expected: gql('NOT_FOUND', 'FORBIDDEN', 'NOT_FOUND', 'NOT_FOUND', 'OK'),
    query: LIST_TOKENS,
    variables: (w) => ({ team: w.B }),
  },
  {
    title: 'mutation createToken(team: {A})',
    expected: gql('FORBIDDEN', 'NOT_FOUND', 'FORBIDDEN', 'OK', 'OK'),
    query: CREATE_TOKEN,
    variables: (w) => ({ input: { team: w.A, name: uniqueName('tok'), role: 'editor' } }),
  },
  {
    title: 'mutation createToken(team: {B})',
    expected: gql('NOT_FOUND', 'FORBIDDEN', 'NOT_FOUND', 'NOT_FOUND', 'OK'),
    query: CREATE_TOKEN,
    variables: (w) => ({ input: { team: w.B, name: uniqueName('tok'), role: 'admin' } }),
  },
  {
    title: 'mutation revokeToken(team: {A})',
    expected: gql('FORBIDDEN', 'NOT_FOUND', 'FORBIDDEN', 'OK', 'OK'),
    prepare: (w) => freshToken(w.A),
    query: REVOKE_TOKEN,
    variables: (w, p) => ({ team: w.A, id: p.id }),
  },
  {
    title: 'mutation revokeToken(team: {B})',
    expected: gql('NOT_FOUND', 'FORBIDDEN', 'NOT_FOUND', 'NOT_FOUND', 'OK'),
    prepare: (w) => freshToken(w.B),
    query: REVOKE_TOKEN,
    variables: (w, p) => ({ team: w.B, id: p.id }),
  },
  {
    title: 'query aliasSet({A}/{private})',
    expected: READ_PRIVATE_A_GQL,
    query: `query($team: String!, $name: String!) { aliasSet(team: $team, name: $name) { ${SET_FIELDS} } }`,
    variables: (w) => ({ team: w.A, name: w.sets.privateA }),
  },
  {
    title: 'query aliasSet({A}/{shared}) with hostAliases, hostsFile, auditEvents',
    expected: ALL_OK,
    query: `query($team: String!, $name: String!, $pod: PodInput!) {
      aliasSet(team: $team, name: $name) {
        ${SET_FIELDS} hostAliases { ip hostnames } hostsFile(pod: $pod) auditEvents { action }
      }
    }`,
    variables: (w) => ({ team: w.A, name: w.sets.sharedA, pod: POD }),
    check: (data, caller) => {
      const set = data.aliasSet as { hostAliases: unknown[]; auditEvents: unknown[] };
      expect(set.hostAliases).toEqual([ENTRY]);
      // Another team sees the shared set, but not team A's audit trail.
      if (caller === 'editor-B') expect(set.auditEvents).toEqual([]);
      else expect(set.auditEvents.length).toBeGreaterThan(0);
    },
  },
  {
    title: 'query aliasSet({A}/{shared, includes A/private}) with hostAliases',
    expected: READ_PRIVATE_A_GQL,
    query: `query($team: String!, $name: String!) {
      aliasSet(team: $team, name: $name) { ${SET_FIELDS} hostAliases { ip hostnames } }
    }`,
    variables: (w) => ({ team: w.A, name: w.sets.wrapsPrivateA }),
  },
  {
    title: 'query aliasSets(team: {A})',
    expected: ALL_OK,
    query: `query($team: String, $search: String) {
      aliasSets(team: $team, search: $search, first: 500) { edges { node { name } } }
    }`,
    variables: (w) => ({ team: w.A, search: w.run }),
    check: (data, caller, w) => {
      const edges = (data.aliasSets as { edges: { node: { name: string } }[] }).edges;
      const names = edges.map((edge) => edge.node.name);
      expect(names).toContain(w.sets.sharedA);
      expect(names.includes(w.sets.privateA)).toBe(isTeamA(caller));
    },
  },
  {
    title: 'mutation createAliasSet(team: {A})',
    expected: gql('FORBIDDEN', 'NOT_FOUND', 'OK', 'OK', 'OK'),
    prepare: freshName,
    query: CREATE_SET,
    variables: (w, p) => ({ input: { team: w.A, name: p.name, entries: [ENTRY] } }),
  },
  {
    title: 'mutation createAliasSet(team: {B}) including {A}/{private}',
    expected: gql('NOT_FOUND', 'BAD_USER_INPUT', 'NOT_FOUND', 'NOT_FOUND', 'BAD_USER_INPUT'),
    prepare: freshName,
    query: CREATE_SET,
    variables: (w, p) => ({
      input: { team: w.B, name: p.name, entries: [], includes: [`${w.A}/${w.sets.privateA}`] },
    }),
    checkErrors: (errors, caller, w) => {
      if (caller !== 'editor-B') return;
      expect(errors[0].extensions.errors).toEqual([
        { field: 'includes[0]', message: `alias set "${w.A}/${w.sets.privateA}" not found` },
      ]);
    },
  },
  {
    title: 'mutation createAliasSet(team: {B}) including {A}/{shared}',
    expected: gql('NOT_FOUND', 'OK', 'NOT_FOUND', 'NOT_FOUND', 'OK'),
    prepare: freshName,
    query: CREATE_SET,
    variables: (w, p) => ({
      input: { team: w.B, name: p.name, entries: [], includes: [`${w.A}/${w.sets.sharedA}`] },
    }),
  },
  {
    title: 'mutation createAliasSet(team: {A}) including {B}/{private}',
    expected: gql('FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT'),
    prepare: freshName,
    query: CREATE_SET,
    variables: (w, p) => ({
      input: { team: w.A, name: p.name, entries: [], includes: [`${w.B}/${w.sets.privateB}`] },
    }),
  },
  {
    title: 'mutation updateAliasSet({A}/{private})',
    expected: gql('FORBIDDEN', 'NOT_FOUND', 'OK', 'OK', 'OK'),
    prepare: (w) => freshSetOfA(w, false),
    query: UPDATE_SET,
    variables: (w, p) => ({
      input: { team: w.A, name: p.name, description: 'changed', entries: [ENTRY] },
    }),
  },
  {
    title: 'mutation updateAliasSet({A}/{shared})',
    expected: gql('FORBIDDEN', 'FORBIDDEN', 'OK', 'OK', 'OK'),
    prepare: (w) => freshSetOfA(w, true),
    query: UPDATE_SET,
    variables: (w, p) => ({
      input: { team: w.A, name: p.name, shared: true, description: 'changed', entries: [ENTRY] },
    }),
  },
  {
    title: 'mutation deleteAliasSet({A}/{private})',
    expected: gql('FORBIDDEN', 'NOT_FOUND', 'OK', 'OK', 'OK'),
    prepare: (w) => freshSetOfA(w, false),
    query: DELETE_SET,
    variables: (w, p) => ({ team: w.A, name: p.name }),
  },
  {
    title: 'mutation deleteAliasSet({A}/{shared})',
    expected: gql('FORBIDDEN', 'FORBIDDEN', 'OK', 'OK', 'OK'),
    prepare: (w) => freshSetOfA(w, true),
    query: DELETE_SET,
    variables: (w, p) => ({ team: w.A, name: p.name }),
  },
  {
    title: 'mutation rollbackAliasSet({A}/{private})',
    expected: gql('FORBIDDEN', 'NOT_FOUND', 'OK', 'OK', 'OK'),
    prepare: (w) => freshSetOfA(w, false),
    query: ROLLBACK_SET,
    variables: (w, p) => ({ team: w.A, name: p.name }),
  },
  {
    title: 'mutation rollbackAliasSet({A}/{shared})',
    expected: gql('FORBIDDEN', 'FORBIDDEN', 'OK', 'OK', 'OK'),
    prepare: (w) => freshSetOfA(w, true),
    query: ROLLBACK_SET,
    variables: (w, p) => ({ team: w.A, name: p.name }),
  },
  {
    title: 'query revisions({A}/{private})',
    expected: READ_PRIVATE_A_GQL,
    query: `query($team: String!, $name: String!) {
      revisions(team: $team, name: $name) { items { version } }
    }`,
    variables: (w) => ({ team: w.A, name: w.sets.privateA }),
  },
  {
    title: 'query revision({A}/{private}, 1)',
    expected: READ_PRIVATE_A_GQL,
    query: `query($team: String!, $name: String!) {
      revision(team: $team, name: $name, version: 1) { version snapshot { name } }
    }`,
    variables: (w) => ({ team: w.A, name: w.sets.privateA }),
  },
  {
    title: 'query aliasSetDiff({A}/{private})',
    expected: READ_PRIVATE_A_GQL,
    query: `query($team: String!, $name: String!) {
      aliasSetDiff(team: $team, name: $name, from: 1, to: 2) { from to }
    }`,
    variables: (w) => ({ team: w.A, name: w.sets.privateA }),
  },
  {
    title: 'query revisions({A}/{shared})',
    expected: ALL_OK,
    query: `query($team: String!, $name: String!) {
      revisions(team: $team, name: $name) { items { version } }
    }`,
    variables: (w) => ({ team: w.A, name: w.sets.sharedA }),
  },
  {
    title: 'query resolve({A}/{private})',
    expected: READ_PRIVATE_A_GQL,
    query: 'query($sets: [String!]!) { resolve(sets: $sets) { sets } }',
    variables: (w) => ({ sets: [`${w.A}/${w.sets.privateA}`] }),
  },
  {
    title: 'query resolve({B}/{shared, includes A/shared})',
    expected: ALL_OK,
    query: 'query($sets: [String!]!) { resolve(sets: $sets) { sets } }',
    variables: (w) => ({ sets: [`${w.B}/${w.sets.usesSharedA}`] }),
  },
  {
    title: 'query resolve({A}/{shared, includes A/private})',
    expected: READ_PRIVATE_A_GQL,
    query: 'query($sets: [String!]!) { resolve(sets: $sets) { sets } }',
    variables: (w) => ({ sets: [`${w.A}/${w.sets.wrapsPrivateA}`] }),
  },
  {
    title: 'query renderHosts({A}/{private})',
    expected: READ_PRIVATE_A_GQL,
    query: 'query($sets: [String!]!, $pod: PodInput!) { renderHosts(sets: $sets, pod: $pod) }',
    variables: (w) => ({ sets: [`${w.A}/${w.sets.privateA}`], pod: POD }),
  },
  {
    title: 'query renderHosts({A}/{shared})',
    expected: ALL_OK,
    query: 'query($sets: [String!]!, $pod: PodInput!) { renderHosts(sets: $sets, pod: $pod) }',
    variables: (w) => ({ sets: [`${w.A}/${w.sets.sharedA}`], pod: POD }),
  },
  {
    title: 'query renderPatch({A}/{private})',
    expected: READ_PRIVATE_A_GQL,
    query: 'query($sets: [String!]!) { renderPatch(sets: $sets) }',
    variables: (w) => ({ sets: [`${w.A}/${w.sets.privateA}`] }),
  },
  {
    title: 'query renderPatch({B}/{private})',
    expected: gql('NOT_FOUND', 'OK', 'NOT_FOUND', 'NOT_FOUND', 'OK'),
    query: 'query($sets: [String!]!) { renderPatch(sets: $sets) }',
    variables: (w) => ({ sets: [`${w.B}/${w.sets.privateB}`] }),
  },
  {
    title: 'query auditEvents(team: {A}, set: {A}/{private})',
    expected: ALL_OK,
    query: `query($team: String, $set: String) {
      auditEvents(team: $team, set: $set) { items { action } }
    }`,
    variables: (w) => ({ team: w.A, set: `${w.A}/${w.sets.privateA}` }),
    check: (data, caller) => {
      const items = (data.auditEvents as { items: unknown[] }).items;
      expect(items).toHaveLength(caller === 'editor-B' ? 0 : 2);
    },
  },
];

/** Like `expect(actual).toBe(expected)`, but a failure also shows what the service answered. */
function expectOutcome<T>(actual: T, expected: T, answer: unknown): void {
  if (actual !== expected) {
    throw new Error(
      `expected ${String(expected)}, got ${String(actual)}: ${JSON.stringify(answer)}`,
    );
  }
  expect(actual).toBe(expected);
}

interface Cell<Op> {
  name: string;
  op: Op;
  caller: Caller;
}

function cells<Op extends { title: string; expected: Record<Caller, unknown> }>(
  ops: Op[],
): Cell<Op>[] {
  return ops.flatMap((op) =>
    CALLERS.map((caller) => ({
      name: `${op.title} as ${caller} → ${String(op.expected[caller])}`,
      op,
      caller,
    })),
  );
}

describe('access matrix (SPEC 6)', () => {
  let w: World;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '0' });
    w = await buildWorld();
  });
  afterAll(() => t.close());

  function authorization(caller: Caller): string | undefined {
    return caller === 'no token' ? undefined : `Bearer ${w.secrets[caller]}`;
  }

  describe('REST', () => {
    it.each(cells(REST_OPS))('$name', async ({ op, caller }) => {
      const params = (await op.prepare?.(w)) ?? {};
      const { method, path, body } = op.call(w, params);
      let request = t.http()[method](path);
      const auth = authorization(caller);
      if (auth !== undefined) request = request.set('authorization', auth);
      const response = await (body === undefined ? request : request.send(body));
      expectOutcome(response.status, op.expected[caller], response.body);
      if (response.status === 401) {
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
      if (response.status < 300 || response.status === 400) op.check?.(response, caller, w);
    });
  });

  describe('GraphQL', () => {
    it.each(cells(GQL_OPS))('$name', async ({ op, caller }) => {
      const params = (await op.prepare?.(w)) ?? {};
      let request = t.http().post('/graphql');
      const auth = authorization(caller);
      if (auth !== undefined) request = request.set('authorization', auth);
      const response = await request.send({ query: op.query, variables: op.variables(w, params) });
      const { data, errors } = response.body as {
        data?: Record<string, unknown> | null;
        errors?: GraphQLError[];
      };
      const outcome = errors?.[0]?.extensions.code ?? (data ? 'OK' : `HTTP ${response.status}`);
      expectOutcome(outcome, op.expected[caller], errors);
      if (errors) op.checkErrors?.(errors, caller, w);
      else if (data) op.check?.(data, caller, w);
    });
  });

  /** Two teams with tokens of every role, private and shared sets, and a cross-team include. */
  async function buildWorld(): Promise<World> {
    const g = given(t);
    const [A, B, cluster] = await Promise.all([g.team(), g.team(), g.cluster()]);
    const run = uniqueName('acc');
    const sets = {
      privateA: `${run}-private-a`,
      sharedA: `${run}-shared-a`,
      wrapsPrivateA: `${run}-wraps-a`,
      privateB: `${run}-private-b`,
      usesSharedA: `${run}-uses-a`,
    };
    for (const description of ['v1', 'v2']) {
      await g.aliasSet(A, sets.privateA, { description, entries: [ENTRY] });
      await g.aliasSet(A, sets.sharedA, { description, shared: true, entries: [ENTRY] });
    }
    await g.aliasSet(A, sets.wrapsPrivateA, {
      shared: true,
      entries: [],
      includes: [`${A}/${sets.privateA}`],
    });
    await g.aliasSet(B, sets.privateB, { entries: [{ ip: '10.30.0.1', hostnames: ['b.local'] }] });
    await g.aliasSet(B, sets.usesSharedA, {
      shared: true,
      entries: [{ ip: '10.30.0.2', hostnames: ['uses.local'] }],
      includes: [`${A}/${sets.sharedA}`],
    });

    const token = async (team: string, role: string): Promise<{ id: string; token: string }> => {
      const response = await t
        .http()
        .post(`/api/v1/teams/${team}/tokens`)
        .set('authorization', `Bearer ${ADMIN_TOKEN}`)
        .send({ name: uniqueName(role), role })
        .expect(201);
      return response.body as { id: string; token: string };
    };
    const revoked = await token(A, 'editor');
    await t
      .http()
      .delete(`/api/v1/teams/${A}/tokens/${revoked.id}`)
      .set('authorization', `Bearer ${ADMIN_TOKEN}`)
      .expect(200);
    const secrets = {
      'revoked token': revoked.token,
      'reader-A': (await token(A, 'reader')).token,
      'editor-B': (await token(B, 'editor')).token,
      'editor-A': (await token(A, 'editor')).token,
      'admin-A': (await token(A, 'admin')).token,
      'super-user': ADMIN_TOKEN,
    };
    return { A, B, run, cluster, secrets, sets };
  }
});
