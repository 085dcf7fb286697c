import { sameContent } from './alias-set';
import { DomainError, DomainErrorCode } from './errors';
import type { AliasSetContent, AliasSetSnapshot } from './host-alias';
import { visitIncludes } from './include-closure';
import { type IfMatch, ifMatchSatisfied } from './if-match';

/**
 * `create` fails if the set exists, `update`, `rollback` and `expire` (the sweep removing expired
 * entries) if it does not, `upsert` (PUT) does either.
 */
export type WriteMode = 'create' | 'upsert' | 'update' | 'rollback' | 'expire';

/** `undefined`: unconditional; a number: the version the client last saw (If-Match). */
/** A version (GraphQL `expectedVersion`) or an `If-Match` condition; undefined: unconditional. */
export type ExpectedVersion = number | IfMatch | undefined;

/** What a write does to the stored set. */
export type WritePlan = 'insert' | 'replace' | 'unchanged';

/** How the change is audited: `alias_set.<action>`. */
export type WriteAction = 'create' | 'update' | 'rollback' | 'delete' | 'expire';

/**
 * The rules of a write, given the set as it is now (null: none) and the content asked for.
 * Identical content is `unchanged`: no version, no revision, no audit event.
 */
export function planWrite(
  ref: string,
  existing: AliasSetSnapshot | null,
  content: AliasSetContent,
  mode: WriteMode,
  expected: ExpectedVersion,
): WritePlan {
  if (existing === null) {
    if (mode !== 'create' && mode !== 'upsert') throw notFound(ref);
    if (expected !== undefined) {
      throw new DomainError(
        DomainErrorCode.STALE_VERSION,
        `alias set "${ref}" does not exist`,
        [],
        {
          currentVersion: null,
        },
      );
    }
    return 'insert';
  }
  if (mode === 'create') throw DomainError.conflict(`alias set "${ref}" already exists`);
  checkExpectedVersion(ref, existing.version, expected);
  return sameContent(existing, content) ? 'unchanged' : 'replace';
}

export function writeAction(mode: WriteMode, plan: WritePlan): WriteAction {
  if (plan === 'insert') return 'create';
  return mode === 'rollback' || mode === 'expire' ? mode : 'update';
}

/** A set that includes the one being deleted, and whether the caller may see it. */
export interface Dependent {
  ref: string;
  visible: boolean;
}

/**
 * A set can be deleted only at the expected version and while nothing includes it. The conflict
 * names only the dependents the caller may see; private sets of other teams stay unnamed.
 */
export function checkDelete<S extends { version: number }>(
  ref: string,
  existing: S | null,
  expected: ExpectedVersion,
  dependents: Dependent[],
): asserts existing is S {
  if (existing === null) throw notFound(ref);
  checkExpectedVersion(ref, existing.version, expected);
  if (dependents.length === 0) return;
  const visible = dependents.filter((set) => set.visible).map((set) => set.ref);
  const hidden = dependents.length - visible.length;
  const names = [...visible, ...(hidden > 0 ? [`${hidden} set(s) you cannot see`] : [])];
  throw DomainError.conflict(
    `alias set "${ref}" is included by ${names.join(', ')}; remove those includes first`,
    { dependents: visible, hiddenDependents: hidden },
  );
}

/**
 * CYCLE if `ref` including `includes` would close an include cycle, given what every set
 * reachable from them includes now (`graph`); NOT_FOUND if one of them does not exist.
 */
export function checkIncludeCycle(
  ref: string,
  includes: string[],
  graph: ReadonlyMap<string, readonly string[]>,
): void {
  visitIncludes([ref], (r) => (r === ref ? includes : graph.get(r)), [ref, ...includes]);
}

export function checkExpectedVersion(ref: string, current: number, expected: ExpectedVersion) {
  if (expected !== undefined && !ifMatchSatisfied(expected, current)) {
    throw staleVersion(ref, current, expected);
  }
}

/** The set is no longer at the version read (`expected` undefined: changed concurrently). */
export function staleVersion(
  ref: string,
  current: number,
  expected?: number | IfMatch,
): DomainError {
  const wanted = typeof expected === 'object' ? expected.join(' or ') : expected;
  const detail =
    expected === undefined
      ? `alias set "${ref}" was changed concurrently; current version is ${current}`
      : `alias set "${ref}" is at version ${current}, not ${wanted}`;
  return new DomainError(DomainErrorCode.STALE_VERSION, detail, [], { currentVersion: current });
}

function notFound(ref: string): DomainError {
  return DomainError.notFound(`alias set "${ref}" not found`);
}
