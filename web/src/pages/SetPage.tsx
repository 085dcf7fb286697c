import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'wouter';

import { execute } from '../api/client';
import { canWrite, useMe } from '../api/me';
import { aliasSetQuery } from '../api/operations';
import { ErrorMessage } from '../components/ErrorMessage';
import { DependentsList } from '../sets/DependentsList';
import { EntriesTable } from '../sets/EntriesTable';

export function SetPage() {
  const { team = '', name = '' } = useParams<{ team: string; name: string }>();
  const me = useMe();
  const set = useQuery({
    queryKey: ['aliasSet', team, name],
    queryFn: () => execute(aliasSetQuery, { team, name }),
  });
  const base = `/sets/${team}/${name}`;
  if (set.isPending) return <p>Loading…</p>;
  if (set.isError) return <ErrorMessage error={set.error} />;
  const data = set.data.aliasSet;
  return (
    <>
      <div className="title-row">
        <h1>
          {data.team}/{data.name}
        </h1>
        <nav aria-label="This set" className="actions">
          {canWrite(me, data.team) && (
            <Link className="button" href={`${base}/edit`}>
              Edit
            </Link>
          )}
          <Link href={`${base}/preview`}>Preview for a pod</Link>
          <Link href={`${base}/revisions`}>Revisions</Link>
          <Link href={`${base}/audit`}>Audit trail</Link>
        </nav>
      </div>
      <p>{data.description || <em>No description.</em>}</p>
      <dl className="facts">
        <dt>Version</dt>
        <dd data-testid="version">{data.version}</dd>
        <dt>ETag</dt>
        <dd>
          <code>&quot;{data.version}&quot;</code>
        </dd>
        <dt>Visibility</dt>
        <dd>{data.shared ? 'shared with every team' : 'private to its team'}</dd>
        <dt>Updated</dt>
        <dd>{new Date(data.updatedAt).toLocaleString()}</dd>
      </dl>
      <h2>Entries</h2>
      <EntriesTable entries={data.entries} />
      <h2>Includes</h2>
      {data.includes.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul>
          {data.includes.map((ref) => (
            <li key={ref}>
              <Link href={`/sets/${ref}`}>{ref}</Link>
            </li>
          ))}
        </ul>
      )}
      <h2>Included by</h2>
      <DependentsList dependents={data.dependents} />
    </>
  );
}
