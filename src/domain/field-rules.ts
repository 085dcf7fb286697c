import type { FieldError, SetRef } from './host-alias';
import { isValidIp } from './ip';

// Messages are the Kubernetes API server's own, so users see the same words from us and from it.
export const IP_MESSAGE = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';
export const DNS1123_SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
export const DNS1123_LABEL_MESSAGE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
export const SET_REF_MESSAGE =
  'must be a reference of the form team/name, both lowercase RFC 1123 labels';
export const STRING_MESSAGE = 'must be a string';

const DNS1123_LABEL_MAX = 63;
const DNS1123_SUBDOMAIN_MAX = 253;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function maxLengthMessage(max: number): string {
  return `must be no more than ${max} characters`;
}

export function isDns1123Label(value: string): boolean {
  return value.length <= DNS1123_LABEL_MAX && DNS1123_LABEL.test(value);
}

export function isDns1123Subdomain(value: string): boolean {
  return value.length <= DNS1123_SUBDOMAIN_MAX && DNS1123_SUBDOMAIN.test(value);
}

export function validateIp(value: unknown, field: string): FieldError[] {
  return typeof value === 'string' && isValidIp(value) ? [] : [{ field, message: IP_MESSAGE }];
}

/** Kubernetes `IsDNS1123Subdomain`: both the length and the format error when both apply. */
export function validateHostname(value: unknown, field: string): FieldError[] {
  return validateDns(
    value,
    field,
    DNS1123_SUBDOMAIN_MAX,
    DNS1123_SUBDOMAIN,
    DNS1123_SUBDOMAIN_MESSAGE,
  );
}

/** Kubernetes `IsDNS1123Label`. */
export function validateDns1123Label(value: unknown, field: string): FieldError[] {
  return validateDns(value, field, DNS1123_LABEL_MAX, DNS1123_LABEL, DNS1123_LABEL_MESSAGE);
}

export function parseSetRef(value: string): SetRef | null {
  const parts = value.split('/');
  if (parts.length !== 2) return null;
  const [team, name] = parts;
  return isDns1123Label(team) && isDns1123Label(name) ? { team, name } : null;
}

export function validateSetRef(value: unknown, field: string): FieldError[] {
  return typeof value === 'string' && parseSetRef(value) !== null
    ? []
    : [{ field, message: SET_REF_MESSAGE }];
}

function validateDns(
  value: unknown,
  field: string,
  max: number,
  pattern: RegExp,
  message: string,
): FieldError[] {
  if (typeof value !== 'string') return [{ field, message: STRING_MESSAGE }];
  const errors: FieldError[] = [];
  if (value.length > max) errors.push({ field, message: maxLengthMessage(max) });
  if (!pattern.test(value))
    errors.push({ field, message: withLowercaseHint(value, pattern, message) });
  return errors;
}

/** Kubernetes' message stays as it is; a name that is only wrong by its case gets its fix. */
function withLowercaseHint(value: string, pattern: RegExp, message: string): string {
  const lower = value.toLowerCase();
  return lower !== value && pattern.test(lower)
    ? `${message}; did you mean "${lower}"? (names are lowercase)`
    : message;
}
