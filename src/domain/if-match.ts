/**
 * What an `If-Match` header asks for (RFC 9110 §13.1.1): `'*'` — the resource exists, whatever
 * its version; a list of versions — the current one must be among them (strong comparison).
 */
export type IfMatch = '*' | readonly number[];

/** Whether `current` (undefined: the resource does not exist) satisfies the condition. */
export function ifMatchSatisfied(
  condition: IfMatch | number,
  current: number | undefined,
): boolean {
  if (current === undefined) return false;
  if (condition === '*') return true;
  if (typeof condition === 'number') return condition === current;
  return condition.includes(current);
}
