import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app';
import { given, uniqueName } from '../support/given';

const auth = `Bearer ${ADMIN_TOKEN}`;
interface Vector {
  name: string;
  input: { hostAliases: { ip: string; hostnames: string[] }[]; nodeHostsFile?: string };
  expected: string;
}
const vectors = (
  JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'hosts-vectors.json'), 'utf8')) as {
    hostsFile: Vector[];
  }
).hostsFile;
const k8sDoc = vectors.find((v) => v.name.startsWith('Kubernetes documentation example'))!;
const hostNetwork = vectors.find(
  (v) => v.name === 'host network pod copies the node file and appends aliases',
)!;

describe('resolution and rendering over HTTP', () => {
  let t: TestApp;
  let team: string;
  let cluster: string;
  let example: string;

  beforeAll(async () => {
    t = await startTestApp();
    team = await given(t).team();
    cluster = await given(t).cluster();
    example = uniqueName('k8s-doc');
    await given(t).aliasSet(team, example, { entries: k8sDoc.input.hostAliases });
  });
  afterAll(() => t.close());

  it('renders the Kubernetes documentation example exactly as the kubelet writes it', async () => {
    const response = await t
      .http()
      .get(`/api/v1/render/hosts?sets=${team}/${example}&podName=hostaliases-pod&podIP=10.200.0.5`)
      .set('authorization', auth)
      .expect(200);
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(response.text).toBe(k8sDoc.expected);
    const shortcut = await t
      .http()
      .get(`/api/v1/alias-sets/${team}/${example}/hosts?podName=hostaliases-pod&podIP=10.200.0.5`)
      .set('authorization', auth)
      .expect(200);
    expect(shortcut.text).toBe(k8sDoc.expected);
  });

  it('renders a host-network pod from the node file in a POST body', async () => {
    const name = uniqueName('hostnet');
    await given(t).aliasSet(team, name, { entries: hostNetwork.input.hostAliases });
    const response = await t
      .http()
      .post('/api/v1/render/hosts')
      .set('authorization', auth)
      .send({
        sets: [`${team}/${name}`],
        pod: { hostNetwork: true, nodeHostsFile: hostNetwork.input.nodeHostsFile },
      })
      .expect(200);
    expect(response.text).toBe(hostNetwork.expected);
  });

  it('renders dual-stack pod lines and the service domain', async () => {
    const response = await t
      .http()
      .get(
        `/api/v1/render/hosts?sets=${team}/${example}&podName=web-0&subdomain=web&namespace=shop&podIP=10.0.0.5&podIP=fd00::5`,
      )
      .set('authorization', auth)
      .expect(200);
    expect(response.text).toContain(
      '10.0.0.5\tweb-0.web.shop.svc.cluster.local\tweb-0\nfd00::5\tweb-0.web.shop.svc.cluster.local\tweb-0\n',
    );
  });

  it('answers with a strong ETag and 304 for If-None-Match, and a new ETag after a change', async () => {
    const name = uniqueName('etag');
    await given(t).aliasSet(team, name, { entries: [{ ip: '10.5.5.5', hostnames: ['e.remote'] }] });
    const url = `/api/v1/render/hosts?sets=${team}/${name}&podName=p`;
    const first = await t.http().get(url).set('authorization', auth).expect(200);
    expect(first.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const again = await t
      .http()
      .get(url)
      .set('authorization', auth)
      .set('if-none-match', first.headers.etag)
      .expect(304);
    expect(again.text).toBe('');
    await given(t).aliasSet(team, name, { entries: [{ ip: '10.5.5.6', hostnames: ['e.remote'] }] });
    const changed = await t
      .http()
      .get(url)
      .set('authorization', auth)
      .set('if-none-match', first.headers.etag)
      .expect(200);
    expect(changed.headers.etag).not.toBe(first.headers.etag);
    expect(changed.text).toContain('10.5.5.6\te.remote\n');
  });

  it('resolves includes, cluster scope and overrides; conflicts are 409 or reported as overridden', async () => {
    const base = uniqueName('base');
    const app = uniqueName('app');
    const rival = uniqueName('rival');
    await given(t).aliasSet(team, base, {
      entries: [
        { ip: '10.1.2.3', hostnames: ['foo.remote', 'bar.remote'] },
        { ip: '10.9.9.9', hostnames: ['foo.remote'], clusters: [cluster] },
      ],
    });
    await given(t).aliasSet(team, app, {
      entries: [{ ip: '010.0.0.1', hostnames: ['app.local'] }],
      includes: [`${team}/${base}`],
    });
    await given(t).aliasSet(team, rival, {
      entries: [
        { ip: '10.7.7.7', hostnames: ['bar.remote'] },
        { ip: '10.0.0.1', hostnames: ['also.local'] },
      ],
    });

    const plain = await t
      .http()
      .get(`/api/v1/resolve?sets=${team}/${app}`)
      .set('authorization', auth)
      .expect(200);
    expect(plain.body).toEqual({
      hostAliases: [
        { ip: '010.0.0.1', hostnames: ['app.local'] },
        { ip: '10.1.2.3', hostnames: ['foo.remote', 'bar.remote'] },
      ],
      overridden: [],
      sets: [`${team}/${app}`, `${team}/${base}`],
      versions: [1, 1],
    });
    const scoped = await t
      .http()
      .get(`/api/v1/resolve?sets=${team}/${app}&cluster=${cluster}`)
      .set('authorization', auth)
      .expect(200);
    expect(scoped.body.hostAliases).toEqual([
      { ip: '010.0.0.1', hostnames: ['app.local'] },
      { ip: '10.1.2.3', hostnames: ['bar.remote'] },
      { ip: '10.9.9.9', hostnames: ['foo.remote'] },
    ]);

    const conflict = await t
      .http()
      .get(`/api/v1/resolve?sets=${team}/${app},${team}/${rival}`)
      .set('authorization', auth)
      .expect(409);
    expect(conflict.body.conflicts).toEqual([
      {
        hostname: 'bar.remote',
        sources: [
          { ip: '10.1.2.3', from: `${team}/${base}` },
          { ip: '10.7.7.7', from: `${team}/${rival}` },
        ],
      },
    ]);
    const first = await t
      .http()
      .get(`/api/v1/resolve?sets=${team}/${app},${team}/${rival}&onConflict=first`)
      .set('authorization', auth)
      .expect(200);
    expect(first.body.hostAliases).toEqual([
      { ip: '010.0.0.1', hostnames: ['app.local', 'also.local'] },
      { ip: '10.1.2.3', hostnames: ['foo.remote', 'bar.remote'] },
    ]);
    expect(first.body.overridden).toEqual([
      {
        hostname: 'bar.remote',
        ip: '10.7.7.7',
        from: `${team}/${rival}`,
        keptIp: '10.1.2.3',
        keptFrom: `${team}/${base}`,
      },
    ]);
  });

  it('answers 404 for unknown sets and clusters, 400 for bad references and pod parameters', async () => {
    const missing = await t
      .http()
      .get(`/api/v1/resolve?sets=${team}/nothing-here`)
      .set('authorization', auth)
      .expect(404);
    expect(missing.body.detail).toBe(`alias set "${team}/nothing-here" not found`);
    await t
      .http()
      .get(`/api/v1/resolve?sets=${team}/${example}&cluster=no-such-cluster`)
      .set('authorization', auth)
      .expect(404);
    const badRef = await t
      .http()
      .get('/api/v1/resolve?sets=not-a-ref')
      .set('authorization', auth)
      .expect(400);
    expect(badRef.body.errors[0].field).toBe('sets[0]');
    const badPod = await t
      .http()
      .get(`/api/v1/render/hosts?sets=${team}/${example}&hostname=Not_A_Label&podIP=10.0.0.300`)
      .set('authorization', auth)
      .expect(400);
    expect(badPod.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'podIP[0]',
      'hostname',
    ]);
    const badKind = await t
      .http()
      .get(`/api/v1/render/patch?sets=${team}/${example}&kind=Service`)
      .set('authorization', auth)
      .expect(400);
    expect(badKind.body.errors[0].field).toBe('kind');
  });

  it('refuses an include cycle with 422 naming the cycle', async () => {
    const a = uniqueName('cyc-a');
    const b = uniqueName('cyc-b');
    await given(t).aliasSet(team, a, { entries: [] });
    await given(t).aliasSet(team, b, { entries: [], includes: [`${team}/${a}`] });
    const cycle = await t
      .http()
      .put(`/api/v1/alias-sets/${team}/${a}`)
      .set('authorization', auth)
      .send({ entries: [], includes: [`${team}/${b}`] })
      .expect(422);
    expect(cycle.body.cycle).toEqual([`${team}/${a}`, `${team}/${b}`, `${team}/${a}`]);
    expect(cycle.body.detail).toContain(`${team}/${a} -> ${team}/${b} -> ${team}/${a}`);
  });

  it.each([
    ['strategic', 'json', 'application/strategic-merge-patch+json; charset=utf-8'],
    ['merge', 'json', 'application/merge-patch+json; charset=utf-8'],
    ['json', 'json', 'application/json-patch+json; charset=utf-8'],
    ['strategic', 'yaml', 'application/yaml'],
  ])('renders a %s patch as %s (%s)', async (type, format, contentType) => {
    const response = await t
      .http()
      .get(
        `/api/v1/render/patch?sets=${team}/${example}&kind=CronJob&type=${type}&format=${format}`,
      )
      .set('authorization', auth)
      .expect(200);
    expect(response.headers['content-type']).toBe(contentType);
    expect(response.headers.etag).toMatch(/^"/);
    const text = response.text;
    if (format === 'json' && type === 'json') {
      expect(JSON.parse(text)).toEqual([
        {
          op: 'add',
          path: '/spec/jobTemplate/spec/template/spec/hostAliases',
          value: k8sDoc.input.hostAliases,
        },
      ]);
    } else if (format === 'json') {
      expect(JSON.parse(text).spec.jobTemplate.spec.template.spec.hostAliases).toEqual(
        k8sDoc.input.hostAliases,
      );
    } else {
      expect(text).toContain('hostAliases:');
    }
  });

  it('GraphQL: resolve, renderHosts, renderPatch and the AliasSet fields give the same answers', async () => {
    const result = await t.graphql<{
      resolve: { hostAliases: { ip: string; hostnames: string[] }[] };
      renderHosts: string;
      renderPatch: string;
      aliasSet: {
        hostAliases: { ip: string }[];
        hostsFile: string;
        auditEvents: { action: string }[];
      };
    }>(
      `query($sets: [String!]!, $team: String!, $name: String!) {
        resolve(sets: $sets) { hostAliases { ip hostnames } overridden { hostname } }
        renderHosts(sets: $sets, pod: { podName: "hostaliases-pod", podIPs: ["10.200.0.5"] })
        renderPatch(sets: $sets, kind: Pod, type: merge)
        aliasSet(team: $team, name: $name) {
          hostAliases { ip }
          hostsFile(pod: { podName: "hostaliases-pod", podIPs: ["10.200.0.5"] })
          auditEvents { action }
        }
      }`,
      { sets: [`${team}/${example}`], team, name: example },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.resolve.hostAliases).toEqual(k8sDoc.input.hostAliases);
    expect(result.data?.renderHosts).toBe(k8sDoc.expected);
    // Every patch records what the registry placed, so the next one can converge (SPEC 8.1).
    const applied = JSON.stringify({
      sets: [`${team}/${example}@1`],
      ips: k8sDoc.input.hostAliases.map((alias) => alias.ip),
    });
    expect(JSON.parse(result.data!.renderPatch)).toEqual({
      metadata: { annotations: { 'hostaliases.registry/applied': applied } },
      spec: { hostAliases: k8sDoc.input.hostAliases },
    });
    expect(result.data?.aliasSet.hostsFile).toBe(k8sDoc.expected);
    expect(result.data?.aliasSet.hostAliases.map((a) => a.ip)).toEqual(['127.0.0.1', '10.1.2.3']);
    expect(result.data?.aliasSet.auditEvents).toEqual([{ action: 'alias_set.create' }]);

    const missing = await t.graphql(`{ resolve(sets: ["${team}/absent"]) { hostAliases { ip } } }`);
    expect(missing.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const badKind = await t.graphql(`{ renderPatch(sets: ["${team}/${example}"], kind: Service) }`);
    expect(badKind.errors?.[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
