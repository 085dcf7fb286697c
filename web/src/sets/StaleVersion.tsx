import type { ApiError } from '../api/client';

interface Props {
  error: ApiError;
  editedVersion: number;
  onReload: () => void;
}

/** Someone changed the set after this edit began: say so, keep the edit, never overwrite. */
export function StaleVersion({ error, editedVersion, onReload }: Props) {
  const current = error.extensions.currentVersion;
  return (
    <div className="error" role="alert" data-testid="stale-version">
      <p>
        <span className="code">412 PRECONDITION_FAILED</span> Not saved: this set was changed by
        someone else after you opened version {editedVersion}
        {typeof current === 'number' ? ` (it is now at version ${current})` : ''}. Your edits are
        still in the form.
      </p>
      <button type="button" onClick={onReload}>
        Load the current version (discards your edits)
      </button>
    </div>
  );
}
