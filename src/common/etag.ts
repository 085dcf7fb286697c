import { createHash } from 'node:crypto';

import { DomainError } from '../domain/errors';

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

/**
 * `If-Match: "3"` → 3. Absent → undefined (unconditional write). Anything else this API never
 * issued is a 400, so a typo cannot silently turn into an unconditional write.
 */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const match = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(header);
  if (!match) {
    throw DomainError.invalid([
      { field: 'If-Match', message: 'must be an ETag returned by this API, such as "3"' },
    ]);
  }
  return Number(match[1]);
}
