import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';

import { execute } from '../api/client';
import { canWrite, useMe } from '../api/me';
import { aliasSetsQuery } from '../api/operations';
import { ErrorMessage } from '../components/ErrorMessage';
import { TeamSelect } from '../components/TeamSelect';
import { useDebounced } from '../components/useDebounced';

const PAGE_SIZE = 20;

export function SetsPage() {
  const me = useMe();
  const [search, setSearch] = useState('');
  const [team, setTeam] = useState('');
  // Cursors of the pages before this one, so "Previous" goes back without offsets.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1];
  const query = useDebounced(search.trim());
  const sets = useQuery({
    queryKey: ['aliasSets', query, team, after],
    queryFn: () =>
      execute(aliasSetsQuery, {
        first: PAGE_SIZE,
        after: after ?? undefined,
        search: query || undefined,
        team: team || undefined,
      }),
  });
  const restart = () => setCursors([null]);
  const page = sets.data?.aliasSets;

  return (
    <>
      <div className="title-row">
        <h1>Alias sets</h1>
        {(me.kind === 'admin' || (me.team && canWrite(me, me.team))) && (
          <Link className="button" href="/new">
            New set
          </Link>
        )}
      </div>
      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <div>
          <label htmlFor="search">Search</label>
          <input
            id="search"
            type="search"
            value={search}
            onChange={(event) => {
              setSearch(event.target.value);
              restart();
            }}
          />
        </div>
        <TeamSelect
          id="team-filter"
          label="Team"
          value={team}
          emptyLabel="All teams"
          onChange={(value) => {
            setTeam(value);
            restart();
          }}
        />
      </form>
      <ErrorMessage error={sets.error} />
      {page && (
        // data-search: which search these rows answer (tests wait for it; rows never lag behind).
        <table data-search={query}>
          <caption className="sr-only">Alias sets you can read</caption>
          <thead>
            <tr>
              <th scope="col">Set</th>
              <th scope="col">Description</th>
              <th scope="col">Shared</th>
              <th scope="col">Version</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {page.edges.map(({ node }) => (
              <tr key={`${node.team}/${node.name}`}>
                <td>
                  <Link href={`/sets/${node.team}/${node.name}`}>
                    {node.team}/{node.name}
                  </Link>
                </td>
                <td>{node.description}</td>
                <td>{node.shared ? 'shared' : 'private'}</td>
                <td>{node.version}</td>
                <td>{new Date(node.updatedAt).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page?.edges.length === 0 && <p data-search={query}>No sets match.</p>}
      <div className="pager">
        <button disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>
          Previous page
        </button>
        <button
          disabled={!page?.pageInfo.hasNextPage}
          onClick={() => setCursors([...cursors, page?.pageInfo.endCursor ?? null])}
        >
          Next page
        </button>
      </div>
    </>
  );
}
