import type { PodInput } from './hosts-file';
import type { FieldError } from './host-alias';
import { validateDns1123Label, validateHostname, validateIp } from './field-rules';

// The one entry point for validation: primitive rules, alias-set content and pod input.
export * from './field-rules';
export { isValidIp, parseIpSloppy, sameIp } from './ip';
export { AT_LEAST_ONE_HOSTNAME_MESSAGE, validateAliasSetContent } from './alias-set-content';

/**
 * The pod fields a hosts file is rendered from, checked as the API server checks a Pod. An empty
 * string counts as absent (a Pod's `hostname: ""` is no hostname), except for `hostnameOverride`:
 * a pointer in the Pod API, so `""` is a value, and an invalid one, as the kubelet says.
 */
export function validatePodInput(pod: PodInput, field = 'pod'): FieldError[] {
  const errors: FieldError[] = [];
  (pod.podIPs ?? []).forEach((ip, i) => errors.push(...validateIp(ip, `${field}.podIPs[${i}]`)));
  const optional = (value: string | undefined, check: typeof validateHostname, name: string) => {
    if (value !== undefined && value !== '') errors.push(...check(value, `${field}.${name}`));
  };
  optional(pod.podName, validateHostname, 'podName');
  optional(pod.hostname, validateDns1123Label, 'hostname');
  optional(pod.subdomain, validateDns1123Label, 'subdomain');
  optional(pod.namespace, validateDns1123Label, 'namespace');
  optional(pod.clusterDomain, validateHostname, 'clusterDomain');
  // The kubelet checks hostnameOverride as a subdomain, not a label.
  if (pod.hostnameOverride !== undefined && pod.hostnameOverride !== null) {
    errors.push(...validateHostname(pod.hostnameOverride, `${field}.hostnameOverride`));
  }
  return errors;
}
