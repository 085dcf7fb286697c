import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';

/** `?team=` as a form or a script sends it when a field is left blank. */
function isEmpty(value: unknown): boolean {
  return value === '' || (Array.isArray(value) && value.every((item) => item === ''));
}

function withoutEmpty(value: unknown): unknown {
  return Array.isArray(value) ? value.filter((item) => item !== '') : value;
}

/**
 * An empty query parameter is an absent one, on every route: `?cluster=&limit=` is the same
 * request as no `cluster` and no `limit` (the default applies), as HTML forms and shell scripts
 * with an unset variable send it; empty repeats (`?podIP=a&podIP=`) are dropped. Runs first, so
 * the validation pipe and the handlers never see an empty string where a value was left out.
 * `dryRun` is the exception.
 */
export class EmptyQueryPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    // A parameter read on its own is `dryRun`, and a blank dryRun must not become a real write:
    // it stays a 400, as the Kubernetes API server answers it.
    if (metadata.type !== 'query' || metadata.data !== undefined) return value;
    if (value === null || typeof value !== 'object') return value;
    const query: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (!isEmpty(item)) query[key] = withoutEmpty(item);
    }
    return query;
  }
}
