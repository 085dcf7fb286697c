import { createHash } from 'node:crypto';

import { toYaml, INJECT_LABEL } from './admission-config';
import { APPLIED_ANNOTATION, SETS_ANNOTATION } from './delivery-annotations';
import type { HostAlias } from './host-alias';

/**
 * What the CEL of the policy cannot do that the webhook does; written into the generated YAML and
 * the README, word for word.
 */
export const CEL_LIMITS = [
  'IPs compare as written, not by value (CEL has no ParseIPSloppy; its ip() refuses forms Kubernetes accepts, such as 010.1.2.3).',
  'The previous placement is read by looking for the quoted IP in the applied annotation (CEL cannot parse JSON); the registry writes that annotation, so this is exact for it.',
  'No warnings, audit annotations or strict mode: a hand-written entry that claims a registry hostname is kept silently.',
  `Only pods whose ${SETS_ANNOTATION} annotation is exactly the sets of this policy (same order, no spaces) are changed: one policy per combination of sets.`,
  'The entries are those of the set versions below: apply the policy again when the sets change (subscribe to resolution.changed).',
];

export interface PolicyInput {
  cluster: string;
  /** Requested sets, `team/name`, in order. */
  sets: string[];
  /** The resolution for the cluster. */
  hostAliases: readonly HostAlias[];
  /** The new `applied` annotation value. */
  applied: string;
}

export interface PolicyCel {
  matchCondition: string;
  variables: { name: string; expression: string }[];
  mutation: string;
}

/** Registry IPs and hostnames have no quotes or backslashes: a CEL single-quoted string as is. */
const lit = (value: string): string => `'${value}'`;

/**
 * The three-way merge of SPEC 8 as CEL over the pod being created. Entries are built as typed
 * `Object.spec.hostAliases` values, as the Kubernetes documentation builds JSONPatch values, so
 * the lists stay homogeneous for its type checker: the desired entries first,
 * then every current entry whose IP the registry neither places now nor placed before (by the
 * `applied` annotation), and the new annotation; no operation when the pod already is so.
 */
export function policyCel(input: PolicyInput): PolicyCel {
  const desired = input.hostAliases.map(
    (alias) =>
      `{'ip': dyn(${lit(alias.ip)}), 'hostnames': dyn([${alias.hostnames.map(lit).join(', ')}])}`,
  );
  const annotations = 'object.metadata.annotations';
  const annotation = (name: string) =>
    `has(${annotations}) && '${name}' in ${annotations} ? ${annotations}['${name}'] : ''`;
  return {
    matchCondition: `(${annotation(SETS_ANNOTATION)}) == '${input.sets.join(',')}'`,
    variables: [
      { name: 'previous', expression: annotation(APPLIED_ANNOTATION) },
      {
        name: 'current',
        expression: 'has(object.spec.hostAliases) ? object.spec.hostAliases : []',
      },
      { name: 'desired', expression: `[${desired.join(', ')}]` },
      { name: 'desiredIps', expression: `[${input.hostAliases.map((a) => lit(a.ip)).join(', ')}]` },
      {
        name: 'kept',
        expression:
          "variables.current.filter(h, !(h.ip in variables.desiredIps) && !variables.previous.contains('\"' + h.ip + '\"'))",
      },
      { name: 'result', expression: 'variables.desired + variables.kept' },
      { name: 'applied', expression: `'${input.applied}'` },
    ],
    mutation: [
      '(variables.current == variables.result ? [] :',
      '  variables.result.size() == 0 ? [JSONPatch{op: "remove", path: "/spec/hostAliases"}] :',
      '  [JSONPatch{op: "add", path: "/spec/hostAliases", value: variables.result}]) +',
      '(variables.previous == variables.applied ? [] :',
      `  [JSONPatch{op: "add", path: "/metadata/annotations/${APPLIED_ANNOTATION.replace('/', '~1')}", value: variables.applied}])`,
    ].join('\n'),
  };
}

/** SPEC 8.2: a MutatingAdmissionPolicy and its binding that do the webhook's work in-cluster. */
export function admissionPolicy(input: PolicyInput): string {
  const cel = policyCel(input);
  const digest = createHash('sha256').update(input.sets.join(',')).digest('hex').slice(0, 10);
  const name = `hostaliases-${input.cluster}-${digest}`;
  const selectors = {
    objectSelector: { matchLabels: { [INJECT_LABEL]: 'enabled' } },
    namespaceSelector: {
      matchExpressions: [
        { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system'] },
      ],
    },
  };
  const policy = {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'MutatingAdmissionPolicy',
    metadata: { name, labels: { 'app.kubernetes.io/name': 'hostaliases-registry' } },
    spec: {
      failurePolicy: 'Ignore',
      reinvocationPolicy: 'IfNeeded',
      matchConstraints: {
        resourceRules: [
          { apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'] },
        ],
      },
      matchConditions: [{ name: 'asks-for-these-sets', expression: cel.matchCondition }],
      variables: cel.variables,
      mutations: [{ patchType: 'JSONPatch', jsonPatch: { expression: cel.mutation } }],
    },
  };
  const binding = {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'MutatingAdmissionPolicyBinding',
    metadata: { name, labels: { 'app.kubernetes.io/name': 'hostaliases-registry' } },
    spec: { policyName: name, matchResources: selectors },
  };
  const header = [
    `# hostaliases registry: sets ${input.sets.join(',')} for cluster ${input.cluster}, as a`,
    '# MutatingAdmissionPolicy (admissionregistration.k8s.io/v1, Kubernetes 1.36+): no webhook.',
    `# Applied: ${input.applied}`,
    '# What this CEL cannot express (the webhook does):',
    ...CEL_LIMITS.map((limit) => `# - ${limit}`),
  ];
  return `${header.join('\n')}\n${toYaml(policy)}---\n${toYaml(binding)}`;
}
