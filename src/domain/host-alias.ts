/** One line of a pod's hosts file, as in the Kubernetes PodSpec `hostAliases` field. */
export interface HostAlias {
  readonly ip: string;
  readonly hostnames: readonly string[];
}

/** An entry of an alias set: a host alias, optionally restricted to some clusters. */
export interface AliasEntry {
  ip: string;
  hostnames: string[];
  /** Absent or empty: the entry applies in every cluster. */
  clusters?: string[];
  /** RFC 3339; from this instant on, resolution leaves the entry out (and a sweep removes it). */
  expiresAt?: string;
}

/** A reference to an alias set, written `team/name` everywhere outside the code. */
export interface SetRef {
  team: string;
  name: string;
}

/** What a client writes of an alias set: everything but its identity and version. */
export interface AliasSetContent {
  description: string;
  shared: boolean;
  entries: AliasEntry[];
  /** References `team/name`, in order. */
  includes: string[];
}

/** The content of an alias set at one version: what revisions store and resolution reads. */
export interface AliasSetSnapshot extends SetRef, AliasSetContent {
  version: number;
}

/** A validation failure, with a Kubernetes-style field path such as `entries[0].ip`. */
export interface FieldError {
  field: string;
  message: string;
}

export function formatSetRef(ref: SetRef): string {
  return `${ref.team}/${ref.name}`;
}
