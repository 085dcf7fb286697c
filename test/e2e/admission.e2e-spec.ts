import { parse } from 'yaml';

import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app';
import { given, uniqueName } from '../support/given';
import { kubectlPatch } from '../support/kubectl';

const auth = `Bearer ${ADMIN_TOKEN}`;
const SETS = 'hostaliases.registry/sets';
const APPLIED = 'hostaliases.registry/applied';
const a = { ip: '10.1.2.3', hostnames: ['a.remote'] };
const b = { ip: '10.2.2.2', hostnames: ['b.remote'] };
const handWritten = { ip: '192.168.0.9', hostnames: ['mine.local'] };

type Alias = { ip: string; hostnames: string[] };

function pod(annotations: Record<string, string>, hostAliases?: Alias[]): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'web',
      namespace: 'shop',
      labels: { 'hostaliases.registry/inject': 'enabled' },
      annotations,
    },
    spec: {
      containers: [{ name: 'app', image: 'nginx' }],
      ...(hostAliases ? { hostAliases } : {}),
    },
  };
}

/** An AdmissionReview as the API server sends it (k8s.io/api/admission/v1). */
function review(
  object: Record<string, unknown>,
  overrides: { operation?: string; kind?: string; group?: string; dryRun?: boolean } = {},
) {
  const kind = overrides.kind ?? 'Pod';
  const group = overrides.group ?? '';
  return {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: uniqueName('uid'),
      kind: { group, version: 'v1', kind },
      resource: { group, version: 'v1', resource: `${kind.toLowerCase()}s` },
      requestKind: { group, version: 'v1', kind },
      requestResource: { group, version: 'v1', resource: `${kind.toLowerCase()}s` },
      name: 'web',
      namespace: 'shop',
      operation: overrides.operation ?? 'CREATE',
      userInfo: { username: 'system:serviceaccount:kube-system:replicaset-controller' },
      object,
      oldObject: null,
      dryRun: overrides.dryRun ?? false,
      options: { apiVersion: 'meta.k8s.io/v1', kind: 'CreateOptions' },
    },
  };
}

interface Response {
  uid: string;
  allowed: boolean;
  patch?: string;
  patchType?: string;
  warnings?: string[];
  auditAnnotations?: Record<string, string>;
  status?: { message: string; code: number };
}

