import { Injectable } from '@nestjs/common';

import type { StoredAliasSet } from '../alias-sets/alias-set';
import { AliasSetCompiler } from '../domain/compiled-alias-set';
import { Metrics } from '../infra/metrics/metrics';

/** Entries kept compiled: a few times a large registry (the benchmark's holds 100,000). */
const MAX_COMPILED_ENTRIES = 1_000_000;

/**
 * The process's compiled alias sets, keyed by id and version: a version's content never changes,
 * so nothing needs evicting when sets change; old versions age out of the entry budget.
 */
@Injectable()
export class CompiledSets extends AliasSetCompiler<StoredAliasSet> {
  constructor(metrics: Metrics) {
    super({ keyOf: (set) => `${set.id}@${set.version}`, maxEntries: MAX_COMPILED_ENTRIES });
    metrics.watchCompiledSets(() => this.stats);
  }
}
