import { applyPatch, type Operation } from 'fast-json-patch';
import { parse } from 'yaml';

import type { AliasEntry, HostAlias } from './host-alias';
import {
  PATCH_TYPES,
  WORKLOAD_KINDS,
  hostAliasesPath,
  renderPodSpecPatch,
  type WorkloadKind,
} from './pod-spec-patch';

const hostAliases: HostAlias[] = [
  { ip: '127.0.0.1', hostnames: ['foo.local', 'bar.local'] },
  { ip: 'fd00::1', hostnames: ['v6.remote'] },
];

describe('hostAliasesPath', () => {
  it.each<[WorkloadKind, string]>([
    ['Pod', 'spec.hostAliases'],
    ['PodTemplate', 'template.spec.hostAliases'],
    ['Deployment', 'spec.template.spec.hostAliases'],
    ['ReplicaSet', 'spec.template.spec.hostAliases'],
    ['StatefulSet', 'spec.template.spec.hostAliases'],
    ['DaemonSet', 'spec.template.spec.hostAliases'],
    ['ReplicationController', 'spec.template.spec.hostAliases'],
    ['Job', 'spec.template.spec.hostAliases'],
    ['CronJob', 'spec.jobTemplate.spec.template.spec.hostAliases'],
  ])('%s: %s', (kind, path) => {
    expect(hostAliasesPath(kind).join('.')).toBe(path);
  });

  it('covers every kind', () => {
    expect(WORKLOAD_KINDS).toHaveLength(9);
  });
});

describe('renderPodSpecPatch', () => {
  it('writes a strategic merge patch as indented JSON with a final newline', () => {
    expect(
      renderPodSpecPatch({ kind: 'Pod', type: 'strategic', format: 'json', hostAliases }),
    ).toEqual({
      contentType: 'application/strategic-merge-patch+json; charset=utf-8',
      body:
        '{\n  "spec": {\n    "hostAliases": [\n      {\n        "ip": "127.0.0.1",\n' +
        '        "hostnames": [\n          "foo.local",\n          "bar.local"\n        ]\n      },\n' +
        '      {\n        "ip": "fd00::1",\n        "hostnames": [\n          "v6.remote"\n' +
        '        ]\n      }\n    ]\n  }\n}\n',
    });
  });

  it.each([
    ['strategic', 'application/strategic-merge-patch+json; charset=utf-8'],
    ['merge', 'application/merge-patch+json; charset=utf-8'],
    ['json', 'application/json-patch+json; charset=utf-8'],
  ] as const)('labels %s JSON as %s, and YAML as application/yaml', (type, contentType) => {
    const base = { kind: 'Deployment' as const, type, hostAliases };
    expect(renderPodSpecPatch({ ...base, format: 'json' }).contentType).toBe(contentType);
    expect(renderPodSpecPatch({ ...base, format: 'yaml' }).contentType).toBe('application/yaml');
  });

  it('nests the list at the kind path for strategic and merge patches alike', () => {
    for (const type of ['strategic', 'merge'] as const) {
      const { body } = renderPodSpecPatch({ kind: 'CronJob', type, format: 'json', hostAliases });
      expect(JSON.parse(body)).toEqual({
        spec: { jobTemplate: { spec: { template: { spec: { hostAliases } } } } },
      });
    }
  });

  it('writes one RFC 6902 add operation for type json', () => {
    const { body } = renderPodSpecPatch({
      kind: 'StatefulSet',
      type: 'json',
      format: 'json',
      hostAliases,
    });
    expect(JSON.parse(body)).toEqual([
      { op: 'add', path: '/spec/template/spec/hostAliases', value: hostAliases },
    ]);
  });

  it.each(WORKLOAD_KINDS)('json patch for %s replaces or creates the list (RFC 6902)', (kind) => {
    const path = hostAliasesPath(kind);
    const parent = path.slice(0, -1).reduceRight<unknown>((inner, key) => ({ [key]: inner }), {
      containers: [],
    });
    const withOld = structuredClone(parent) as Record<string, unknown>;
    const podSpec = path
      .slice(0, -1)
      .reduce<Record<string, unknown>>(
        (node, key) => node[key] as Record<string, unknown>,
        withOld,
      );
    podSpec.hostAliases = [{ ip: '10.0.0.9', hostnames: ['old.local'] }];
    const operations = JSON.parse(
      renderPodSpecPatch({ kind, type: 'json', format: 'json', hostAliases }).body,
    ) as Operation[];
    for (const document of [parent, withOld]) {
      const patched = applyPatch(structuredClone(document), operations).newDocument;
      const list = path.reduce<unknown>(
        (node, key) => (node as Record<string, unknown>)[key],
        patched,
      );
      expect(list).toEqual(hostAliases);
    }
  });

  it('writes only ip and hostnames, in that order, whatever the input carries', () => {
    const extra: AliasEntry[] = [{ hostnames: ['a'], ip: '10.0.0.1', clusters: ['eu'] }];
    const { body } = renderPodSpecPatch({
      kind: 'Pod',
      type: 'merge',
      format: 'json',
      hostAliases: extra,
    });
    expect(body).toBe(
      '{\n  "spec": {\n    "hostAliases": [\n      {\n        "ip": "10.0.0.1",\n' +
        '        "hostnames": [\n          "a"\n        ]\n      }\n    ]\n  }\n}\n',
    );
  });

  it('writes an empty list as an empty list', () => {
    const { body } = renderPodSpecPatch({
      kind: 'Pod',
      type: 'strategic',
      format: 'json',
      hostAliases: [],
    });
    expect(JSON.parse(body)).toEqual({ spec: { hostAliases: [] } });
  });

  describe('YAML', () => {
    it('writes block YAML with every string double-quoted', () => {
      const { body } = renderPodSpecPatch({
        kind: 'Pod',
        type: 'strategic',
        format: 'yaml',
        hostAliases: [{ ip: '10.1.2.3', hostnames: ['foo.remote', 'yes'] }],
      });
      expect(body).toBe(
        'spec:\n  hostAliases:\n    - ip: "10.1.2.3"\n      hostnames:\n' +
          '        - "foo.remote"\n        - "yes"\n',
      );
    });

    it.each(PATCH_TYPES)('%s: YAML and JSON carry the same patch', (type) => {
      const yaml = renderPodSpecPatch({ kind: 'Job', type, format: 'yaml', hostAliases });
      const json = renderPodSpecPatch({ kind: 'Job', type, format: 'json', hostAliases });
      expect(parse(yaml.body)).toEqual(JSON.parse(json.body));
    });

    it('keeps YAML 1.1 look-alikes (booleans, octal, null) as strings', () => {
      const tricky = ['yes', 'no', 'on', 'off', 'y', 'n', 'true', 'null', '010', '1e3', '0x1f'];
      const { body } = renderPodSpecPatch({
        kind: 'Pod',
        type: 'merge',
        format: 'yaml',
        hostAliases: [{ ip: '1:2:3:4:5:6:7:8', hostnames: tricky }],
      });
      expect(parse(body, { version: '1.1' })).toEqual({
        spec: { hostAliases: [{ ip: '1:2:3:4:5:6:7:8', hostnames: tricky }] },
      });
    });
  });

  it('gives the same bytes for the same input', () => {
    const input = { kind: 'DaemonSet' as const, type: 'strategic' as const, hostAliases };
    for (const format of ['json', 'yaml'] as const) {
      const first = renderPodSpecPatch({ ...input, format }).body;
      expect(renderPodSpecPatch({ ...input, format }).body).toBe(first);
    }
  });
});
