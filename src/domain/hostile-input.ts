import type { FieldError } from './host-alias';

/** Deeper than this, a request body or argument is refused before anything walks it recursively. */
export const MAX_INPUT_DEPTH = 32;
/** Enough field errors to fix the request; a hostile one does not get thousands back. */
const MAX_ERRORS = 20;

const NUL = '\u0000';
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What no field of this API can hold, whatever its own rules: a NUL character (PostgreSQL text
 * cannot store it), an unpaired UTF-16 surrogate (it is not Unicode; it would be stored as U+FFFD,
 * silently changing the value), nesting deeper than `MAX_INPUT_DEPTH`, and what JSON cannot say:
 * binary data and lists with gaps (so the validation pipe need not look for either again). Walks
 * without recursion, so the check itself cannot overflow the stack. Field paths as in validation
 * errors.
 */
export function hostileInputErrors(value: unknown, root = ''): FieldError[] {
  const errors: FieldError[] = [];
  const pending: { value: unknown; path: string; depth: number }[] = [
    { value, path: root, depth: 0 },
  ];
  while (pending.length > 0 && errors.length < MAX_ERRORS) {
    const { value: current, path, depth } = pending.pop()!;
    if (typeof current === 'string') {
      const problem = stringProblem(current);
      if (problem) errors.push({ field: path || 'body', message: problem });
      continue;
    }
    if (typeof current !== 'object' || current === null || current instanceof Date) continue;
    if (ArrayBuffer.isView(current) || current instanceof ArrayBuffer) {
      errors.push({ field: path || 'body', message: 'must not be binary data' });
      continue;
    }
    if (depth >= MAX_INPUT_DEPTH) {
      errors.push({
        field: path || 'body',
        message: `nests deeper than ${MAX_INPUT_DEPTH} levels`,
      });
      continue;
    }
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) {
        if (i in current)
          pending.push({ value: current[i], path: `${path}[${i}]`, depth: depth + 1 });
        else errors.push({ field: `${path}[${i}]`, message: 'is missing (a list with a gap)' });
      }
      continue;
    }
    const keys = Object.keys(current);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i];
      const child = path ? `${path}.${key}` : key;
      const keyProblem = stringProblem(key);
      if (keyProblem) errors.push({ field: child, message: `name ${keyProblem}` });
      else
        pending.push({
          value: (current as Record<string, unknown>)[key],
          path: child,
          depth: depth + 1,
        });
    }
  }
  return errors;
}

function stringProblem(text: string): string | undefined {
  if (text.includes(NUL)) return 'must not contain NUL (U+0000) characters';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode (it contains an unpaired surrogate)';
  return undefined;
}
