import { DomainError, DomainErrorCode } from './errors';
import type { AliasSetSnapshot } from './host-alias';
import { parseSetRef } from './field-rules';

export interface ClosureSet<S extends AliasSetSnapshot = AliasSetSnapshot> {
  ref: string;
  set: S;
}

/**
 * Walks `refs` and what they include, depth-first and pre-order, calling `includesOf` once per
 * set (undefined: the set does not exist, NOT_FOUND). A set reached again is skipped; reaching a
 * set on the current path is an include cycle (CYCLE, with the path). Returns the order visited.
 * NOT_FOUND names the set only when the caller named it (`named`, by default `refs`): a set
 * reached through includes may be another team's private set, whose name must not leak.
 */
export function visitIncludes(
  refs: string[],
  includesOf: (ref: string) => readonly string[] | undefined,
  named: readonly string[] = refs,
): string[] {
  const done = new Set<string>();
  const path: string[] = [];
  const order: string[] = [];
  const visit = (ref: string): void => {
    const onPath = path.indexOf(ref);
    if (onPath >= 0) {
      const cycle = [...path.slice(onPath), ref];
      throw new DomainError(DomainErrorCode.CYCLE, `include cycle: ${cycle.join(' -> ')}`, [], {
        cycle,
      });
    }
    if (done.has(ref)) return;
    const includes = includesOf(ref);
    if (includes === undefined) throw notFound(ref, named);
    order.push(ref);
    done.add(ref);
    path.push(ref);
    includes.forEach(visit);
    path.pop();
  };
  refs.forEach(visit);
  return order;
}

/** The wording the admission webhook's warnings use too. */
export const INCLUDED_SET_NOT_FOUND = 'a set included by the requested sets was not found';

function notFound(ref: string, named: readonly string[]): DomainError {
  return DomainError.notFound(
    named.includes(ref) ? `alias set "${ref}" not found` : INCLUDED_SET_NOT_FOUND,
  );
}

/**
 * The requested sets and everything they include, in visitIncludes' order: a set comes before
 * the sets it includes, so under policy `first` the including set overrides what it includes; a
 * set reached again keeps its first position. Missing and unreadable sets are both NOT_FOUND, so
 * private sets stay invisible.
 */
export function walkIncludeClosure<S extends AliasSetSnapshot>(
  refs: string[],
  getSet: (ref: string) => S | undefined,
): ClosureSet<S>[] {
  const invalid = refs.flatMap((ref, i) =>
    parseSetRef(ref) ? [] : [{ field: `sets[${i}]`, message: `"${ref}" is not a set reference` }],
  );
  if (invalid.length > 0) throw DomainError.invalid(invalid);

  const closure: ClosureSet<S>[] = [];
  visitIncludes(refs, (ref) => {
    // An include that is not even a reference cannot name a readable set either.
    const set = parseSetRef(ref) ? getSet(ref) : undefined;
    if (set !== undefined) closure.push({ ref, set });
    return set?.includes;
  });
  return closure;
}
