import type { AliasSetSnapshot, HostAlias } from './host-alias';
import { parseIpSloppy } from './ip';
import { Lru } from './lru';

/**
 * Hostnames and addresses numbered once, so that resolution compares small integers held in typed
 * arrays instead of hashing strings. Addresses are numbered by value (`10.0.0.1` and `010.0.0.1`
 * share a number); each spelling is parsed once. Every set of one resolution is compiled against
 * the same table.
 */
export class SymbolTable {
  readonly hostnames: string[] = [];
  /** Per-resolution bookkeeping, indexed by hostname and address numbers. */
  readonly scratch = new ResolutionScratch();
  private readonly hostnameIds = new Map<string, number>();
  private readonly spellingIds = new Map<string, number>();
  private readonly addressIds = new Map<string, number>();

  get hostnameCount(): number {
    return this.hostnames.length;
  }

  get addressCount(): number {
    return this.addressIds.size;
  }

  hostname(name: string): number {
    let id = this.hostnameIds.get(name);
    if (id === undefined) {
      id = this.hostnames.length;
      this.hostnameIds.set(name, id);
      this.hostnames.push(name);
    }
    return id;
  }

  address(spelling: string): number {
    let id = this.spellingIds.get(spelling);
    if (id === undefined) {
      // Stored data is validated; an unparsable IP still only equals its own spelling.
      const key = parseIpSloppy(spelling) ?? `?:${spelling}`;
      id = this.addressIds.get(key);
      if (id === undefined) {
        id = this.addressIds.size;
        this.addressIds.set(key, id);
      }
      this.spellingIds.set(spelling, id);
    }
    return id;
  }
}

/**
 * Arrays indexed by hostname or address number, reused by every resolution against one table.
 * A slot counts only when its stamp is the current resolution's, so nothing is cleared between
 * resolutions. Resolution is synchronous, so two never interleave.
 */
export class ResolutionScratch {
  /** Per hostname: the resolution that claimed it, the winning address, set and entry. */
  claimStamp = new Int32Array(0);
  claimAddress = new Int32Array(0);
  claimSet = new Int32Array(0);
  claimEntry = new Int32Array(0);
  /** Per address: the resolution that gave it an output line, and that line's index. */
  groupStamp = new Int32Array(0);
  groupIndex = new Int32Array(0);
  private stamp = 0;

  /** Sizes the arrays for the table and returns a stamp no slot carries yet. */
  begin(table: SymbolTable): number {
    if (this.claimStamp.length < table.hostnameCount) {
      const size = Math.max(table.hostnameCount, this.claimStamp.length * 2);
      this.claimStamp = new Int32Array(size);
      this.claimAddress = new Int32Array(size);
      this.claimSet = new Int32Array(size);
      this.claimEntry = new Int32Array(size);
    }
    if (this.groupStamp.length < table.addressCount) {
      const size = Math.max(table.addressCount, this.groupStamp.length * 2);
      this.groupStamp = new Int32Array(size);
      this.groupIndex = new Int32Array(size);
    }
    if (this.stamp === 0x7fffffff) {
      this.claimStamp.fill(0);
      this.groupStamp.fill(0);
      this.stamp = 0;
    }
    return ++this.stamp;
  }
}

/** The entries of a set that apply in one cluster. */
export interface EntryView {
  /** Entry indexes, in the set's order. */
  entries: Int32Array;
  /** Per hostname position: 1 where a scoped entry of the set overrides it (SPEC 3, rule 3). */
  skip?: Uint8Array;
}

/**
 * An alias set numbered against a symbol table: per entry its address, its hostnames as a range
 * of `hostnameIds`, and the entry as a host alias that resolution returns as is whenever the whole
 * entry wins. Shares the snapshot's strings and hostname arrays (snapshots are never modified)
 * and is itself never modified once built, so every resolution of the set's version can use it.
 */
export class CompiledAliasSet {
  readonly aliases: readonly HostAlias[];
  readonly addressIds: Int32Array;
  /** Entry `e` owns `hostnameIds[offsets[e]]` up to, not including, `hostnameIds[offsets[e + 1]]`. */
  readonly offsets: Int32Array;
  readonly hostnameIds: Int32Array;
  /** Per entry its clusters, only when the set has scoped entries. */
  private readonly scopes?: (readonly string[] | undefined)[];
  private readonly clustersNamed = new Set<string>();
  private readonly views = new Map<string, EntryView>();
  private unscopedView?: EntryView;

