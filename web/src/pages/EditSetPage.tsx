import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'wouter';

import { ApiError, execute } from '../api/client';
import { useMe } from '../api/me';
import {
  aliasSetQuery,
  createAliasSetMutation,
  updateAliasSetDryRunMutation,
  updateAliasSetMutation,
} from '../api/operations';
import { ErrorMessage } from '../components/ErrorMessage';
import type { AliasSetQuery } from '../gql/graphql';
import { draftFromSet, emptyEntry, entriesInput, words, type SetDraft } from '../sets/draft';
import { ImpactView } from '../sets/ImpactView';
import { SetForm } from '../sets/SetForm';
import { StaleVersion } from '../sets/StaleVersion';

export function NewSetPage() {
  const me = useMe();
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<SetDraft>({
    team: me.team ?? '',
    name: '',
    description: '',
    shared: false,
    includes: '',
    entries: [emptyEntry],
  });
  const create = useMutation({
    mutationFn: () =>
      execute(createAliasSetMutation, {
        input: {
          team: draft.team,
          name: draft.name.trim(),
          description: draft.description,
          shared: draft.shared,
          includes: words(draft.includes),
          entries: entriesInput(draft),
        },
      }),
    onSuccess: async ({ createAliasSet: set }) => {
      await queryClient.invalidateQueries({ queryKey: ['aliasSets'] });
      navigate(`/sets/${set.team}/${set.name}`);
    },
  });
  return (
    <>
      <h1>New alias set</h1>
      <SaveError error={create.error} />
      <SetForm
        draft={draft}
        onChange={setDraft}
        errors={fieldErrors(create.error)}
        isNew
        saving={create.isPending}
        onSubmit={() => create.mutate()}
      />
    </>
  );
}

export function EditSetPage() {
  const { team = '', name = '' } = useParams<{ team: string; name: string }>();
  const set = useQuery({
    queryKey: ['aliasSet', team, name],
    queryFn: () => execute(aliasSetQuery, { team, name }),
  });
  if (set.isPending) return <p>Loading…</p>;
  if (set.isError) return <ErrorMessage error={set.error} />;
  // Keyed by version: loading a newer version starts a fresh edit of it.
  return (
    <EditForm
      key={set.data.aliasSet.version}
      set={set.data.aliasSet}
      onReload={() => void set.refetch()}
    />
  );
}

function EditForm({ set, onReload }: { set: AliasSetQuery['aliasSet']; onReload: () => void }) {
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(() => draftFromSet(set));
  const input = () => ({
    team: set.team,
    name: set.name,
    // The version this edit started from: a change by anyone else meanwhile is refused.
    expectedVersion: set.version,
    description: draft.description,
    shared: draft.shared,
    includes: words(draft.includes),
    entries: entriesInput(draft),
  });
  // Every check of the real save, nothing written: what would change here and in dependents.
  const check = useMutation({
    mutationFn: () => execute(updateAliasSetDryRunMutation, { input: input() }),
  });
  const update = useMutation({
    mutationFn: () => execute(updateAliasSetMutation, { input: input() }),
    onSuccess: async () => {
      await queryClient.invalidateQueries();
      navigate(`/sets/${set.team}/${set.name}`);
    },
  });
  const failure = update.error ?? check.error;
  const stale = failure instanceof ApiError && failure.code === 'PRECONDITION_FAILED';
  const impact = check.data?.updateAliasSet.impact;
  return (
    <>
      <h1>
        Edit <Link href={`/sets/${set.team}/${set.name}`}>{`${set.team}/${set.name}`}</Link>{' '}
        <span className="muted">(version {set.version})</span>
      </h1>
      {stale ? (
        <StaleVersion error={failure} editedVersion={set.version} onReload={onReload} />
      ) : (
        <SaveError error={failure} />
      )}
      <SetForm
        draft={draft}
        onChange={setDraft}
        errors={fieldErrors(failure)}
        isNew={false}
        saving={update.isPending}
        onSubmit={() => {
          check.reset();
          update.mutate();
        }}
        actions={
          <button
            type="button"
            className="secondary"
            disabled={check.isPending}
            onClick={() => {
              update.reset();
              check.mutate();
            }}
          >
            Check impact (dry run)
          </button>
        }
      />
      {impact && <ImpactView impact={impact} />}
    </>
  );
}

function fieldErrors(error: unknown) {
  return error instanceof ApiError ? error.fieldErrors : [];
}

/** Errors that belong to no field (field errors are shown beside the fields). */
function SaveError({ error }: { error: unknown }) {
  if (!error || fieldErrors(error).length > 0) return null;
  return <ErrorMessage error={error} />;
}
