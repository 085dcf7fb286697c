import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app';
import { given, uniqueName } from '../support/given';

const IP_MESSAGE = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';
const HOSTNAME_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const MEDIA_TYPE_MESSAGE =
  'this content type is not accepted: send the body as JSON, with the header "Content-Type: application/json"';

/** Shape errors (missing, unknown, wrongly typed fields) and Kubernetes-rule errors in one body. */
const messy = {
  description: 'x',
  sharde: true,
  entries: [
    { ip: '10.1.2.3', hostname: ['foo.remote'] },
    { ip: '10.1.2.300', hostnames: ['Foo.Remote'] },
  ],
};
const messyErrors = [
  { field: 'sharde', message: 'unknown field; did you mean "shared"?' },
  { field: 'entries[0].hostname', message: 'unknown field; did you mean "hostnames"?' },
  { field: 'entries[0].hostnames', message: 'required' },
  { field: 'entries[1].ip', message: IP_MESSAGE },
  {
    field: 'entries[1].hostnames[0]',
    message: `${HOSTNAME_MESSAGE}; did you mean "foo.remote"? (names are lowercase)`,
  },
];

describe('bodies and input errors: what to send instead, every problem at once', () => {
  let t: TestApp;
  let team: string;
  const auth = `Bearer ${ADMIN_TOKEN}`;

  beforeAll(async () => {
    t = await startTestApp();
    team = await given(t).team(uniqueName('inputs'));
  });

  afterAll(async () => {
    await t?.close();
  });

  async function expectNoSet(name: string): Promise<void> {
    await t.http().get(`/api/v1/alias-sets/${team}/${name}`).set('authorization', auth).expect(404);
  }

  describe('415 for a body that is not JSON', () => {
    it.each([
      [
        'a form (what curl -d sends by default)',
        'application/x-www-form-urlencoded',
        '{"entries":[]}',
      ],
      ['plain text', 'text/plain', '{"entries":[]}'],
      ['XML', 'application/xml', '<entries/>'],
    ])('REST: %s', async (_case, type, body) => {
      const name = uniqueName('form');
      const response = await t
        .http()
        .put(`/api/v1/alias-sets/${team}/${name}`)
        .set('authorization', auth)
        .set('content-type', type)
        .send(body)
        .expect(415);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 415, detail: MEDIA_TYPE_MESSAGE });
      await expectNoSet(name);
    });

    it('REST: the manifests routes name YAML as well as JSON', async () => {
      for (const route of ['apply', 'check']) {
        const response = await t
          .http()
          .post(`/api/v1/manifests/${route}?sets=${team}/none`)
          .set('authorization', auth)
          .set('content-type', 'application/x-www-form-urlencoded')
          .send('kind=Deployment')
          .expect(415);
        expect(response.body.detail).toBe(
          'this content type is not accepted: send the manifests as YAML, with the header "Content-Type: application/yaml", or as JSON, with "Content-Type: application/json"',
        );
      }
    });

    it('GraphQL: a form posted to /graphql', async () => {
      const response = await t
        .http()
        .post('/graphql')
        .set('authorization', auth)
        .set('content-type', 'application/x-www-form-urlencoded')
        .send('query={me{kind}}')
        .expect(415);
      expect(response.body).toMatchObject({ status: 415, detail: MEDIA_TYPE_MESSAGE });
    });
  });

  describe('REST', () => {
    it('reports shape and Kubernetes-rule errors together, in the order of the entries', async () => {
      const name = uniqueName('messy');
      const response = await t
        .http()
        .put(`/api/v1/alias-sets/${team}/${name}`)
        .set('authorization', auth)
        .send(messy)
        .expect(400);
      expect(response.body.errors).toEqual(messyErrors);
      await expectNoSet(name);
    });

    it('names a missing field once, and a wrongly typed one by its type only', async () => {
      const response = await t
        .http()
        .post('/api/v1/alias-sets')
        .set('authorization', auth)
        .send({ team, entries: [{ ip: 7, hostnames: ['a.b'] }, { hostnames: ['c.d'] }] })
        .expect(400);
      expect(response.body.errors).toEqual([
        { field: 'name', message: 'required' },
        { field: 'entries[0].ip', message: 'must be a string' },
        { field: 'entries[1].ip', message: 'required' },
      ]);
    });

    it('refuses hostnameOverride "" in a JSON body, and reads an empty query parameter as absent', async () => {
      const set = uniqueName('override');
      await given(t).aliasSet(team, set, { entries: [{ ip: '10.1.2.3', hostnames: ['a.b'] }] });
      const refused = await t
        .http()
        .post('/api/v1/render/hosts')
        .set('authorization', auth)
        .send({ sets: [`${team}/${set}`], pod: { podName: 'web-0', hostnameOverride: '' } })
        .expect(400);
      expect(refused.body.errors).toEqual([
        { field: 'pod.hostnameOverride', message: HOSTNAME_MESSAGE },
      ]);
      await t
        .http()
        .get(`/api/v1/render/hosts?sets=${team}/${set}&podName=web-0&hostnameOverride=`)
        .set('authorization', auth)
        .expect(200);
    });
  });

  describe('GraphQL', () => {
    const create = `mutation($input: CreateAliasSetInput!) { createAliasSet(input: $input) { version } }`;

    it('reports refused variables and Kubernetes-rule errors together, with the REST paths and words', async () => {
      const name = uniqueName('messy-gql');
      const result = await t.graphql(create, { input: { ...messy, team, name } });
      expect(result.status).toBe(400);
      expect(result.errors).toHaveLength(1);
      expect(result.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
      const fields = result.errors?.[0]?.extensions.errors ?? [];
      expect(fields).toEqual(expect.arrayContaining(messyErrors));
      expect(fields).toHaveLength(messyErrors.length);
      await expectNoSet(name);
    });

    it('adds the lowercase spelling to an uppercase hostname', async () => {
      const result = await t.graphql(create, {
        input: {
          team,
          name: uniqueName('upper'),
          entries: [{ ip: '10.1.2.3', hostnames: ['Web.Local'] }],
        },
      });
      expect(result.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        errors: [
          {
            field: 'entries[0].hostnames[0]',
            message: `${HOSTNAME_MESSAGE}; did you mean "web.local"? (names are lowercase)`,
          },
        ],
      });
    });

    it('refuses hostnameOverride ""', async () => {
      const set = uniqueName('override-gql');
      await given(t).aliasSet(team, set, { entries: [{ ip: '10.1.2.3', hostnames: ['a.b'] }] });
      const result = await t.graphql(
        `query($sets: [String!]!) { renderHosts(sets: $sets, pod: { podName: "web-0", hostnameOverride: "" }) }`,
        { sets: [`${team}/${set}`] },
      );
      expect(result.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        errors: [{ field: 'pod.hostnameOverride', message: HOSTNAME_MESSAGE }],
      });
    });
  });
  describe('an empty query parameter is an absent one', () => {
    it('lists, diffs, audits and renders as if the empty parameters were not there', async () => {
      const name = uniqueName('empty');
      await given(t).aliasSet(team, name, {
        entries: [{ ip: '10.0.0.1', hostnames: ['a.remote'] }],
      });
      await given(t).aliasSet(team, name, {
        entries: [{ ip: '10.0.0.2', hostnames: ['a.remote'] }],
      });
      const get = (path: string) => t.http().get(path).set('authorization', auth).expect(200);

      const list = await get(`/api/v1/alias-sets?team=${team}&limit=&cursor=`);
      expect(list.body.items.map((set: { name: string }) => set.name)).toContain(name);
      const diff = await get(`/api/v1/alias-sets/${team}/${name}/diff?from=&to=`);
      expect(diff.body).toMatchObject({ from: 1, to: 2 });
      const audit = await get(`/api/v1/audit?set=${team}/${name}&action=&since=&until=`);
      expect(audit.body.items).toHaveLength(2);
      const hosts = await get(
        `/api/v1/render/hosts?sets=${team}/${name}&podName=p&cluster=&namespace=`,
      );
      expect(hosts.text).toContain('10.0.0.2\ta.remote');
    });

    it('except dryRun: left blank it is a 400, never a real write', async () => {
      const name = uniqueName('blank-dry');
      const response = await t
        .http()
        .put(`/api/v1/alias-sets/${team}/${name}?dryRun=`)
        .set('authorization', auth)
        .send({ entries: [{ ip: '10.0.0.1', hostnames: ['a.remote'] }] })
        .expect(400);
      expect(response.body.errors[0].field).toBe('dryRun');
      await expectNoSet(name);
    });
  });
});
