import type { AliasSetQuery } from '../gql/graphql';

type Entry = AliasSetQuery['aliasSet']['entries'][number];

export function EntriesTable({ entries }: { entries: Entry[] }) {
  if (entries.length === 0) return <p>No entries.</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">IP</th>
          <th scope="col">Hostnames</th>
          <th scope="col">Clusters</th>
          <th scope="col">Expires</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={`${entry.ip} ${(entry.clusters ?? []).join(',')}`}>
            <td>
              <code>{entry.ip}</code>
            </td>
            <td>{entry.hostnames.join(' ')}</td>
            <td>{entry.clusters?.length ? entry.clusters.join(', ') : 'all clusters'}</td>
            <td>{entry.expiresAt ? new Date(entry.expiresAt).toLocaleString() : 'never'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