describe('admission webhook (SPEC 8.2)', () => {
  let t: TestApp;
  let team: string;
  let setA: string;
  let setB: string;
  let cluster: string;

  const mutate = async (body: object, query = '', token = auth) => {
    const response = await t
      .http()
      .post(`/api/v1/admission/mutate?cluster=${cluster}${query}`)
      .set('authorization', token)
      .send(body)
      .expect(200);
    expect(response.body.apiVersion).toBe('admission.k8s.io/v1');
    expect(response.body.kind).toBe('AdmissionReview');
    const answer = response.body.response as Response;
    expect(answer.uid).toBe((body as ReturnType<typeof review>).request.uid);
    return answer;
  };

  /** kubectl applies the returned JSON Patch to the pod: the oracle for what the API server does. */
  const patched = (object: Record<string, unknown>, answer: Response) => {
    expect(answer.patchType).toBe('JSONPatch');
    const operations = Buffer.from(answer.patch!, 'base64').toString('utf8');
    return kubectlPatch(JSON.stringify(object), 'json', operations) as {
      metadata: { annotations: Record<string, string> };
      spec: { hostAliases?: Alias[] };
    };
  };

  beforeAll(async () => {
    t = await startTestApp();
    team = await given(t).team();
    cluster = await given(t).cluster();
    setA = `${team}/${uniqueName('a')}`;
    setB = `${team}/${uniqueName('b')}`;
    await given(t).aliasSet(team, setA.split('/')[1], { entries: [a] });
    await given(t).aliasSet(team, setB.split('/')[1], { entries: [b] });
  });
  afterAll(() => t.close());

  it('a pod without the annotation: allowed, no patch', async () => {
    const answer = await mutate(review(pod({})));
    expect(answer).toEqual({ uid: answer.uid, allowed: true });
  });

  it('a pod asking for two sets: patched with both, the applied annotation and audit annotations', async () => {
    const object = pod({ [SETS]: `${setA},${setB}` });
    const answer = await mutate(review(object));
    expect(answer.allowed).toBe(true);
    expect(answer.warnings).toBeUndefined();
    expect(answer.auditAnnotations).toEqual({ sets: `${setA}@1,${setB}@1` });
    const result = patched(object, answer);
    expect(result.spec.hostAliases).toEqual([a, b]);
    expect(result.metadata.annotations[APPLIED]).toBe(
      JSON.stringify({ sets: [`${setA}@1`, `${setB}@1`], cluster, ips: [a.ip, b.ip] }),
    );

    // Reinvoked on its own output (reinvocationPolicy: IfNeeded): nothing to do.
    const again = await mutate(review(result));
    expect(again.patch).toBeUndefined();
    expect(again.allowed).toBe(true);
  });

  it('hand-written hostAliases are kept; stale registry entries of an older applied annotation go', async () => {
    const older = JSON.stringify({ sets: [`${setA}@1`], ips: ['10.9.9.9', a.ip] });
    const object = pod({ [SETS]: setA, [APPLIED]: older }, [
      { ip: '10.9.9.9', hostnames: ['stale.remote'] },
      handWritten,
    ]);
    const result = patched(object, await mutate(review(object)));
    expect(result.spec.hostAliases).toEqual([a, handWritten]);
  });

  it('a conflict with a hand-written entry: a warning, and a denial under strict', async () => {
    const object = pod({ [SETS]: setA }, [{ ip: '192.168.0.1', hostnames: ['a.remote'] }]);
    const answer = await mutate(review(object));
    expect(answer.allowed).toBe(true);
    expect(answer.warnings).toEqual([
      'hand-written hostAlias 192.168.0.1 claims "a.remote", which the registry maps to 10.1.2.3',
    ]);
    expect(patched(object, answer).spec.hostAliases).toEqual([
      a,
      { ip: '192.168.0.1', hostnames: ['a.remote'] },
    ]);
    const strict = await mutate(review(object), '&strict=true');
    expect(strict.allowed).toBe(false);
    expect(strict.patch).toBeUndefined();
    expect(strict.status?.code).toBe(403);
    expect(strict.status?.message).toContain('a.remote');
  });

  it('an unknown set and another team`s private set: "not found" warnings, never a 5xx', async () => {
    const other = await given(t).team();
    const secret = uniqueName('secret');
    await given(t).aliasSet(other, secret, { entries: [b], shared: false });
    const token = `Bearer ${await given(t).token(team, 'reader')}`;
    const unknown = await mutate(review(pod({ [SETS]: `${team}/nope` })), '', token);
    expect(unknown).toMatchObject({
      allowed: true,
      warnings: [`hostaliases.registry/sets: alias set "${team}/nope" not found`],
    });
    const hidden = await mutate(review(pod({ [SETS]: `${other}/${secret}` })), '', token);
    expect(hidden.warnings?.[0]).toContain('not found');
    const strict = await mutate(review(pod({ [SETS]: `${team}/nope` })), '&strict=true', token);
    expect(strict.allowed).toBe(false);
  });

  it('a malformed annotation: a warning naming it, a denial under strict', async () => {
    const answer = await mutate(review(pod({ [SETS]: 'Not A Set' })));
    expect(answer.allowed).toBe(true);
    expect(answer.warnings?.[0]).toContain(`metadata.annotations["${SETS}"]`);
    const broken = await mutate(review(pod({ [SETS]: setA, [APPLIED]: '{oops' })));
    expect(broken.warnings?.[0]).toContain(`metadata.annotations["${APPLIED}"]`);
    expect((await mutate(review(pod({ [SETS]: 'Not A Set' })), '&strict=true')).allowed).toBe(
      false,
    );
  });

  it('dryRun: the same answer, nothing recorded in /metrics', async () => {
    const object = pod({ [SETS]: setA });
    const before = (await t.http().get('/metrics')).text;
    const dry = await mutate(review(object, { dryRun: true }));
    const after = (await t.http().get('/metrics')).text;
    const wet = await mutate(review(object));
    expect(dry.patch).toBe(wet.patch);
    const count = (text: string) => /admission_review_duration_seconds_count (\d+)/.exec(text)?.[1];
    expect(count(after)).toBe(count(before));
  });

  it("answers exactly as Nest's pipeline does; other callers and queries still meet its checks", async () => {
    const body = review(pod({ [SETS]: `${setA},${setB}` }, [handWritten]));
    const send = (query: string, token?: string) => {
      const request = t.http().post(`/api/v1/admission/mutate?cluster=${cluster}${query}`);
      return (token ? request.set('authorization', token) : request).send(body);
    };
    // A plain query takes the route's fast path; an empty `strict=` (absent) goes through Nest.
    const fast = await send('&strict=false', auth).expect(200);
    const piped = await send('&strict=', auth).expect(200);
    expect(fast.text).toBe(piped.text);
    const comparable = (headers: Record<string, string>) => {
      const copy = { ...headers };
      delete copy.date;
      delete copy['x-request-id'];
      return copy;
    };
    expect(comparable(fast.headers)).toEqual(comparable(piped.headers));
    expect(fast.body.response.patchType).toBe('JSONPatch');
    await send('').expect(401);
    await send('', 'Bearer hat_not-a-real-token').expect(401);
    const unknown = await send('&strictly=true', auth).expect(400);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    await send('&strict=maybe', auth).expect(400);
    await send(`&cluster=${'c'.repeat(64)}`, auth).expect(400);
  });

  it.each([
    [
      'a Deployment',
      review({ apiVersion: 'apps/v1', kind: 'Deployment' }, { kind: 'Deployment', group: 'apps' }),
    ],
    ['an UPDATE of a pod', () => review(pod({ [SETS]: setA }), { operation: 'UPDATE' })],
  ])('%s: allowed unchanged', async (_, body) => {
    const answer = await mutate(typeof body === 'function' ? body() : body);
    expect(answer).toEqual({ uid: answer.uid, allowed: true });
  });

  it('not an AdmissionReview: 400 problem+json; a body over the limit: 413', async () => {
    const bad = await t
      .http()
      .post('/api/v1/admission/mutate')
      .set('authorization', auth)
      .send({ apiVersion: 'admission.k8s.io/v1beta1', kind: 'AdmissionReview', request: {} })
      .expect(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'apiVersion',
      'request.uid',
    ]);
    const huge = review(pod({ [SETS]: setA, filler: 'x'.repeat(1_100_000) }));
    await t
      .http()
      .post('/api/v1/admission/mutate')
      .set('authorization', auth)
      .send(huge)
      .expect(413);
  });

  it('counts reviews by result, and their latency', async () => {
    const metrics = (await t.http().get('/metrics')).text;
    for (const result of ['patched', 'unchanged', 'warning', 'denied']) {
      expect(metrics).toMatch(new RegExp(`admission_reviews_total\\{result="${result}"\\} [1-9]`));
    }
    expect(metrics).toMatch(/admission_review_duration_seconds_bucket\{le="0.005"\} \d+/);
  });

  describe('configuration', () => {
    it('the webhook configuration carries every field of SPEC 8.2', async () => {
      const ca = Buffer.from(
        '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
      ).toString('base64');
      const response = await t
        .http()
        .get(`/api/v1/clusters/${cluster}/admission/webhook`)
        .query({ url: 'https://hostaliases.example.com', caBundle: ca })
        .set('authorization', auth)
        .expect(200);
      expect(response.headers['content-type']).toContain('application/yaml');
      const config = parse(response.text);
      expect(config).toMatchObject({
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: 'MutatingWebhookConfiguration',
      });
      expect(config.webhooks).toEqual([
        {
          name: 'inject.hostaliases.registry',
          admissionReviewVersions: ['v1'],
          sideEffects: 'None',
          failurePolicy: 'Ignore',
          timeoutSeconds: 3,
          reinvocationPolicy: 'IfNeeded',
          matchPolicy: 'Equivalent',
          clientConfig: {
            url: `https://hostaliases.example.com/api/v1/admission/mutate?cluster=${cluster}`,
            caBundle: ca,
          },
          rules: [
            {
              apiGroups: [''],
              apiVersions: ['v1'],
              operations: ['CREATE'],
              resources: ['pods'],
              scope: 'Namespaced',
            },
          ],
          objectSelector: { matchLabels: { 'hostaliases.registry/inject': 'enabled' } },
          namespaceSelector: {
            matchExpressions: [
              { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system'] },
            ],
          },
        },
      ]);
      const gql = await t.graphql<{ admissionWebhook: string }>(
        'query($c: String!, $u: String, $ca: String) { admissionWebhook(cluster: $c, url: $u, caBundle: $ca) }',
        { c: cluster, u: 'https://hostaliases.example.com', ca },
      );
      expect(gql.data?.admissionWebhook).toBe(response.text);
    });

    it('bad url or caBundle: 400; unknown cluster: 404', async () => {
      const get = (path: string) => t.http().get(path).set('authorization', auth);
      const http = await get(
        `/api/v1/clusters/${cluster}/admission/webhook?url=http://x.example`,
      ).expect(400);
      expect(http.body.errors[0].field).toBe('url');
      const ca = await get(`/api/v1/clusters/${cluster}/admission/webhook?caBundle=nope`).expect(
        400,
      );
      expect(ca.body.errors[0].field).toBe('caBundle');
      await get('/api/v1/clusters/no-such-cluster/admission/webhook').expect(404);
      await get(`/api/v1/clusters/no-such-cluster/admission/policy?sets=${setA}`).expect(404);
    });

    it('the policy and its binding carry the resolved entries and the selectors', async () => {
      const response = await t
        .http()
        .get(`/api/v1/clusters/${cluster}/admission/policy?sets=${setA},${setB}`)
        .set('authorization', auth)
        .expect(200);
      expect(response.text).toContain('# What this CEL cannot express');
      const [policy, binding] = response.text.split(/^---$/m).map((doc) => parse(doc));
      expect(policy).toMatchObject({
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: 'MutatingAdmissionPolicy',
        spec: {
          failurePolicy: 'Ignore',
          reinvocationPolicy: 'IfNeeded',
          matchConstraints: {
            resourceRules: [
              { apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'] },
            ],
          },
        },
      });
      expect(policy.spec.mutations[0].patchType).toBe('JSONPatch');
      expect(JSON.stringify(policy.spec.variables)).toContain(a.ip);
      expect(binding).toMatchObject({
        kind: 'MutatingAdmissionPolicyBinding',
        spec: {
          policyName: policy.metadata.name,
          matchResources: {
            objectSelector: { matchLabels: { 'hostaliases.registry/inject': 'enabled' } },
          },
        },
      });
      const gql = await t.graphql<{ admissionPolicy: string }>(
        'query($c: String!, $s: [String!]!) { admissionPolicy(cluster: $c, sets: $s) }',
        { c: cluster, s: [setA, setB] },
      );
      expect(gql.data?.admissionPolicy).toBe(response.text);
    });
  });
});

describe('admission when the registry cannot answer in time', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ ADMISSION_BUDGET_MS: '1' });
  });
  afterAll(() => t.close());

  it('allows the pod unchanged with a warning instead of timing out', async () => {
    const team = await given(t).team();
    const name = uniqueName('slow');
    await given(t).aliasSet(team, name, { entries: [a] });
    // Not loaded yet: reading it takes a database round trip, far over a 1 ms budget.
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        t
          .http()
          .post('/api/v1/admission/mutate')
          .set('authorization', auth)
          .send(review(pod({ [SETS]: `${team}/${name}` })))
          .expect(200),
      ),
    );
    const slow = answers.map((r) => r.body.response as Response).find((r) => r.warnings);
    expect(slow).toMatchObject({
      allowed: true,
      warnings: [expect.stringContaining('no answer within 1 ms')],
    });
    expect(slow?.patch).toBeUndefined();
  });
});
