import { Environment } from '@marcbachmann/cel-js';

import { podPatch } from './admission-review';
import { formatApplied } from './delivery-annotations';
import type { HostAlias } from './host-alias';
import { managedMerge } from './managed-merge';
import { admissionPolicy, CEL_LIMITS, policyCel, type PolicyInput } from './admission-policy';

/*
 * The policy's CEL is run by a CEL evaluator from npm (@marcbachmann/cel-js) on the same pods as
 * the webhook's merge, and must give the same operations. The evaluator cannot construct typed
 * values (`JSONPatch{op: ...}`, `Object.spec.hostAliases{ip: ...}`), so those two are read as the
 * maps they stand for; every other character of the expressions is evaluated as generated.
 */
const cel = new Environment({ unlistedVariablesAreDyn: true, homogeneousAggregateLiterals: false });
const evaluate = (expression: string, context: Record<string, unknown>): unknown =>
  cel.evaluate(asMaps(expression), context);

function asMaps(expression: string): string {
  return expression
    .replace(/Object\.spec\.hostAliases\{ip: /g, "{'ip': ")
    .replace(/, hostnames: \[/g, ", 'hostnames': [")
    .replace(/JSONPatch\{op: /g, "{'op': ")
    .replace(/, path: "/g, ", 'path': \"")
    .replace(/, value: variables/g, ", 'value': variables");
}

const a = (ip: string, ...hostnames: string[]): HostAlias => ({ ip, hostnames });
const SETS = 'hostaliases.registry/sets';
const APPLIED = 'hostaliases.registry/applied';

function runPolicy(input: PolicyInput, pod: Record<string, unknown>): unknown[] | 'no match' {
  const policy = policyCel(input);
  if (evaluate(policy.matchCondition, { object: pod }) !== true) return 'no match';
  const variables: Record<string, unknown> = {};
  for (const variable of policy.variables) {
    variables[variable.name] = evaluate(variable.expression, { object: pod, variables });
  }
  return evaluate(policy.mutation, { object: pod, variables }) as unknown[];
}

function pod(
  annotations: Record<string, string>,
  hostAliases?: HostAlias[],
): Record<string, unknown> {
  return {
    metadata: { name: 'web', annotations },
    spec: { containers: [{ name: 'app' }], ...(hostAliases ? { hostAliases } : {}) },
  };
}

const desired = [a('10.1.2.3', 'foo.remote'), a('fd00::1', 'v6.remote')];
const applied = formatApplied({
  sets: ['team/a@2'],
  cluster: 'eu-prod',
  ips: desired.map((d) => d.ip),
});
const input: PolicyInput = { cluster: 'eu-prod', sets: ['team/a'], hostAliases: desired, applied };
const older = (ips: string[]) => formatApplied({ sets: ['team/a@1'], ips });

const cases: [string, Record<string, string>, HostAlias[] | undefined][] = [
  ['first creation, no hostAliases', { [SETS]: 'team/a' }, undefined],
  ['hand-written entries kept', { [SETS]: 'team/a' }, [a('192.168.0.9', 'mine')]],
  [
    'a hand-written entry on a registry IP replaced',
    { [SETS]: 'team/a' },
    [a('10.1.2.3', 'by.hand')],
  ],
  [
    'stale registry entries removed',
    { [SETS]: 'team/a', [APPLIED]: older(['10.1.2.3', '10.4.4.4']) },
    [a('10.1.2.3', 'old'), a('10.4.4.4', 'gone'), a('192.168.0.9', 'mine')],
  ],
  [
    'a conflicting hand-written entry kept (CEL cannot warn)',
    { [SETS]: 'team/a' },
    [a('192.168.0.1', 'foo.remote')],
  ],
  [
    'already converged: no operation',
    { [SETS]: 'team/a', [APPLIED]: applied },
    [...desired, a('192.168.0.9', 'mine')],
  ],
];

describe('the MutatingAdmissionPolicy CEL, evaluated by @marcbachmann/cel-js', () => {
  it.each(cases)('%s: the same operations as the webhook', (_, annotations, hostAliases) => {
    const object = pod(annotations, hostAliases);
    const current = hostAliases ?? [];
    const previous = annotations[APPLIED]
      ? (JSON.parse(annotations[APPLIED]) as { ips: string[] }).ips
      : [];
    const merged = managedMerge({ current, placed: previous, desired });
    const expected = podPatch(current, merged, annotations[APPLIED], applied);
    expect(runPolicy(input, object)).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it('an emptied set removes the list the registry placed', () => {
    const empty = {
      ...input,
      hostAliases: [],
      applied: formatApplied({ sets: ['team/a@3'], ips: [] }),
    };
    const object = pod({ [SETS]: 'team/a', [APPLIED]: older(['10.1.2.3']) }, [a('10.1.2.3', 'x')]);
    expect(runPolicy(empty, object)).toEqual([
      { op: 'remove', path: '/spec/hostAliases' },
      {
        op: 'add',
        path: '/metadata/annotations/hostaliases.registry~1applied',
        value: empty.applied,
      },
    ]);
  });

  it.each([
    ['no annotations at all', { metadata: { name: 'x' }, spec: {} }],
    ['other sets', pod({ [SETS]: 'team/b' })],
    ['the same sets written with a space', pod({ [SETS]: 'team/a, team/b' })],
  ])('does not match a pod with %s', (_, object) => {
    expect(runPolicy({ ...input, sets: ['team/a', 'team/b'] }, object)).toBe('no match');
  });

  it('says in the YAML what CEL cannot express', () => {
    const yaml = admissionPolicy(input);
    for (const limit of CEL_LIMITS) expect(yaml).toContain(`# - ${limit}`);
  });
});
