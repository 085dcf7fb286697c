import { DomainError, DomainErrorCode } from './errors';
import type { AliasSetSnapshot } from './host-alias';
import { parseSetRef } from './field-rules';

export interface ClosureSet<S extends AliasSetSnapshot = AliasSetSnapshot> {
  ref: string;
  set: S;
}

/**
 * The requested sets and everything they include, depth-first and pre-order: a set comes before
 * the sets it includes, so under policy `first` the including set overrides what it includes. A
 * set reached again is skipped (its first position wins); reaching a set on the current path is a
 * cycle. Missing and unreadable sets are both NOT_FOUND, so private sets stay invisible.
 */
export function walkIncludeClosure<S extends AliasSetSnapshot>(
  refs: string[],
  getSet: (ref: string) => S | undefined,
): ClosureSet<S>[] {
  const invalid = refs.flatMap((ref, i) =>
    parseSetRef(ref) ? [] : [{ field: `sets[${i}]`, message: `"${ref}" is not a set reference` }],
  );
  if (invalid.length > 0) throw DomainError.invalid(invalid);

  const done = new Set<string>();
  const path: string[] = [];
  const closure: ClosureSet<S>[] = [];
  const visit = (ref: string): void => {
    const onPath = path.indexOf(ref);
    if (onPath >= 0) {
      const cycle = [...path.slice(onPath), ref];
      throw new DomainError(DomainErrorCode.CYCLE, `include cycle: ${cycle.join(' -> ')}`, [], {
        cycle,
      });
    }
    if (done.has(ref)) return;
    // An include that is not even a reference cannot name a readable set either.
    const set = parseSetRef(ref) ? getSet(ref) : undefined;
    if (set === undefined) throw DomainError.notFound(`alias set "${ref}" not found`);
    closure.push({ ref, set });
    done.add(ref);
    path.push(ref);
    set.includes.forEach(visit);
    path.pop();
  };
  refs.forEach(visit);
  return closure;
}
