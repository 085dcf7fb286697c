import type { FormEvent, ReactNode } from 'react';

import type { FieldError } from '../api/client';
import { TeamSelect } from '../components/TeamSelect';
import { emptyEntry, errorsAt, placedPaths, type SetDraft } from './draft';
import { EntryFields } from './EntryFields';
import { TextField } from './TextField';

interface Props {
  draft: SetDraft;
  onChange: (draft: SetDraft) => void;
  errors: FieldError[];
  isNew: boolean;
  saving: boolean;
  onSubmit: () => void;
  /** More buttons beside Save (e.g. a dry run). */
  actions?: ReactNode;
}

export function SetForm({ draft, onChange, errors, isNew, saving, onSubmit, actions }: Props) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  const setEntries = (entries: SetDraft['entries']) => onChange({ ...draft, entries });
  const paths = placedPaths(draft);
  const unplaced = errors.filter(
    (error) =>
      !/^entries\[\d+\]$/.test(error.field) &&
      !paths.some((path) => errorsAt([error], path).length > 0),
  );
  return (
    <form onSubmit={submit} noValidate className="set-form">
      {errors.length > 0 && (
        <div className="error" role="alert">
          <p>
            The set was not saved: {errors.length} problem{errors.length === 1 ? '' : 's'}, shown
            beside the fields.
          </p>
          {unplaced.length > 0 && (
            <ul>
              {unplaced.map((error) => (
                <li key={`${error.field} ${error.message}`}>
                  <code>{error.field}</code> {error.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {isNew && (
        <div className="row">
          <TeamSelect
            id="set-team"
            label="Team"
            value={draft.team}
            onChange={(team) => onChange({ ...draft, team })}
          />
          <TextField
            id="set-name"
            label="Name"
            path="name"
            value={draft.name}
            errors={errors}
            onChange={(name) => onChange({ ...draft, name })}
          />
        </div>
      )}
      <TextField
        id="set-description"
        label="Description"
        path="description"
        value={draft.description}
        errors={errors}
        onChange={(description) => onChange({ ...draft, description })}
      />
      <div className="field checkbox">
        <input
          id="set-shared"
          type="checkbox"
          checked={draft.shared}
          onChange={(event) => onChange({ ...draft, shared: event.target.checked })}
        />
        <label htmlFor="set-shared">Shared: every team can read and include it</label>
      </div>
      <TextField
        id="set-includes"
        label="Includes"
        hint="team/name, one per line"
        path="includes"
        multiline
        value={draft.includes}
        errors={errors}
        onChange={(includes) => onChange({ ...draft, includes })}
      />
      <h2>Entries</h2>
      {draft.entries.map((entry, index) => (
        <EntryFields
          key={index}
          index={index}
          entry={entry}
          errors={errors}
          onChange={(changed) =>
            setEntries(draft.entries.map((e, i) => (i === index ? changed : e)))
          }
          onRemove={() => setEntries(draft.entries.filter((_, i) => i !== index))}
        />
      ))}
      <button
        type="button"
        className="secondary"
        onClick={() => setEntries([...draft.entries, emptyEntry])}
      >
        Add entry
      </button>
      <div className="form-actions">
        <button type="submit" disabled={saving}>
          {saving ? 'Saving…' : isNew ? 'Create set' : 'Save changes'}
        </button>{' '}
        {actions}
      </div>
    </form>
  );
}
