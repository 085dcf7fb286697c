import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'wouter';

import { execute } from '../api/client';
import { canWrite, useMe } from '../api/me';
import { revisionsQuery, rollbackMutation } from '../api/operations';
import { ErrorMessage } from '../components/ErrorMessage';
import { DiffView } from '../revisions/DiffView';

/** Versions of a set, newest first; pick two to diff, or roll back to one. */
export function RevisionsPage() {
  const { team = '', name = '' } = useParams<{ team: string; name: string }>();
  const me = useMe();
  const queryClient = useQueryClient();
  const revisions = useInfiniteQuery({
    queryKey: ['revisions', team, name],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => execute(revisionsQuery, { team, name, after: pageParam }),
    getNextPageParam: (page) => page.revisions.nextCursor ?? undefined,
  });
  const [pair, setPair] = useState<{ from: number; to: number } | null>(null);
  const rollback = useMutation({
    mutationFn: (version: number) =>
      execute(rollbackMutation, {
        team,
        name,
        version,
        expectedVersion: revisions.data?.pages[0]?.aliasSet.version ?? 0,
      }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
  if (revisions.isPending) return <p>Loading…</p>;
  if (revisions.isError) return <ErrorMessage error={revisions.error} />;
  const current = revisions.data.pages[0]?.aliasSet.version ?? 0;
  const items = revisions.data.pages.flatMap((page) => page.revisions.items);
  const writable = canWrite(me, team);
  return (
    <>
      <h1>
        Revisions of <Link href={`/sets/${team}/${name}`}>{`${team}/${name}`}</Link>
      </h1>
      <p>
        Current version: <strong data-testid="current-version">{current}</strong>
      </p>
      <ErrorMessage error={rollback.error} />
      {rollback.isSuccess && (
        <p role="status">
          Rolled back: the set is now at version {rollback.data.rollbackAliasSet.version}.
        </p>
      )}
      <table>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">By</th>
            <th scope="col">When</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {items.map((revision) => (
            <tr key={revision.version}>
              <td>{revision.version}</td>
              <td>{revision.actor}</td>
              <td>{new Date(revision.createdAt).toLocaleString()}</td>
              <td className="actions">
                {revision.version < current && (
                  <button
                    className="secondary"
                    onClick={() => setPair({ from: revision.version, to: current })}
                  >
                    Diff v{revision.version} → v{current}
                  </button>
                )}
                {revision.version > 1 && (
                  <button
                    className="secondary"
                    onClick={() => setPair({ from: revision.version - 1, to: revision.version })}
                  >
                    Changes in v{revision.version}
                  </button>
                )}
                {writable && revision.version < current && (
                  <button
                    onClick={() => rollback.mutate(revision.version)}
                    disabled={rollback.isPending}
                  >
                    Roll back to v{revision.version}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {revisions.hasNextPage && (
        <button
          onClick={() => void revisions.fetchNextPage()}
          disabled={revisions.isFetchingNextPage}
        >
          Older versions
        </button>
      )}
      {pair && <DiffView team={team} name={name} from={pair.from} to={pair.to} />}
    </>
  );
}
