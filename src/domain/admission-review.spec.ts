import { isPodCreation, parseAdmissionReview, podPatch, readPodAsk } from './admission-review';
import { managedMerge } from './managed-merge';

const SETS = 'hostaliases.registry/sets';

describe('parseAdmissionReview', () => {
  const request = {
    uid: 'u1',
    operation: 'CREATE',
    kind: { group: '', version: 'v1', kind: 'Pod' },
  };

  it('returns the request of an admission.k8s.io/v1 review', () => {
    expect(
      parseAdmissionReview({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request }),
    ).toBe(request);
  });

  it.each([
    ['not an object', [], ['']],
    [
      'v1beta1',
      { apiVersion: 'admission.k8s.io/v1beta1', kind: 'AdmissionReview', request },
      ['apiVersion'],
    ],
    ['another kind', { apiVersion: 'admission.k8s.io/v1', kind: 'Review', request }, ['kind']],
    [
      'no uid',
      { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { uid: '' } },
      ['request.uid'],
    ],
    ['no request', { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview' }, ['request.uid']],
  ])('refuses %s, naming the fields', (_, body, fields) => {
    expect(() => parseAdmissionReview(body)).toThrow(
      expect.objectContaining({
        errors: fields.map((field) => expect.objectContaining({ field })),
      }),
    );
  });
});

describe('isPodCreation', () => {
  it.each([
    [{ operation: 'CREATE', kind: { group: '', kind: 'Pod' } }, true],
    [{ operation: 'UPDATE', kind: { group: '', kind: 'Pod' } }, false],
    [{ operation: 'CREATE', kind: { group: 'apps', kind: 'Deployment' } }, false],
    [
      { operation: 'CREATE', kind: { group: '', kind: 'Pod' }, subResource: 'ephemeralcontainers' },
      false,
    ],
  ])('%j: %s', (request, expected) => {
    expect(isPodCreation({ uid: 'u', ...request })).toBe(expected);
  });
});

describe('readPodAsk', () => {
  it.each([
    ['no annotations', { metadata: {} }, { kind: 'none' }],
    ['not a pod', 'x', { kind: 'invalid', warnings: ['request.object is not a pod'] }],
    [
      'the cluster annotation over the default',
      {
        metadata: { annotations: { [SETS]: 'a/b', 'hostaliases.registry/cluster': 'us' } },
        spec: {},
      },
      { kind: 'sets', sets: ['a/b'], cluster: 'us', current: [] },
    ],
    [
      'the default cluster',
      {
        metadata: { annotations: { [SETS]: 'a/b,c/d' } },
        spec: { hostAliases: [{ ip: '1.2.3.4', hostnames: ['x'] }] },
      },
      {
        kind: 'sets',
        sets: ['a/b', 'c/d'],
        cluster: 'eu',
        current: [{ ip: '1.2.3.4', hostnames: ['x'] }],
      },
    ],
  ])('%s', (_, pod, expected) => {
    expect(readPodAsk(pod, 'eu')).toEqual(expected);
  });

  it('names a malformed annotation', () => {
    const ask = readPodAsk({ metadata: { annotations: { [SETS]: 'A/B' } }, spec: {} }, undefined);
    expect(ask).toMatchObject({
      kind: 'invalid',
      warnings: [expect.stringContaining(`metadata.annotations["${SETS}"]`)],
    });
  });
});

describe('podPatch', () => {
  const desired = [{ ip: '10.1.2.3', hostnames: ['a'] }];
  const applied = '{"sets":["t/s@1"],"ips":["10.1.2.3"]}';

  it.each([
    [
      'first time',
      [],
      [],
      undefined,
      ['add /spec/hostAliases', 'add /metadata/annotations/hostaliases.registry~1applied'],
    ],
    ['already so', desired, ['10.1.2.3'], applied, []],
    [
      'only the annotation',
      desired,
      ['10.1.2.3'],
      '{"sets":["t/s@0"]}',
      ['add /metadata/annotations/hostaliases.registry~1applied'],
    ],
  ])('%s', (_, current, placed, currentApplied, expected) => {
    const merged = managedMerge({ current, placed, desired });
    expect(
      podPatch(current, merged, currentApplied, applied).map((op) => `${op.op} ${op.path}`),
    ).toEqual(expected);
  });

  it('removes the list when nothing is left', () => {
    const current = [{ ip: '10.1.2.3', hostnames: ['a'] }];
    const merged = managedMerge({ current, placed: ['10.1.2.3'], desired: [] });
    expect(podPatch(current, merged, applied, '{"sets":[],"ips":[]}')[0]).toEqual({
      op: 'remove',
      path: '/spec/hostAliases',
    });
  });
});
