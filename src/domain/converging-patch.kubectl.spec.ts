import { kubectlPatch, pathOf, workloadManifest } from '../../test/support/kubectl';
import { APPLIED_ANNOTATION, formatApplied, parseApplied } from './delivery-annotations';
import type { HostAlias } from './host-alias';
import { hostAliasesPath, renderPodSpecPatch, WORKLOAD_KINDS } from './pod-spec-patch';

/*
 * SPEC 8.1: a pipeline that only has `kubectl patch` converges too. Each step reads the applied
 * annotation from the object (as `kubectl get -o jsonpath` would), asks for a strategic patch
 * with it, and kubectl applies it.
 */

const handWritten: HostAlias = { ip: '192.168.0.9', hostnames: ['mine.local'] };

function deployment(aliases: HostAlias[]): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'app', image: 'nginx' }], hostAliases: aliases },
      },
    },
  };
}

function appliedOf(object: unknown): string | undefined {
  const annotations = pathOf(object, ['spec', 'template', 'metadata', 'annotations']);
  return (annotations as Record<string, string> | undefined)?.[APPLIED_ANNOTATION];
}

function deliver(
  object: Record<string, unknown>,
  type: 'strategic' | 'merge' | 'json',
  desired: HostAlias[],
  version: number,
): Record<string, unknown> {
  const previous = appliedOf(object);
  const annotation = formatApplied({
    sets: [`team/hosts@${version}`],
    ips: desired.map((alias) => alias.ip),
  });
  const patch = renderPodSpecPatch({
    kind: 'Deployment',
    type,
    format: 'json',
    hostAliases: desired,
    converge: {
      annotation,
      previous: previous ? parseApplied(previous, 'applied').value?.ips : undefined,
    },
  });
  return kubectlPatch(JSON.stringify(object), type, patch.body);
}

const aliasesOf = (object: unknown): unknown => pathOf(object, hostAliasesPath('Deployment')) ?? [];

describe('converging patches against kubectl patch --local', () => {
  const v1 = [
    { ip: '10.1.2.3', hostnames: ['foo.remote'] },
    { ip: '10.4.4.4', hostnames: ['gone.remote'] },
  ];
  const v2 = [{ ip: '10.1.2.3', hostnames: ['foo.remote', 'bar.remote'] }];

  it('strategic: apply, remove an entry, apply again: it is gone, hand-written stays, then nothing changes', () => {
    const first = deliver(deployment([handWritten]), 'strategic', v1, 1);
    expect(aliasesOf(first)).toEqual(expect.arrayContaining([...v1, handWritten]));
    expect(aliasesOf(first)).toHaveLength(3);
    expect(appliedOf(first)).toBe('{"sets":["team/hosts@1"],"ips":["10.1.2.3","10.4.4.4"]}');

    const second = deliver(first, 'strategic', v2, 2);
    expect(aliasesOf(second)).toEqual(expect.arrayContaining([...v2, handWritten]));
    expect(aliasesOf(second)).toHaveLength(2);
    expect(appliedOf(second)).toBe('{"sets":["team/hosts@2"],"ips":["10.1.2.3"]}');

    const third = deliver(second, 'strategic', v2, 2);
    expect(JSON.stringify(third)).toBe(JSON.stringify(second));
  });

  it('strategic: an emptied set removes everything the registry placed', () => {
    const first = deliver(deployment([handWritten]), 'strategic', v1, 1);
    const emptied = deliver(first, 'strategic', [], 2);
    expect(aliasesOf(emptied)).toEqual([handWritten]);
    expect(appliedOf(emptied)).toBe('{"sets":["team/hosts@2"],"ips":[]}');
  });

  it.each(['merge', 'json'] as const)(
    '%s: converges by replacing the list, so hand-written entries do not survive',
    (type) => {
      // json can only write the annotation once the object has an annotations map.
      const start = deliver(deployment([handWritten]), 'merge', v1, 1);
      const second = deliver(start, type, v2, 2);
      expect(aliasesOf(second)).toEqual(v2);
      expect(appliedOf(second)).toBe('{"sets":["team/hosts@2"],"ips":["10.1.2.3"]}');
    },
  );

  it.each(WORKLOAD_KINDS)(
    '%s (YAML patch): stale entry deleted, hand-written kept, annotation on the pod metadata',
    (kind) => {
      const annotation = '{"sets":["team/hosts@2"],"ips":["10.1.2.3"]}';
      const patch = renderPodSpecPatch({
        kind,
        type: 'strategic',
        format: 'yaml',
        hostAliases: v2,
        converge: { annotation, previous: ['10.1.2.3', '10.4.4.4'] },
      });
      const before = workloadManifest(kind, [...v1, handWritten]);
      const after = kubectlPatch(JSON.stringify(before), 'strategic', patch.body);
      const podSpecPath = hostAliasesPath(kind);
      expect(pathOf(after, podSpecPath)).toEqual(expect.arrayContaining([...v2, handWritten]));
      expect(pathOf(after, podSpecPath)).toHaveLength(2);
      const metadataPath = [...podSpecPath.slice(0, -2), 'metadata', 'annotations'];
      expect(pathOf(after, metadataPath)).toEqual({ [APPLIED_ANNOTATION]: annotation });
    },
  );
});
