import { formatSetRef, type FieldError, type SetRef } from './host-alias';
import { IP_MESSAGE, validateDns1123Label, validateHostname, validateSetRef } from './field-rules';
import { validateExpiresAt } from './expiry';
import { parseIpSloppy } from './ip';

export const AT_LEAST_ONE_HOSTNAME_MESSAGE = 'must contain at least one hostname';

interface CheckedEntry {
  index: number;
  ip: string;
  ipKey: string;
  /** Valid, distinct hostnames with their position in the entry. */
  hostnames: [string, number][];
  /** '' is the unscoped scope; otherwise one scope per valid, distinct cluster. */
  scopes: string[];
}

/**
 * Checks an alias set's own content and reports every error at once, with Kubernetes-style paths.
 * Whether clusters and included sets exist (and are readable) is the service's business. `now`
 * (milliseconds): expiry instants must be after it; without it, only their syntax is checked.
 */
export function validateAliasSetContent(
  content: { entries: unknown; includes?: unknown },
  self?: SetRef,
  now = Number.NEGATIVE_INFINITY,
): FieldError[] {
  const errors: FieldError[] = [];
  if (Array.isArray(content.entries)) {
    const scopes = new ScopeIndex();
    content.entries.forEach((raw: unknown, index) => {
      const entry = checkEntry(raw, index, errors, now);
      if (entry) errors.push(...scopes.add(entry));
    });
  } else {
    errors.push({ field: 'entries', message: 'must be a list of entries' });
  }
  errors.push(...checkIncludes(content.includes, self));
  return errors;
}

function checkEntry(
  raw: unknown,
  index: number,
  errors: FieldError[],
  now: number,
): CheckedEntry | null {
  const path = `entries[${index}]`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    errors.push({ field: path, message: 'must be an object' });
    return null;
  }
  const { ip, hostnames, clusters, expiresAt } = raw as Record<string, unknown>;
  const ipText = typeof ip === 'string' ? ip : '';
  const ipKey = parseIpSloppy(ipText);
  if (ipKey === null) errors.push({ field: `${path}.ip`, message: IP_MESSAGE });
  const names = checkList(hostnames, `${path}.hostnames`, 'hostname', validateHostname, errors);
  if (Array.isArray(hostnames) && hostnames.length === 0) {
    errors.push({ field: `${path}.hostnames`, message: AT_LEAST_ONE_HOSTNAME_MESSAGE });
  }
  const scoped = clusters !== undefined && clusters !== null;
  const clusterNames = scoped
    ? checkList(clusters, `${path}.clusters`, 'cluster', validateDns1123Label, errors)
    : [];
  errors.push(...validateExpiresAt(expiresAt, `${path}.expiresAt`, now));
  if (ipKey === null) return null;
  const unscoped = !scoped || (Array.isArray(clusters) && clusters.length === 0);
  return {
    index,
    ip: ipText,
    ipKey,
    hostnames: names,
    scopes: unscoped ? [''] : clusterNames.map(([name]) => name),
  };
}

/** Validates each item of a list, flags repeats, and returns the valid distinct items. */
function checkList(
  value: unknown,
  path: string,
  noun: string,
  check: (item: unknown, field: string) => FieldError[],
  errors: FieldError[],
): [string, number][] {
  if (!Array.isArray(value)) {
    errors.push({ field: path, message: `must be a list of ${noun}s` });
    return [];
  }
  const seen = new Set<string>();
  const valid: [string, number][] = [];
  value.forEach((item: unknown, i) => {
    const field = `${path}[${i}]`;
    const itemErrors = check(item, field);
    errors.push(...itemErrors);
    if (itemErrors.length > 0) return;
    const name = item as string;
    if (seen.has(name)) {
      errors.push({ field, message: `duplicate ${noun}` });
      return;
    }
    seen.add(name);
    valid.push([name, i]);
  });
  return valid;
}

/** Within one scope a hostname has one IP, and an IP (by value) belongs to one entry. */
class ScopeIndex {
  private readonly ipOwner = new Map<string, CheckedEntry>();
  private readonly hostnameOwner = new Map<string, CheckedEntry>();

  add(entry: CheckedEntry): FieldError[] {
    // A multi-cluster entry can clash in several scopes: report each field once, first scope wins.
    const errors = new Map<string, string>();
    for (const scope of entry.scopes) {
      const scopeText = scope === '' ? 'unscoped' : `cluster ${scope}`;
      const ipKey = `${scope}\0${entry.ipKey}`;
      const ipOwner = this.ipOwner.get(ipKey);
      if (ipOwner === undefined) this.ipOwner.set(ipKey, entry);
      else if (!errors.has(`entries[${entry.index}].ip`)) {
        errors.set(
          `entries[${entry.index}].ip`,
          `IP ${entry.ip} is already used by entries[${ipOwner.index}] in the same scope (${scopeText}); an IP belongs to one entry, list all its hostnames there`,
        );
      }
      for (const [hostname, position] of entry.hostnames) {
        const hostKey = `${scope}\0${hostname}`;
        const owner = this.hostnameOwner.get(hostKey);
        const field = `entries[${entry.index}].hostnames[${position}]`;
        if (owner === undefined) this.hostnameOwner.set(hostKey, entry);
        else if (owner.ipKey !== entry.ipKey && !errors.has(field)) {
          errors.set(
            field,
            `hostname "${hostname}" is already mapped to ${owner.ip} by entries[${owner.index}] in the same scope (${scopeText}); a set cannot contradict itself`,
          );
        }
      }
    }
    return [...errors].map(([field, message]) => ({ field, message }));
  }
}

function checkIncludes(includes: unknown, self: SetRef | undefined): FieldError[] {
  if (includes === undefined || includes === null) return [];
  if (!Array.isArray(includes)) {
    return [{ field: 'includes', message: 'must be a list of set references' }];
  }
  const errors: FieldError[] = [];
  const selfRef = self ? formatSetRef(self) : undefined;
  const seen = new Set<string>();
  includes.forEach((ref: unknown, i) => {
    const field = `includes[${i}]`;
    const refErrors = validateSetRef(ref, field);
    errors.push(...refErrors);
    if (refErrors.length > 0) return;
    const value = ref as string;
    if (value === selfRef) errors.push({ field, message: 'must not include the set itself' });
    else if (seen.has(value)) errors.push({ field, message: 'duplicate include' });
    seen.add(value);
  });
  return errors;
}
