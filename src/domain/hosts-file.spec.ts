import { readFileSync } from 'node:fs';
import path from 'node:path';

import { DomainError } from './errors';
import {
  derivePodIdentity,
  renderHostsFile,
  type HostsFileInput,
  type PodIdentity,
  type PodInput,
} from './hosts-file';

interface Vectors {
  hostsFile: { name: string; input: Partial<HostsFileInput>; expected: string }[];
  podIdentity: { name: string; input: PodInput; expected: PodIdentity }[];
}

// Copied from ../shared/golden/hosts-vectors.json: the kubelet's own test cases and the docs example.
const vectors = JSON.parse(
  readFileSync(path.join(__dirname, '../../test/fixtures/hosts-vectors.json'), 'utf8'),
) as Vectors;

const HEADER_AND_LOCAL =
  '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' +
  'fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n';

describe('renderHostsFile: golden vectors', () => {
  it('has cases to run', () => {
    expect(vectors.hostsFile.length).toBeGreaterThanOrEqual(7);
  });

  it.each(vectors.hostsFile.map((c) => [c.name, c] as const))('%s', (_name, vector) => {
    const input: HostsFileInput = {
      podIPs: [],
      hostname: '',
      domain: '',
      hostAliases: [],
      ...vector.input,
    };
    expect(renderHostsFile(input)).toBe(vector.expected);
  });
});

describe('renderHostsFile: more cases', () => {
  it('writes no pod line without pod IPs', () => {
    expect(renderHostsFile({ podIPs: [], hostname: 'web', domain: '', hostAliases: [] })).toBe(
      HEADER_AND_LOCAL,
    );
  });

  it('writes aliases after an empty pod block, in the order given', () => {
    expect(
      renderHostsFile({
        podIPs: [],
        hostname: 'web',
        domain: 'd',
        hostAliases: [
          { ip: 'fd00::1', hostnames: ['b'] },
          { ip: '10.0.0.1', hostnames: ['a', 'c'] },
        ],
      }),
    ).toBe(`${HEADER_AND_LOCAL}\n# Entries added by HostAliases.\nfd00::1\tb\n10.0.0.1\ta\tc\n`);
  });

  it('lets the alias block end a node file that lacks its final newline, like the kubelet', () => {
    expect(
      renderHostsFile({
        podIPs: ['10.0.0.5'],
        hostname: 'ignored',
        domain: 'ignored',
        hostNetwork: true,
        nodeHostsFile: '127.0.0.1\tlocalhost\n10.0.0.5\tnode-1',
        hostAliases: [{ ip: '10.1.2.3', hostnames: ['foo.remote'] }],
      }),
    ).toBe(
      '# Kubernetes-managed hosts file (host network).\n127.0.0.1\tlocalhost\n10.0.0.5\tnode-1' +
        '\n# Entries added by HostAliases.\n10.1.2.3\tfoo.remote\n',
    );
  });

  it('copies an empty node file and writes only the header without aliases', () => {
    expect(
      renderHostsFile({ podIPs: [], hostname: '', domain: '', hostAliases: [], hostNetwork: true }),
    ).toBe('# Kubernetes-managed hosts file (host network).\n');
  });
});

describe('derivePodIdentity: golden vectors', () => {
  it.each(vectors.podIdentity.map((c) => [c.name, c] as const))('%s', (_name, vector) => {
    expect(derivePodIdentity(vector.input)).toEqual(vector.expected);
  });
});

describe('derivePodIdentity: kubelet details', () => {
  it.each<[string, PodInput, PodIdentity]>([
    [
      'cuts a long pod name to 63 characters',
      { podName: 'a'.repeat(70) },
      { hostname: 'a'.repeat(63), domain: '' },
    ],
    [
      'trims trailing dashes and dots left by the cut',
      { podName: `${'a'.repeat(60)}-.-x${'b'.repeat(10)}` },
      { hostname: 'a'.repeat(60), domain: '' },
    ],
    [
      'keeps an untruncated name as is',
      { podName: `${'a'.repeat(62)}b` },
      { hostname: `${'a'.repeat(62)}b`, domain: '' },
    ],
    [
      'hostnameOverride replaces the hostname and drops the domain',
      { podName: 'web-0', hostname: 'web', subdomain: 'svc', hostnameOverride: 'custom.host' },
      { hostname: 'custom.host', domain: '' },
    ],
    [
      'hostnameOverride is cut like any hostname',
      { podName: 'p', hostnameOverride: `${'c'.repeat(62)}.dd` },
      { hostname: 'c'.repeat(62), domain: '' },
    ],
    [
      'empty strings count as absent',
      { podName: 'web-0', hostname: '', subdomain: '', hostnameOverride: '' },
      { hostname: 'web-0', domain: '' },
    ],
    [
      'uses the given namespace and cluster domain',
      { podName: 'x', subdomain: 'db', namespace: 'shop', clusterDomain: 'corp.example' },
      { hostname: 'x', domain: 'db.shop.svc.corp.example' },
    ],
  ])('%s', (_name, pod, expected) => {
    expect(derivePodIdentity(pod)).toEqual(expected);
  });

  it('fails when nothing is left after trimming, as the kubelet does', () => {
    expect(() => derivePodIdentity({ podName: '-'.repeat(70) })).toThrow(DomainError);
  });
});
