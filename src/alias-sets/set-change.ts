import { DomainError } from '../domain/errors';
import { formatSetRef, type SetRef } from '../domain/host-alias';
import {
  isForeignKeyViolation,
  isUniqueViolation,
  type Tx,
  type TransactionRunner,
} from '../infra/database/transaction';
import type { StoredAliasSet } from './alias-set';
import type { AliasSetsRepository } from './alias-sets.repository';
import type { KnownSets } from './known-sets';

/**
 * What a try of a change returns when it found the set at another version than the one it was
 * given, or when it must not trust a remembered set (see `SetChange.run`).
 */
export const RACED = Symbol('raced');

/** How the set given to a try was obtained. */
export type Source = 'remembered' | 'read' | 'locked';

/** One try of a change, on `q`, given the set (null: none). */
export type Attempt<T> = (
  q: Tx,
  existing: StoredAliasSet | null,
  source: Source,
) => Promise<T | typeof RACED>;

/** Tries under the set's lock after the optimistic ones, before the race reaches the client. */
const LOCKED_TRIES = 2;

/**
 * How a change of one set reaches the database: optimistically, each try one statement that
 * writes only if the set is still at the version it was given, then under the set's lock.
 *
 * 1. The set as this replica last wrote or read it (KnownSets), if remembered: the change is then
 *    one round trip.
 *    A remembered set is never trusted for an answer: the statement's version check verifies it,
 *    and a try that would answer without writing (unchanged content, a refusal) is raced.
 * 2. The set as read now (a plain read): two round trips.
 * 3. When that raced too (another change got in between), in a transaction that locks the row
 *    first and so waits for the other writers, at most LOCKED_TRIES times; the last one's error is
 *    the answer (a lock cannot stop a creator of a set that does not exist yet, or a delete of an
 *    included set).
 */
export class SetChange {
  constructor(
    private readonly sets: AliasSetsRepository,
    private readonly transactions: TransactionRunner,
    private readonly known: KnownSets,
  ) {}

  /** `remembered`: false for what must see the stored set itself (a dry run, a delete). */
  async run<T>(ref: SetRef, attempt: Attempt<T>, remembered = true): Promise<T> {
    const known = remembered ? this.known.get(ref) : undefined;
    if (known) {
      // A refusal (412, 409, ...) is decided again on the stored set.
      const outcome = await raced(() =>
        attempt(this.transactions.autocommit, known, 'remembered'),
      ).catch((error: unknown): typeof RACED => {
        if (error instanceof DomainError) return RACED;
        throw error;
      });
      if (outcome !== RACED) return outcome;
      this.known.remember(ref, null);
    }
    const read = await this.sets.findByRef(ref);
    let outcome = await raced(() => attempt(this.transactions.autocommit, read, 'read'));
    for (let tries = 1; outcome === RACED; tries++) {
      if (tries > LOCKED_TRIES)
        throw DomainError.conflict(`alias set "${formatSetRef(ref)}" changed concurrently; retry`);
      const locked = () =>
        this.transactions.run(async (tx) => attempt(tx, await this.sets.lock(tx, ref), 'locked'));
      outcome = tries < LOCKED_TRIES ? await raced(locked) : await locked();
    }
    return outcome;
  }
}

/**
 * RACED also when the statement failed because another change got in between: a creator of the
 * same name (unique violation), a delete of an included set, a new includer of a deleted one or a
 * delete of a set included meanwhile (foreign key and restrict violations).
 */
export async function raced<T>(attempt: () => Promise<T>): Promise<T | typeof RACED> {
  try {
    return await attempt();
  } catch (error) {
    if (isUniqueViolation(error) || isForeignKeyViolation(error)) return RACED;
    throw error;
  }
}