  constructor(
    readonly table: SymbolTable,
    set: AliasSetSnapshot,
  ) {
    const entries = set.entries;
    const count = entries.length;
    let positions = 0;
    for (let e = 0; e < count; e++) positions += entries[e].hostnames.length;
    this.addressIds = new Int32Array(count);
    this.offsets = new Int32Array(count + 1);
    this.hostnameIds = new Int32Array(positions);
    const aliases = new Array<HostAlias>(count);
    const scopes = new Array<readonly string[] | undefined>(count);
    let position = 0;
    for (let e = 0; e < count; e++) {
      const entry = entries[e];
      this.addressIds[e] = table.address(entry.ip);
      this.offsets[e] = position;
      const { hostnames, clusters } = entry;
      for (let k = 0; k < hostnames.length; k++) {
        this.hostnameIds[position++] = table.hostname(hostnames[k]);
      }
      // Exactly the two fields of a host alias, whatever else the entry object carries.
      aliases[e] = { ip: entry.ip, hostnames };
      if (clusters !== undefined && clusters.length > 0) {
        scopes[e] = clusters;
        for (const cluster of clusters) this.clustersNamed.add(cluster);
      }
    }
    this.offsets[count] = position;
    this.aliases = aliases;
    if (this.clustersNamed.size > 0) this.scopes = scopes;
    else this.unscopedView = { entries: Int32Array.from(aliases.keys()) };
  }

  get entryCount(): number {
    return this.aliases.length;
  }

  /** The entries that apply in `cluster` (none given: unscoped entries only). */
  view(cluster: string | undefined): EntryView {
    if (this.scopes === undefined || cluster === undefined || !this.clustersNamed.has(cluster)) {
      return (this.unscopedView ??= this.buildView(undefined));
    }
    let view = this.views.get(cluster);
    if (view === undefined) {
      view = this.buildView(cluster);
      this.views.set(cluster, view);
    }
    return view;
  }

  private buildView(cluster: string | undefined): EntryView {
    const scopes = this.scopes ?? [];
    const inCluster = (e: number) => cluster !== undefined && !!scopes[e]?.includes(cluster);
    const overridden = new Set<number>();
    const entries: number[] = [];
    // `scopes` has holes for unscoped entries: walk indexes, not elements.
    for (let e = 0; e < this.aliases.length; e++) {
      if (scopes[e] === undefined) entries.push(e);
      else if (inCluster(e)) {
        entries.push(e);
        for (let p = this.offsets[e]; p < this.offsets[e + 1]; p++) {
          overridden.add(this.hostnameIds[p]);
        }
      }
    }
    if (overridden.size === 0) return { entries: Int32Array.from(entries) };
    const skip = new Uint8Array(this.hostnameIds.length);
    for (const e of entries) {
      if (scopes[e] !== undefined) continue;
      for (let p = this.offsets[e]; p < this.offsets[e + 1]; p++) {
        if (overridden.has(this.hostnameIds[p])) skip[p] = 1;
      }
    }
    return { entries: Int32Array.from(entries), skip };
  }
}

/** Turns the sets of one resolution into compiled sets sharing one symbol table. */
export interface SetCompiler<S extends AliasSetSnapshot> {
  compileAll(sets: readonly S[]): CompiledAliasSet[];
}

/** Compiles for a single resolution: nothing is kept. */
export const compileOnce: SetCompiler<AliasSetSnapshot> = {
  compileAll(sets) {
    const table = new SymbolTable();
    return sets.map((set) => new CompiledAliasSet(table, set));
  },
};

export interface CompilerStats {
  sets: number;
  entries: number;
  symbols: number;
}

export interface AliasSetCompilerOptions<S extends AliasSetSnapshot> {
  /** What identifies a set's content: equal keys must mean equal entries (an id and a version). */
  keyOf: (set: S) => string;
  /** Entries kept compiled; the least recently used sets go beyond it. Default 2,000,000. */
  maxEntries?: number;
}

/**
 * Keeps compiled sets between resolutions, so a set is compiled once per version and a request
 * pays only for combining its sets. Bounded by entries (least recently used sets are dropped).
 * The symbol table only grows, so once it holds far more symbols than the kept sets use (old
 * versions' hostnames), it is replaced and the sets are compiled again as they are asked for.
 */
export class AliasSetCompiler<S extends AliasSetSnapshot> implements SetCompiler<S> {
  private table = new SymbolTable();
  private readonly compiled: Lru<CompiledAliasSet>;
  private keptPositions = 0;

  constructor(private readonly options: AliasSetCompilerOptions<S>) {
    this.compiled = new Lru<CompiledAliasSet>(
      options.maxEntries ?? 2_000_000,
      (compiled) => compiled.entryCount,
      (_, compiled) => (this.keptPositions -= compiled.hostnameIds.length),
    );
  }

  /** Sets compiled and kept, entries in them, and symbols in the current table. */
  get stats(): CompilerStats {
    return {
      sets: this.compiled.size,
      entries: this.compiled.weight,
      symbols: this.table.hostnameCount + this.table.addressCount,
    };
  }

  compileAll(sets: readonly S[]): CompiledAliasSet[] {
    const symbols = this.table.hostnameCount + this.table.addressCount;
    if (symbols > 4 * (this.compiled.weight + this.keptPositions) + 1_000_000) this.reset();
    return sets.map((set) => this.compile(set));
  }

  private compile(set: S): CompiledAliasSet {
    const key = this.options.keyOf(set);
    const kept = this.compiled.get(key);
    if (kept !== undefined) return kept;
    const compiled = new CompiledAliasSet(this.table, set);
    this.keptPositions += compiled.hostnameIds.length;
    this.compiled.set(key, compiled);
    return compiled;
  }

  private reset(): void {
    this.table = new SymbolTable();
    this.compiled.clear();
  }
}
