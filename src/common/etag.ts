import { createHash } from 'node:crypto';

import { DomainError } from '../domain/errors';
import type { IfMatch } from '../domain/if-match';

/** The ETag of a versioned resource: the version, as a strong validator. */
export function versionEtag(version: number): string {
  return `"${version}"`;
}

/** A strong ETag of exact bytes. */
export function contentEtag(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

/** True when `If-None-Match` names this ETag (or is `*`). */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}

const ENTITY_TAG = /^(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"$/;

/**
 * `If-Match: "3"` → [3]; `"3", "4"` → [3, 4]; `*` → '*'; absent → undefined (unconditional).
 * Comparison is strong: a weak tag (`W/"3"`) never matches, and a tag this API never issues
 * (`"abc"`) cannot match either; both are kept out of the list, so the write fails with 412.
 * A blank or malformed header is a 400, so a typo never turns into an unconditional write.
 */
export function parseIfMatch(header: string | undefined): IfMatch | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  const bad = (message: string) => DomainError.invalid([{ field: 'If-Match', message }]);
  if (value === '') throw bad('is empty; send an ETag returned by this API, such as "3", or *');
  if (value === '*') return '*';
  const versions: number[] = [];
  for (const part of value.split(',')) {
    const match = ENTITY_TAG.exec(part.trim());
    if (!match) throw bad('must be * or a list of ETags, such as "3"');
    const opaque = match[2] ?? '';
    if (match[1] === undefined && /^[1-9]\d{0,9}$/.test(opaque) && Number(opaque) <= 2 ** 31 - 1) {
      versions.push(Number(opaque));
    }
  }
  return versions;
}
