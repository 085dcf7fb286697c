import { createHash, randomUUID } from 'node:crypto';

import { Client } from 'pg';
import type { Response } from 'supertest';

import { ADMIN_TOKEN, startTestApp, testDatabaseUrl, type TestApp } from '../support/app';
import { given, uniqueName } from '../support/given';

const auth = `Bearer ${ADMIN_TOKEN}`;
const SECRET_SHAPE = /^hat_[A-Za-z0-9_-]{43}$/;
const LISTED_KEYS = [
  'createdAt',
  'expiresAt',
  'id',
  'lastUsedAt',
  'name',
  'revokedAt',
  'role',
  'team',
];
/** A creation answers the token as the list shows it, plus the secret. */
const CREATED_KEYS = [...LISTED_KEYS, 'token'].sort();

interface CreatedToken {
  id: string;
  team: string;
  name: string;
  role: string;
  token: string;
  expiresAt: string | null;
  createdAt: string;
}

interface ListedToken {
  id: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  [key: string]: unknown;
}

/** Polls until `done` holds, failing after `ms`: no test here depends on a sleep being long enough. */
async function eventually(what: string, ms: number, done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('team tokens: shown once, never logged, revocable, expiring', () => {
  let t: TestApp;
  let team: string;
  let db: Client;

  beforeAll(async () => {
    // Trace level: every request is logged, so the log really is searched for secrets.
    t = await startTestApp({ LOG_LEVEL: 'trace', RATE_LIMIT_PER_MINUTE: '0' });
    team = await given(t).team();
    db = new Client({ connectionString: testDatabaseUrl() });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  async function createToken(
    role: string,
    extra: Record<string, unknown> = {},
    by = auth,
    app = t,
  ): Promise<CreatedToken> {
    const response = await app
      .http()
      .post(`/api/v1/teams/${team}/tokens`)
      .set('authorization', by)
      .send({ name: uniqueName(role), role, ...extra })
      .expect(201);
    return response.body as CreatedToken;
  }

  async function listTokens(): Promise<ListedToken[]> {
    const response = await t
      .http()
      .get(`/api/v1/teams/${team}/tokens`)
      .set('authorization', auth)
      .expect(200);
    return (response.body as { items: ListedToken[] }).items;
  }

  const statusWith = async (secret: string, app = t): Promise<number> =>
    (await app.http().get('/api/v1/teams').set('authorization', `Bearer ${secret}`)).status;

  it('creation answers the token as listed (team, createdAt, …) plus a hat_ secret, over REST and GraphQL', async () => {
    const name = uniqueName('ci');
    const rest = await t
      .http()
      .post(`/api/v1/teams/${team}/tokens`)
      .set('authorization', auth)
      .send({ name, role: 'editor' })
      .expect(201);
    expect(Object.keys(rest.body as object).sort()).toEqual(CREATED_KEYS);
    expect(rest.body).toMatchObject({
      team,
      name,
      role: 'editor',
      expiresAt: null,
      lastUsedAt: null,
      revokedAt: null,
    });
    expect((rest.body as CreatedToken).token).toMatch(SECRET_SHAPE);
    const listed = (await listTokens()).find((item) => item.id === (rest.body as CreatedToken).id);
    const { token: restSecret, ...restView } = rest.body as CreatedToken;
    expect(listed).toEqual(restView);
    expect(restSecret).toMatch(SECRET_SHAPE);

    const gqlName = uniqueName('gql');
    const viaGraphql = await t.graphql<{ createToken: CreatedToken }>(
      `mutation($input: CreateTokenInput!) { createToken(input: $input) { id team name role token expiresAt createdAt } }`,
      { input: { team, name: gqlName, role: 'reader' } },
    );
    expect(viaGraphql.errors).toBeUndefined();
    expect(viaGraphql.data?.createToken).toMatchObject({ team, name: gqlName, role: 'reader' });
    expect(Date.parse(viaGraphql.data?.createToken.createdAt ?? '')).not.toBeNaN();
    expect(viaGraphql.data?.createToken.token).toMatch(SECRET_SHAPE);
    expect(viaGraphql.data?.createToken.token).not.toBe(restSecret);
  });

  it('stores only the SHA-256 of the secret', async () => {
    const created = await createToken('reader');
    const row = await db.query(
      'SELECT row_to_json(t)::text AS json, secret_hash FROM api_tokens t WHERE id = $1',
      [created.id],
    );
    const { json, secret_hash: hash } = row.rows[0] as { json: string; secret_hash: string };
    expect(hash).toBe(createHash('sha256').update(created.token).digest('hex'));
    expect(json).not.toContain(created.token);
  });

  it('lists tokens without secrets, and GraphQL has no field for one', async () => {
    const created = await createToken('admin');
    const asSuperUser = await t
      .http()
      .get(`/api/v1/teams/${team}/tokens`)
      .set('authorization', auth)
      .expect(200);
    const asTeamAdmin = await t
      .http()
      .get(`/api/v1/teams/${team}/tokens`)
      .set('authorization', `Bearer ${created.token}`)
      .expect(200);
    for (const response of [asSuperUser, asTeamAdmin]) {
      const items = (response.body as { items: ListedToken[] }).items;
      expect(items.map((item) => item.id)).toContain(created.id);
      for (const item of items) expect(Object.keys(item).sort()).toEqual(LISTED_KEYS);
      expect(response.text).not.toContain(created.token);
    }
    const asking = await t.graphql(`query($team: String!) { tokens(team: $team) { id token } }`, {
      team,
    });
    expect(asking.errors?.[0]?.message).toContain('Cannot query field "token"');
  });

  it('me tells a token who it is, and the super-user that it is the super-user', async () => {
    const created = await createToken('reader');
    const me = await t.graphql<{ me: Record<string, unknown> }>(
      '{ me { kind team role tokenName tokenId } }',
      {},
      created.token,
    );
    expect(me.data?.me).toEqual({
      kind: 'token',
      team,
      role: 'reader',
      tokenName: created.name,
      tokenId: created.id,
    });
    const admin = await t.graphql<{ me: Record<string, unknown> }>('{ me { kind team role } }');
    expect(admin.data?.me).toEqual({ kind: 'admin', team: null, role: 'admin' });
  });

  it('sets lastUsedAt once the token is used', async () => {
    const created = await createToken('reader');
    const before = (await listTokens()).find((item) => item.id === created.id);
    expect(before?.lastUsedAt).toBeNull();
    expect(await statusWith(created.token)).toBe(200);
    let lastUsedAt: string | null | undefined;
    await eventually('lastUsedAt is recorded', 10_000, async () => {
      lastUsedAt = (await listTokens()).find((item) => item.id === created.id)?.lastUsedAt;
      return typeof lastUsedAt === 'string';
    });
    expect(Number.isNaN(Date.parse(lastUsedAt as string))).toBe(false);
  });

  it('a revoked token is refused at once here, and soon by another replica that cached it', async () => {
    const created = await createToken('editor');
    const replica = await startTestApp({ RATE_LIMIT_PER_MINUTE: '0' });
    try {
      expect(await statusWith(created.token)).toBe(200);
      expect(await statusWith(created.token, replica)).toBe(200);

      const revoked = await t
        .http()
        .delete(`/api/v1/teams/${team}/tokens/${created.id}`)
        .set('authorization', auth)
        .expect(200);
      const { revokedAt } = revoked.body as ListedToken;
      expect(typeof revokedAt).toBe('string');
      expect(revoked.text).not.toContain(created.token);

      // This process forgets its cache on revocation; the replica trusts its cache up to 1 s.
      expect(await statusWith(created.token)).toBe(401);
      await eventually('the replica refuses the revoked token', 10_000, async () => {
        return (await statusWith(created.token, replica)) === 401;
      });
      const gql = await replica.graphql('{ me { kind } }', {}, created.token);
      expect(gql.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');

      const again = await t
        .http()
        .delete(`/api/v1/teams/${team}/tokens/${created.id}`)
        .set('authorization', auth)
        .expect(200);
      expect((again.body as ListedToken).revokedAt).toBe(revokedAt);
    } finally {
      await replica.close();
    }
  });

  it('revoking an unknown or malformed token id is 404, over REST and GraphQL', async () => {
    await t
      .http()
      .delete(`/api/v1/teams/${team}/tokens/${randomUUID()}`)
      .set('authorization', auth)
      .expect(404);
    await t
      .http()
      .delete(`/api/v1/teams/${team}/tokens/not-a-uuid`)
      .set('authorization', auth)
      .expect(404);
    for (const id of [randomUUID(), 'not-a-uuid']) {
      const gql = await t.graphql(
        'mutation($team: String!, $id: String!) { revokeToken(team: $team, id: $id) { id } }',
        { team, id },
      );
      expect(gql.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    }
  });

  it('refuses an expiry in the past (400), and an expiring token stops working when it expires', async () => {
    const past = await t
      .http()
      .post(`/api/v1/teams/${team}/tokens`)
      .set('authorization', auth)
      .send({ name: uniqueName('past'), role: 'reader', expiresAt: '2020-01-01T00:00:00Z' })
      .expect(400);
    expect((past.body as { errors: unknown }).errors).toEqual([
      { field: 'expiresAt', message: 'must be in the future' },
    ]);

    const expiresAt = new Date(Date.now() + 3_000);
    const created = await createToken('reader', { expiresAt: expiresAt.toISOString() });
    expect(created.expiresAt).toBe(expiresAt.toISOString());
    expect(await statusWith(created.token)).toBe(200);
    await eventually('the expired token is refused', 10_000, async () => {
      return (await statusWith(created.token)) === 401;
    });
    // Refused because it expired, not for some other reason.
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt.getTime());
  });

  it('secrets never appear in the logs, the audit table, or any response but their creation', async () => {
    const responses: Response[] = [];
    const send = async (
      method: 'get' | 'post' | 'put' | 'delete',
      path: string,
      authorization: string,
      body?: object,
    ): Promise<Response> => {
      const request = t.http()[method](path).set('authorization', authorization);
      const response = await (body === undefined ? request : request.send(body));
      responses.push(response);
      return response;
    };
    const admin = await createToken('admin');
    const viaGraphql = await t.graphql<{ createToken: CreatedToken }>(
      'mutation($input: CreateTokenInput!) { createToken(input: $input) { id name token } }',
      { input: { team, name: uniqueName('gql'), role: 'editor' } },
      admin.token,
    );
    const editor = viaGraphql.data?.createToken as CreatedToken;
    const secrets = [ADMIN_TOKEN, admin.token, editor.token];
    const set = `/api/v1/alias-sets/${team}/${uniqueName('leak')}`;

    // Successes, refusals and errors of every kind, over REST and GraphQL, with each secret.
    for (const secret of [admin.token, editor.token]) {
      const bearer = `Bearer ${secret}`;
      await send('get', '/api/v1/teams', bearer);
      await send('post', '/api/v1/teams', bearer, { slug: 'x', name: 'x' });
      await send('get', `/api/v1/alias-sets/${team}/missing`, bearer);
      await send('put', set, bearer, { entries: [{ ip: 'bad', hostnames: ['x'] }] });
      await send('put', set, bearer, { entries: [{ ip: '10.0.0.1', hostnames: ['ok.local'] }] });
      await send('get', `${set}/hosts?podName=p`, bearer);
      await send('get', `/api/v1/audit?team=${team}`, bearer);
      await send('post', '/graphql', bearer, { query: '{ me { kind tokenName } teams { slug } }' });
      await send('post', '/graphql', bearer, { query: '{ nope }' });
      await send('get', '/api/v1/teams', `${bearer} trailing`);
      await send('get', '/api/v1/teams', secret);
    }
    await send('get', `/api/v1/teams/${team}/tokens`, `Bearer ${admin.token}`);
    await send('delete', `/api/v1/teams/${team}/tokens/${editor.id}`, `Bearer ${admin.token}`);
    const refused = await send('get', '/api/v1/teams', `Bearer ${editor.token}`);
    expect(refused.status).toBe(401);
    const statuses = new Set(responses.map((response) => response.status));
    expect([...statuses].sort()).toEqual([200, 201, 400, 401, 403, 404]);

    for (const response of responses) {
      for (const secret of secrets) expect(response.text).not.toContain(secret);
    }

    // The log really holds the requests of these tokens, and none of their secrets.
    const log = t.output();
    expect(log).toContain(`${admin.name}@${team}`);
    expect(log).toContain(`${set}/hosts?podName=p`);
    for (const secret of secrets) expect(log).not.toContain(secret);

    const audit = await db.query<{ json: string }>(
      'SELECT row_to_json(a)::text AS json FROM audit_events a',
    );
    const events = audit.rows.map((row) => row.json);
    expect(events.some((json) => json.includes(editor.id) && json.includes('token.revoke'))).toBe(
      true,
    );
    for (const secret of secrets) {
      const hash = createHash('sha256').update(secret).digest('hex');
      expect(events.filter((json) => json.includes(secret) || json.includes(hash))).toEqual([]);
    }
  });
});
