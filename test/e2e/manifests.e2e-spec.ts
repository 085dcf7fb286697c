import { parseAllDocuments, stringify } from 'yaml';

import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app';
import { given, uniqueName } from '../support/given';
import { kubectlDecode, kubectlPatch, pathOf, workloadManifest } from '../support/kubectl';
import { hostAliasesPath, WORKLOAD_KINDS } from '../../src/domain/pod-spec-patch';

const auth = `Bearer ${ADMIN_TOKEN}`;
const APPLIED = 'hostaliases.registry/applied';
const SETS = 'hostaliases.registry/sets';
const handWritten = { ip: '192.168.0.9', hostnames: ['mine.local'] };
const foo = { ip: '10.1.2.3', hostnames: ['foo.remote'] };
const gone = { ip: '10.4.4.4', hostnames: ['gone.remote'] };

/** A file with comments, an untouched ConfigMap, and two workloads asking for `sets`. */
function threeDocuments(sets: string): string {
  return `# shop: deployed by the pipeline
apiVersion: v1
kind: ConfigMap   # not a workload: untouched
metadata: {name: settings}
data:
  greeting: "hello"   # kept as written
---
# the web tier
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
      annotations:
        ${SETS}: ${sets}   # what we ask the registry for
    spec:
      containers:
      - name: app
        image: nginx
      hostAliases:
      - ip: 192.168.0.9   # written by hand, must stay
        hostnames: [mine.local]
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
      template:
        metadata:
          annotations:
            ${SETS}: ${sets}
        spec:
          restartPolicy: Never
          containers:
          - name: job
            image: busybox
`;
}

/** Each document of a YAML file as its own text. */
function splitDocuments(text: string): string[] {
  return parseAllDocuments(text).map((doc) => text.slice(doc.range[0], doc.range[2]));
}

