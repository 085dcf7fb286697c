import { DomainError } from './errors';
import type { HostAlias } from './host-alias';

/** The pod fields the kubelet reads to write a pod's /etc/hosts. */
export interface PodInput {
  podName?: string;
  hostname?: string;
  subdomain?: string;
  namespace?: string;
  clusterDomain?: string;
  hostnameOverride?: string;
  podIPs?: string[];
  hostNetwork?: boolean;
  /** The node's /etc/hosts, byte for byte; only read for host-network pods. */
  nodeHostsFile?: string;
}

export interface PodIdentity {
  hostname: string;
  domain: string;
}

export interface HostsFileInput {
  podIPs: string[];
  hostname: string;
  domain: string;
  hostAliases: HostAlias[];
  hostNetwork?: boolean;
  nodeHostsFile?: string;
}

const MANAGED_HOSTS_HEADER = '# Kubernetes-managed hosts file.\n';
const MANAGED_HOSTS_HEADER_HOST_NETWORK = '# Kubernetes-managed hosts file (host network).\n';
const LOCAL_ENTRIES =
  '127.0.0.1\tlocalhost\n' +
  '::1\tlocalhost ip6-localhost ip6-loopback\n' +
  'fe00::0\tip6-localnet\n' +
  'fe00::0\tip6-mcastprefix\n' +
  'fe00::1\tip6-allnodes\n' +
  'fe00::2\tip6-allrouters\n';
const HOSTNAME_MAX_LENGTH = 63;

/**
 * The kubelet's `GeneratePodHostNameAndDomain`. Empty strings count as absent, as `len(x) > 0`
 * does in the kubelet; namespace and cluster domain default to `default` and `cluster.local`.
 */
export function derivePodIdentity(
  pod: Pick<
    PodInput,
    'podName' | 'hostname' | 'subdomain' | 'namespace' | 'clusterDomain' | 'hostnameOverride'
  >,
): PodIdentity {
  if (pod.hostnameOverride) {
    return { hostname: truncateHostname(pod.hostnameOverride), domain: '' };
  }
  const hostname = truncateHostname(pod.hostname || pod.podName || '');
  const domain = pod.subdomain
    ? `${pod.subdomain}.${pod.namespace || 'default'}.svc.${pod.clusterDomain || 'cluster.local'}`
    : '';
  return { hostname, domain };
}

/**
 * The kubelet's `managedHostsFileContent`, or `nodeHostsFileContent` for host-network pods. It
 * writes the aliases it is given, in order, without checking them, as the kubelet does.
 */
export function renderHostsFile(input: HostsFileInput): string {
  if (input.hostNetwork) {
    // The alias block starts with '\n' even when the node file lacks a final newline: the kubelet
    // appends it unconditionally, so that '\n' then merely ends the node file's last line.
    return (
      MANAGED_HOSTS_HEADER_HOST_NETWORK +
      (input.nodeHostsFile ?? '') +
      hostsEntriesFromHostAliases(input.hostAliases)
    );
  }
  const names = input.domain
    ? `${input.hostname}.${input.domain}\t${input.hostname}`
    : input.hostname;
  const podLines = input.podIPs.map((ip) => `${ip}\t${names}\n`).join('');
  return (
    MANAGED_HOSTS_HEADER + LOCAL_ENTRIES + podLines + hostsEntriesFromHostAliases(input.hostAliases)
  );
}

function hostsEntriesFromHostAliases(hostAliases: HostAlias[]): string {
  if (hostAliases.length === 0) return '';
  const lines = hostAliases.map((alias) => `${alias.ip}\t${alias.hostnames.join('\t')}\n`);
  return `\n# Entries added by HostAliases.\n${lines.join('')}`;
}

/** Hostnames are capped at 63 characters; a cut one must not end with '-' or '.'. */
function truncateHostname(hostname: string): string {
  if (hostname.length <= HOSTNAME_MAX_LENGTH) return hostname;
  const truncated = hostname.slice(0, HOSTNAME_MAX_LENGTH).replace(/[-.]+$/, '');
  if (truncated === '') {
    throw DomainError.invalid(
      [{ field: 'pod.hostname', message: `hostname "${hostname}" was invalid` }],
      `hostname for pod was invalid: "${hostname}"`,
    );
  }
  return truncated;
}
