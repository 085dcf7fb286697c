import { readWorkload, workloadLocation } from './workload';

describe('workloadLocation', () => {
  it.each([
    ['v1', 'Pod', 'spec', 'metadata'],
    ['v1', 'PodTemplate', 'template.spec', 'template.metadata'],
    ['v1', 'ReplicationController', 'spec.template.spec', 'spec.template.metadata'],
    ['apps/v1', 'Deployment', 'spec.template.spec', 'spec.template.metadata'],
    ['apps/v1', 'ReplicaSet', 'spec.template.spec', 'spec.template.metadata'],
    ['apps/v1', 'StatefulSet', 'spec.template.spec', 'spec.template.metadata'],
    ['apps/v1', 'DaemonSet', 'spec.template.spec', 'spec.template.metadata'],
    ['batch/v1', 'Job', 'spec.template.spec', 'spec.template.metadata'],
    [
      'batch/v1',
      'CronJob',
      'spec.jobTemplate.spec.template.spec',
      'spec.jobTemplate.spec.template.metadata',
    ],
  ])('%s %s: pod spec at %s, annotations under %s', (apiVersion, kind, spec, metadata) => {
    const location = workloadLocation(apiVersion, kind);
    expect(location?.podSpecPath.join('.')).toBe(spec);
    expect(location?.metadataPath.join('.')).toBe(metadata);
  });

  it.each([
    ['v1', 'ConfigMap'],
    ['v1', 'Deployment'],
    ['example.com/v1', 'Job'],
    ['apps/v1', 'Pod'],
    [undefined, 'Pod'],
    ['v1', 7],
  ])('%s %s is not a workload', (apiVersion, kind) => {
    expect(workloadLocation(apiVersion, kind)).toBeUndefined();
  });
});

describe('readWorkload', () => {
  const location = workloadLocation('apps/v1', 'Deployment')!;

  it('reads hostAliases and the pod template annotations', () => {
    const object = {
      spec: {
        template: {
          metadata: { annotations: { 'hostaliases.registry/sets': 'a/b' } },
          spec: { hostAliases: [{ ip: '10.1.2.3', hostnames: ['x'] }, { ip: '10.1.2.4' }] },
        },
      },
    };
    expect(readWorkload(object, location, 'documents[0]')).toEqual({
      state: {
        current: [
          { ip: '10.1.2.3', hostnames: ['x'] },
          { ip: '10.1.2.4', hostnames: [] },
        ],
        annotations: { 'hostaliases.registry/sets': 'a/b' },
      },
      errors: [],
    });
  });

  it('refuses a workload without a pod template', () => {
    expect(readWorkload({ spec: {} }, location, 'documents[2]').errors).toEqual([
      {
        field: 'documents[2].spec.template.spec',
        message: 'a Deployment needs a pod template with a spec',
      },
    ]);
  });

  it('names every malformed hostAliases item and bad annotations', () => {
    const object = {
      spec: {
        template: {
          metadata: { annotations: ['x'] },
          spec: { hostAliases: [{ ip: 1 }, { ip: '10.0.0.1', hostnames: 'x' }] },
        },
      },
    };
    expect(readWorkload(object, location, 'documents[0]').errors.map((e) => e.field)).toEqual([
      'documents[0].spec.template.spec.hostAliases[0].ip',
      'documents[0].spec.template.spec.hostAliases[1].hostnames',
      'documents[0].spec.template.metadata.annotations',
    ]);
  });
});
