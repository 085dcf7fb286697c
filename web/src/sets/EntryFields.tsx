import type { FieldError } from '../api/client';
import type { EntryDraft } from './draft';
import { TextField } from './TextField';

interface Props {
  index: number;
  entry: EntryDraft;
  errors: FieldError[];
  onChange: (entry: EntryDraft) => void;
  onRemove: () => void;
}

/** One entry of a set: IP, hostnames, optional clusters, each with its own errors. */
export function EntryFields({ index, entry, errors, onChange, onRemove }: Props) {
  const path = `entries[${index}]`;
  const own = errors.filter((error) => error.field === path);
  return (
    <fieldset className="entry">
      <legend>Entry {index + 1}</legend>
      <TextField
        id={`entry-${index}-ip`}
        label="IP address"
        path={`${path}.ip`}
        value={entry.ip}
        errors={errors}
        onChange={(ip) => onChange({ ...entry, ip })}
      />
      <TextField
        id={`entry-${index}-hostnames`}
        label="Hostnames"
        hint="separated by spaces"
        path={`${path}.hostnames`}
        value={entry.hostnames}
        errors={errors}
        onChange={(hostnames) => onChange({ ...entry, hostnames })}
      />
      <TextField
        id={`entry-${index}-clusters`}
        label="Clusters"
        hint="empty: every cluster"
        path={`${path}.clusters`}
        value={entry.clusters}
        errors={errors}
        onChange={(clusters) => onChange({ ...entry, clusters })}
      />
      <TextField
        id={`entry-${index}-expires`}
        label="Expires"
        hint="RFC 3339, e.g. 2027-01-31T00:00:00Z; empty: never"
        path={`${path}.expiresAt`}
        value={entry.expiresAt}
        errors={errors}
        onChange={(expiresAt) => onChange({ ...entry, expiresAt })}
      />
      {own.length > 0 && (
        <ul className="field-errors">
          {own.map((error) => (
            <li key={error.message}>{error.message}</li>
          ))}
        </ul>
      )}
      <button type="button" className="secondary" onClick={onRemove}>
        Remove entry {index + 1}
      </button>
    </fieldset>
  );
}