describe('manifests apply and check (SPEC 8.1)', () => {
  let t: TestApp;
  let team: string;
  let set: string;

  const apply = (body: string, query = '', type = 'application/yaml') =>
    t
      .http()
      .post(`/api/v1/manifests/apply${query}`)
      .set('authorization', auth)
      .set('content-type', type)
      .send(body);
  const check = (body: string, query = '', type = 'application/yaml') =>
    t
      .http()
      .post(`/api/v1/manifests/check${query}`)
      .set('authorization', auth)
      .set('content-type', type)
      .send(body);

  beforeAll(async () => {
    t = await startTestApp();
    team = await given(t).team();
    set = uniqueName('hosts');
    await given(t).aliasSet(team, set, { entries: [foo, gone] });
  });
  afterAll(() => t.close());

  it('keeps comments and untouched documents byte for byte, and kubectl reads every document back', async () => {
    const input = threeDocuments(`${team}/${set}`);
    const response = await apply(input).expect(200);
    expect(response.headers['content-type']).toContain('application/yaml');
    const [configMap, deployment, cronJob] = splitDocuments(response.text);
    expect(configMap).toBe(splitDocuments(input)[0]);
    expect(response.text.startsWith('# shop: deployed by the pipeline\n')).toBe(true);
    expect(deployment).toContain('# the web tier');
    expect(deployment).toContain('# what we ask the registry for');
    expect(deployment).toContain('# written by hand, must stay');

    const applied = JSON.stringify({ sets: [`${team}/${set}@1`], ips: [foo.ip, gone.ip] });
    const web = kubectlDecode(deployment, 'yaml');
    expect(pathOf(web, hostAliasesPath('Deployment'))).toEqual([foo, gone, handWritten]);
    expect(pathOf(web, ['spec', 'template', 'metadata', 'annotations', APPLIED])).toBe(applied);
    const report = kubectlDecode(cronJob, 'yaml');
    expect(pathOf(report, hostAliasesPath('CronJob'))).toEqual([foo, gone]);

    // Applying the output again changes no byte.
    const again = await apply(response.text).expect(200);
    expect(again.text).toBe(response.text);
  });

  it.each(WORKLOAD_KINDS)(
    '%s as JSON and YAML: kubectl decodes exactly the merged hostAliases',
    async (kind) => {
      const object = workloadManifest(kind, [handWritten]);
      const json = await apply(
        JSON.stringify(object),
        `?sets=${team}/${set}`,
        'application/json',
      ).expect(200);
      expect(json.headers['content-type']).toContain('application/json');
      const fromJson = kubectlDecode(json.text, 'json');
      expect(fromJson.kind).toBe(kind);
      expect(pathOf(fromJson, hostAliasesPath(kind))).toEqual([foo, gone, handWritten]);

      const yaml = await apply(stringify(object), `?sets=${team}/${set}`).expect(200);
      const fromYaml = kubectlDecode(yaml.text, 'yaml');
      expect(fromYaml.kind).toBe(kind);
      expect(pathOf(fromYaml, hostAliasesPath(kind))).toEqual([foo, gone, handWritten]);
    },
  );

  it('converges: a removed entry leaves, hand-written entries stay, then nothing changes', async () => {
    const own = uniqueName('converge');
    await given(t).aliasSet(team, own, { entries: [foo, gone] });
    const first = await apply(threeDocuments(`${team}/${own}`)).expect(200);
    await given(t).aliasSet(team, own, { entries: [foo] });

    const second = await apply(first.text).expect(200);
    const web = kubectlDecode(splitDocuments(second.text)[1], 'yaml');
    expect(pathOf(web, hostAliasesPath('Deployment'))).toEqual([foo, handWritten]);
    expect(pathOf(web, ['spec', 'template', 'metadata', 'annotations', APPLIED])).toBe(
      JSON.stringify({ sets: [`${team}/${own}@2`], ips: [foo.ip] }),
    );
    const report = kubectlDecode(splitDocuments(second.text)[2], 'yaml');
    expect(pathOf(report, hostAliasesPath('CronJob'))).toEqual([foo]);

    const third = await apply(second.text).expect(200);
    expect(third.text).toBe(second.text);
    const inSync = await check(second.text).expect(200);
    expect(inSync.body.inSync).toBe(true);

    // An emptied set takes everything it placed away; the annotation says so.
    await given(t).aliasSet(team, own, { entries: [] });
    const emptied = await apply(third.text).expect(200);
    const emptiedWeb = kubectlDecode(splitDocuments(emptied.text)[1], 'yaml');
    expect(pathOf(emptiedWeb, hostAliasesPath('Deployment'))).toEqual([handWritten]);
    const emptiedJob = kubectlDecode(splitDocuments(emptied.text)[2], 'yaml');
    expect(pathOf(emptiedJob, hostAliasesPath('CronJob'))).toBeUndefined();
    expect(
      pathOf(emptiedJob, [
        'spec',
        'jobTemplate',
        'spec',
        'template',
        'metadata',
        'annotations',
        APPLIED,
      ]),
    ).toBe(JSON.stringify({ sets: [`${team}/${own}@3`], ips: [] }));
  });

  it('converges with kubectl patch --type strategic and applied, read back from the object', async () => {
    const own = uniqueName('patch');
    await given(t).aliasSet(team, own, { entries: [foo, gone] });
    const patchFor = async (object: Record<string, unknown>): Promise<string> => {
      const previous = pathOf(object, ['spec', 'template', 'metadata', 'annotations', APPLIED]);
      const applied =
        typeof previous === 'string' ? `&applied=${encodeURIComponent(previous)}` : '';
      const response = await t
        .http()
        .get(`/api/v1/render/patch?sets=${team}/${own}&kind=Deployment${applied}`)
        .set('authorization', auth)
        .expect(200);
      return response.text;
    };
    let object = workloadManifest('Deployment', [handWritten]);
    object = kubectlPatch(JSON.stringify(object), 'strategic', await patchFor(object));
    expect(pathOf(object, hostAliasesPath('Deployment'))).toHaveLength(3);

    await given(t).aliasSet(team, own, { entries: [foo] });
    object = kubectlPatch(JSON.stringify(object), 'strategic', await patchFor(object));
    expect(pathOf(object, hostAliasesPath('Deployment'))).toEqual(
      expect.arrayContaining([foo, handWritten]),
    );
    expect(pathOf(object, hostAliasesPath('Deployment'))).toHaveLength(2);
    const settled = kubectlPatch(JSON.stringify(object), 'strategic', await patchFor(object));
    expect(JSON.stringify(settled)).toBe(JSON.stringify(object));
  });

  it('render/patch with a malformed applied: 400 naming it, nothing rendered', async () => {
    const response = await t
      .http()
      .get(`/api/v1/render/patch?sets=${team}/${set}&applied=${encodeURIComponent('{"ips":')}`)
      .set('authorization', auth)
      .expect(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['applied']);
  });

  it('a v1 List in JSON: every item is a workload of its own', async () => {
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } },
        workloadManifest('Job', []),
      ],
    };
    const response = await apply(
      JSON.stringify(list),
      `?sets=${team}/${set}`,
      'application/json',
    ).expect(200);
    const body = JSON.parse(response.text) as typeof list;
    expect(body.items[0]).toEqual(list.items[0]);
    expect(pathOf(body.items[1], hostAliasesPath('Job'))).toEqual([foo, gone]);
    const checked = await check(
      JSON.stringify(list),
      `?sets=${team}/${set}`,
      'application/json',
    ).expect(200);
    expect(checked.body.items.map((item: { document: string }) => item.document)).toEqual([
      'documents[0].items[1]',
    ]);
  });

  describe('check reports each case of the merge, over REST and GraphQL', () => {
    const podWith = (aliases: object[], applied?: object): string =>
      stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: 'p',
          namespace: 'ns',
          annotations: applied ? { [APPLIED]: JSON.stringify(applied) } : {},
        },
        spec: { containers: [{ name: 'c', image: 'nginx' }], hostAliases: aliases },
      });
    const placedBefore = (ips: string[]) => ({ sets: ['x/y@1'], ips });
    const cases: [string, () => string, Record<string, unknown>][] = [
      [
        'in sync',
        () => podWith([foo, gone, handWritten], placedBefore([foo.ip, gone.ip])),
        { inSync: true },
      ],
      ['missing', () => podWith([foo], placedBefore([foo.ip])), { inSync: false, missing: [gone] }],
      [
        'stale',
        () =>
          podWith(
            [foo, gone, { ip: '10.9.9.9', hostnames: ['old'] }],
            placedBefore([foo.ip, gone.ip, '10.9.9.9']),
          ),
        { inSync: false, stale: [{ ip: '10.9.9.9', hostnames: ['old'] }] },
      ],
      [
        'replaced',
        () => podWith([foo, { ip: gone.ip, hostnames: ['by.hand'] }], placedBefore([foo.ip])),
        { inSync: false, missing: [gone], replaced: [{ ip: gone.ip, hostnames: ['by.hand'] }] },
      ],
      [
        'conflicts',
        () =>
          podWith(
            [foo, gone, { ip: '192.168.0.1', hostnames: ['foo.remote'] }],
            placedBefore([foo.ip, gone.ip]),
          ),
        {
          inSync: false,
          conflicts: [{ hostname: 'foo.remote', ip: foo.ip, handWrittenIp: '192.168.0.1' }],
        },
      ],
    ];

    it.each(cases)('%s', async (_, body, expected) => {
      const item = {
        document: 'documents[0]',
        kind: 'Pod',
        namespace: 'ns',
        name: 'p',
        missing: [],
        stale: [],
        replaced: [],
        conflicts: [],
        ...expected,
      };
      const rest = await check(body(), `?sets=${team}/${set}`).expect(200);
      expect(rest.body).toEqual({ inSync: expected.inSync, items: [item] });
      const gql = await t.graphql<{ checkManifests: unknown }>(
        `query($d: String!, $s: [String!]) { checkManifests(documents: $d, sets: $s) {
          inSync items { document kind namespace name inSync
            missing { ip hostnames } stale { ip hostnames } replaced { ip hostnames }
            conflicts { hostname ip handWrittenIp } } } }`,
        { d: body(), s: [`${team}/${set}`] },
      );
      expect(gql.errors).toBeUndefined();
      expect(gql.data?.checkManifests).toEqual(rest.body);
    });
  });

  it('a hand-written entry claiming a registry hostname: 409 by default, applied with a Warning under first', async () => {
    const body = stringify(
      workloadManifest('Pod', [{ ip: '192.168.0.1', hostnames: ['foo.remote'] }]),
    );
    const refused = await apply(body, `?sets=${team}/${set}`).expect(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.conflicts).toEqual([
      {
        document: 'documents[0]',
        hostname: 'foo.remote',
        ip: foo.ip,
        handWrittenIp: '192.168.0.1',
      },
    ]);
    const applied = await apply(body, `?sets=${team}/${set}&onConflict=first`).expect(200);
    expect(applied.headers.warning).toContain('foo.remote');
  });

  it('GraphQL applyManifests gives the same documents as REST', async () => {
    const input = threeDocuments(`${team}/${set}`);
    const rest = await apply(input).expect(200);
    const gql = await t.graphql<{
      applyManifests: { documents: string; format: string; inSync: boolean };
    }>('query($d: String!) { applyManifests(documents: $d) { documents format inSync } }', {
      d: input,
    });
    expect(gql.errors).toBeUndefined();
    expect(gql.data?.applyManifests).toEqual({
      documents: rest.text,
      format: 'yaml',
      inSync: false,
    });
  });

  describe('bad input: 4xx naming the document and field, nothing half-applied', () => {
    it.each([
      ['not YAML', 'a: [unclosed\n', 'documents[0]'],
      ['not a Kubernetes object', '- just\n- a list\n', 'documents[0]'],
      [
        'a workload without a pod template',
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {}\n',
        'documents[0].spec.template.spec',
      ],
      [
        'a malformed applied annotation',
        `apiVersion: v1\nkind: Pod\nmetadata:\n  annotations:\n    ${SETS}: a/b\n    ${APPLIED}: "{oops"\nspec: {containers: []}\n`,
        `documents[0].metadata.annotations["${APPLIED}"]`,
      ],
      [
        'a malformed sets annotation',
        `apiVersion: v1\nkind: ConfigMap\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  annotations:\n    ${SETS}: "Not A Ref"\nspec: {containers: []}\n`,
        `documents[1].metadata.annotations["${SETS}"]`,
      ],
    ])('%s: 400', async (_, body, field) => {
      const response = await apply(body).expect(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('more than 500 documents: 400', async () => {
      const body = Array.from({ length: 501 }, () => 'apiVersion: v1\nkind: ConfigMap\n').join(
        '---\n',
      );
      const response = await check(body).expect(400);
      expect(response.body.errors).toEqual([
        { field: 'documents', message: 'must be at most 500 documents' },
      ]);
    });

    it('an unknown set in an annotation: 404 naming the field; another team`s private set is not found either', async () => {
      const other = await given(t).team();
      const secret = uniqueName('secret');
      await given(t).aliasSet(other, secret, { entries: [foo], shared: false });
      const body = (ref: string): string =>
        `apiVersion: v1\nkind: ConfigMap\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  annotations:\n    ${SETS}: ${ref}\nspec: {containers: []}\n`;
      const unknown = await apply(body(`${team}/does-not-exist`)).expect(404);
      expect(unknown.body.errors).toEqual([
        {
          field: `documents[1].metadata.annotations["${SETS}"]`,
          message: `alias set "${team}/does-not-exist" not found`,
        },
      ]);
      const token = await given(t).token(team, 'reader');
      const hidden = await t
        .http()
        .post('/api/v1/manifests/apply')
        .set('authorization', `Bearer ${token}`)
        .set('content-type', 'application/yaml')
        .send(body(`${other}/${secret}`))
        .expect(404);
      expect(hidden.body.detail).toContain('not found');
      const gql = await t.graphql(
        'query($d: String!) { checkManifests(documents: $d) { inSync } }',
        { d: body(`${other}/${secret}`) },
        token,
      );
      expect(gql.errors?.[0].extensions.code).toBe('NOT_FOUND');
    });

    it('GraphQL: BAD_USER_INPUT with the field', async () => {
      const gql = await t.graphql(
        'query($d: String!) { applyManifests(documents: $d) { documents } }',
        {
          d: 'apiVersion: v1\n',
        },
      );
      expect(gql.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(gql.errors?.[0].extensions.errors?.[0].field).toBe('documents[0]');
    });
  });

  it('counts the calls in /metrics', async () => {
    const metrics = await t.http().get('/metrics').expect(200);
    expect(metrics.text).toMatch(
      /manifests_requests_total\{operation="apply",outcome="drift"\} \d+/,
    );
    expect(metrics.text).toMatch(
      /manifests_requests_total\{operation="check",outcome="in_sync"\} \d+/,
    );
    expect(metrics.text).toMatch(
      /manifests_requests_total\{operation="apply",outcome="refused"\} \d+/,
    );
  });
});

describe('manifests requests take their turn (MANIFESTS_CONCURRENCY)', () => {
  let t: TestApp;
  afterAll(() => t.close());

  it('one at a time, twelve at once all get the same answer', async () => {
    t = await startTestApp({ MANIFESTS_CONCURRENCY: '1', RATE_LIMIT_PER_MINUTE: '0' });
    const team = await given(t).team();
    const set = uniqueName('turns');
    await given(t).aliasSet(team, set, { entries: [foo] });
    const input = threeDocuments(`${team}/${set}`);
    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        t
          .http()
          .post('/api/v1/manifests/apply')
          .set('authorization', auth)
          .set('content-type', 'application/yaml')
          .send(input),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(12).fill(200));
    expect(new Set(answers.map((answer) => answer.text)).size).toBe(1);
    expect(answers[0].text).toContain(foo.ip);
  });
});
