import type { FieldError } from '../api/client';
import type { AliasEntryInput, AliasSetQuery } from '../gql/graphql';

/** What the form edits: lists as the text a person types, turned into input on save. */
export interface EntryDraft {
  ip: string;
  hostnames: string;
  clusters: string;
  /** RFC 3339 as typed; empty: never expires. */
  expiresAt: string;
}

export interface SetDraft {
  team: string;
  name: string;
  description: string;
  shared: boolean;
  includes: string;
  entries: EntryDraft[];
}

export const emptyEntry: EntryDraft = { ip: '', hostnames: '', clusters: '', expiresAt: '' };

/** Words separated by spaces, commas or new lines. */
export function words(text: string): string[] {
  return text.split(/[\s,]+/).filter((word) => word !== '');
}

export function draftFromSet(set: AliasSetQuery['aliasSet']): SetDraft {
  return {
    team: set.team,
    name: set.name,
    description: set.description,
    shared: set.shared,
    includes: set.includes.join('\n'),
    entries: set.entries.map((entry) => ({
      ip: entry.ip,
      hostnames: entry.hostnames.join(' '),
      clusters: (entry.clusters ?? []).join(', '),
      expiresAt: entry.expiresAt ?? '',
    })),
  };
}

export function entriesInput(draft: SetDraft): AliasEntryInput[] {
  return draft.entries.map((entry) => {
    const clusters = words(entry.clusters);
    const expiresAt = entry.expiresAt.trim();
    return {
      ip: entry.ip.trim(),
      hostnames: words(entry.hostnames),
      ...(clusters.length > 0 ? { clusters } : {}),
      ...(expiresAt ? { expiresAt } : {}),
    };
  });
}

/** The API's errors for one field: the field itself and anything below it (`entries[0].hostnames[1]`). */
export function errorsAt(errors: FieldError[], path: string): FieldError[] {
  return errors.filter(
    (error) =>
      error.field === path ||
      error.field.startsWith(`${path}.`) ||
      error.field.startsWith(`${path}[`),
  );
}

/** Paths the form shows beside a field; every other error goes in the summary only. */
export function placedPaths(draft: SetDraft): string[] {
  const entryPaths = draft.entries.flatMap((_, index) =>
    ['ip', 'hostnames', 'clusters', 'expiresAt'].map((field) => `entries[${index}].${field}`),
  );
  return ['name', 'description', 'includes', ...entryPaths];
}
