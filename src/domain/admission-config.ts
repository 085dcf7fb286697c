import { stringify } from 'yaml';

import { SETS_ANNOTATION } from './delivery-annotations';
import type { FieldError } from './host-alias';

/** The label a team puts on pods (or templates) that the registry should fill. */
export const INJECT_LABEL = 'hostaliases.registry/inject';
export const WEBHOOK_PATH = '/api/v1/admission/mutate';

const POD_RULE = {
  apiGroups: [''],
  apiVersions: ['v1'],
  operations: ['CREATE'],
  resources: ['pods'],
  scope: 'Namespaced',
};
const OBJECT_SELECTOR = { matchLabels: { [INJECT_LABEL]: 'enabled' } };
const NAMESPACE_SELECTOR = {
  matchExpressions: [
    { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system'] },
  ],
};

/** The registry's base URL as the API server reaches it: https, no query or fragment. */
export function validateWebhookBase(url: string): FieldError[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [
      { field: 'url', message: 'must be an absolute URL such as https://hostaliases.example.com' },
    ];
  }
  if (parsed.protocol !== 'https:') {
    return [
      { field: 'url', message: 'must use https: the API server calls webhooks over TLS only' },
    ];
  }
  if (parsed.search !== '' || parsed.hash !== '' || parsed.username !== '') {
    return [{ field: 'url', message: 'must have no query, fragment or user' }];
  }
  return [];
}

export function validateCaBundle(caBundle: string): FieldError[] {
  const decoded = Buffer.from(caBundle, 'base64');
  const canonical = /^[A-Za-z0-9+/]+={0,2}$/.test(caBundle) && caBundle.length % 4 === 0;
  return canonical && decoded.toString('latin1').includes('-----BEGIN CERTIFICATE-----')
    ? []
    : [{ field: 'caBundle', message: 'must be the base64 of a PEM CA certificate bundle' }];
}

/**
 * SPEC 8.2: the MutatingWebhookConfiguration for one cluster. Ignore on failure, 3 s, reinvoked
 * if needed, only pods being created that carry the inject label, never in kube-system.
 */
export function webhookConfiguration(input: {
  cluster: string;
  baseUrl: string;
  caBundle?: string;
}): string {
  const url = `${input.baseUrl.replace(/\/+$/, '')}${WEBHOOK_PATH}?cluster=${encodeURIComponent(input.cluster)}`;
  const document = {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'MutatingWebhookConfiguration',
    metadata: {
      name: `hostaliases-registry-${input.cluster}`,
      labels: { 'app.kubernetes.io/name': 'hostaliases-registry' },
    },
    webhooks: [
      {
        name: 'inject.hostaliases.registry',
        admissionReviewVersions: ['v1'],
        sideEffects: 'None',
        failurePolicy: 'Ignore',
        timeoutSeconds: 3,
        reinvocationPolicy: 'IfNeeded',
        matchPolicy: 'Equivalent',
        clientConfig: input.caBundle ? { url, caBundle: input.caBundle } : { url },
        rules: [POD_RULE],
        objectSelector: OBJECT_SELECTOR,
        namespaceSelector: NAMESPACE_SELECTOR,
      },
    ],
  };
  const header = [
    `# hostaliases registry: admission webhook for cluster ${input.cluster} (SPEC 8.2).`,
    `# Pods labelled ${INJECT_LABEL}=enabled and annotated ${SETS_ANNOTATION}: "team/a,team/b"`,
    '# get the sets as they are created. The API server must send a bearer token of the registry',
    '# (a reader token of the team) from its admission kubeconfig: see the README, "Admission".',
    ...(input.caBundle
      ? []
      : [
          '# No caBundle given: the API server trusts the registry certificate through its system roots.',
        ]),
  ];
  return `${header.join('\n')}\n${toYaml(document)}`;
}

export function toYaml(value: unknown): string {
  return stringify(value, { lineWidth: 0, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN' });
}
