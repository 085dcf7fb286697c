/** Request bodies of the delivery scenarios (SPEC 8): a manifest file a pipeline would send. */

const KINDS: [string, string][] = [
  ['apps/v1', 'Deployment'],
  ['apps/v1', 'StatefulSet'],
  ['apps/v1', 'DaemonSet'],
  ['batch/v1', 'Job'],
  ['batch/v1', 'CronJob'],
];

/**
 * 20 documents as a repository of one service holds them: 15 workloads asking for `sets` by
 * annotation (with a comment and a hand-written entry each) and 5 ConfigMaps left alone.
 */
export function manifestFile(sets: string[]): string {
  const documents: string[] = [];
  for (let i = 0; i < 20; i++) {
    if (i % 4 === 3) {
      documents.push(
        `# settings ${i}\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings-${i}}\ndata:\n  level: "${i}"\n`,
      );
      continue;
    }
    const [apiVersion, kind] = KINDS[i % KINDS.length];
    documents.push(workload(apiVersion, kind, `app-${i}`, sets));
  }
  return documents.join('---\n');
}

function workload(apiVersion: string, kind: string, name: string, sets: string[]): string {
  const podTemplate = [
    'metadata:',
    `  labels: {app: ${name}}`,
    '  annotations:',
    `    hostaliases.registry/sets: ${sets.join(',')}   # from the registry`,
    'spec:',
    ...(kind === 'Job' || kind === 'CronJob' ? ['  restartPolicy: Never'] : []),
    '  containers:',
    `  - name: ${name}`,
    '    image: nginx:1.27',
    '  hostAliases:',
    '  - ip: 192.168.77.1   # written by hand',
    '    hostnames: [legacy.internal]',
  ];
  const indent = (lines: string[], by: number) => lines.map((line) => ' '.repeat(by) + line);
  const spec =
    kind === 'CronJob'
      ? [
          'spec:',
          '  schedule: "*/5 * * * *"',
          '  jobTemplate:',
          '    spec:',
          '      template:',
          ...indent(podTemplate, 8),
        ]
      : kind === 'Job'
        ? ['spec:', '  template:', ...indent(podTemplate, 4)]
        : [
            'spec:',
            `  selector: {matchLabels: {app: ${name}}}`,
            '  template:',
            ...indent(podTemplate, 4),
          ];
  return [
    `apiVersion: ${apiVersion}`,
    `kind: ${kind}`,
    `metadata: {name: ${name}}`,
    ...spec,
    '',
  ].join('\n');
}

/** What the API server sends when a labelled pod asking for `sets` is created. */
export function admissionReview(sets: string[]): string {
  return JSON.stringify({
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: '705ab4f5-6393-11e8-b7cc-42010a800002',
      kind: { group: '', version: 'v1', kind: 'Pod' },
      resource: { group: '', version: 'v1', resource: 'pods' },
      namespace: 'shop',
      operation: 'CREATE',
      userInfo: { username: 'system:serviceaccount:kube-system:replicaset-controller' },
      object: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          generateName: 'web-7d4b9c-',
          namespace: 'shop',
          labels: { app: 'web', 'hostaliases.registry/inject': 'enabled' },
          annotations: { 'hostaliases.registry/sets': sets.join(',') },
        },
        spec: {
          containers: [{ name: 'app', image: 'nginx:1.27' }],
          hostAliases: [{ ip: '192.168.77.1', hostnames: ['legacy.internal'] }],
        },
      },
      dryRun: false,
    },
  });
}
