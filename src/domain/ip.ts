import { IPv6 } from 'ipaddr.js';

const DIGITS = /^[0-9]+$/;
const OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
// The usual spelling is already the key: a fast path for resolving hundreds of thousands of IPs.
const CANONICAL_IPV4 = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);
// Go's ParseIP only ever sees hex digits, colons and (for an IPv4 tail) dots in an IPv6 address:
// this also rules out zones (`%eth0`), prefixes (`/64`) and whitespace, which ipaddr.js would take.
const IPV6_CHARS = /^[0-9a-fA-F:.]+$/;
const GROUP_LEADING_ZEROS = /(^|:)0+([0-9a-fA-F]{1,4})(?=:|$)/g;

/**
 * Parses an IP the way Kubernetes validates `hostAliases[].ip` (`netutils.ParseIPSloppy`, a fork of
 * Go 1.16 `net.ParseIP`) and returns a key that is equal for equal addresses, or null if invalid.
 * IPv4 and IPv4-mapped IPv6 share a key because Go's `IP.Equal` treats them as the same address.
 */
export function parseIpSloppy(value: string): string | null {
  if (CANONICAL_IPV4.test(value)) return `4:${value}`;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '.') return ipv4Key(parseIpv4Fields(value));
    if (c === ':') return parseIpv6(value);
  }
  return null;
}

export function isValidIp(value: string): boolean {
  return parseIpSloppy(value) !== null;
}

/** Whether two strings are the same valid IP address by value; false if either is invalid. */
export function sameIp(a: string, b: string): boolean {
  const keyA = parseIpSloppy(a);
  return keyA !== null && keyA === parseIpSloppy(b);
}

/**
 * Exactly four decimal fields, each at most 255. Leading zeros are allowed and decimal (not
 * octal): Kubernetes kept Go 1.16's behaviour so stored objects stay valid (kubernetes#100895).
 */
function parseIpv4Fields(value: string): number[] | null {
  const fields = value.split('.');
  if (fields.length !== 4) return null;
  const bytes: number[] = [];
  for (const field of fields) {
    if (!DIGITS.test(field)) return null;
    const n = Number(field);
    if (n > 255) return null;
    bytes.push(n);
  }
  return bytes;
}

function ipv4Key(bytes: number[] | null): string | null {
  return bytes === null ? null : `4:${bytes.join('.')}`;
}

function parseIpv6(value: string): string | null {
  if (!IPV6_CHARS.test(value)) return null;
  const hexOnly = replaceIpv4Tail(value);
  if (hexOnly === null) return null;
  // Go 1.16 bounds a group by value, not by digit count, so `00001::1` is accepted there.
  const normalized = hexOnly.replace(GROUP_LEADING_ZEROS, '$1$2');
  if (!IPv6.isValid(normalized)) return null;
  const address = IPv6.parse(normalized);
  if (address.isIPv4MappedAddress()) return ipv4Key(address.toIPv4Address().toByteArray());
  return `6:${address.toNormalizedString()}`;
}

/**
 * Rewrites a trailing dotted IPv4 (`::ffff:1.2.3.4`) as two hex groups, parsed with the same
 * leading-zero rules as plain IPv4. ipaddr.js is not trusted with it: it accepts hex/octal fields
 * and reads `::1.2.3.4` as IPv4-mapped, which Go does not.
 */
function replaceIpv4Tail(value: string): string | null {
  const lastColon = value.lastIndexOf(':');
  const head = value.slice(0, lastColon + 1);
  const tail = value.slice(lastColon + 1);
  if (head.includes('.')) return null;
  if (!tail.includes('.')) return value;
  const bytes = parseIpv4Fields(tail);
  if (bytes === null) return null;
  const [a, b, c, d] = bytes;
  return `${head}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
}
