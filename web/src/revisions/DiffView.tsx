import { useQuery } from '@tanstack/react-query';

import { execute } from '../api/client';
import { diffQuery } from '../api/operations';
import { ErrorMessage } from '../components/ErrorMessage';

interface Props {
  team: string;
  name: string;
  from: number;
  to: number;
}

const scope = (clusters: string[]) => (clusters.length ? ` in ${clusters.join(', ')}` : '');

/** What changed between two versions, per hostname, as the API diffs them. */
export function DiffView({ team, name, from, to }: Props) {
  const diff = useQuery({
    queryKey: ['diff', team, name, from, to],
    queryFn: () => execute(diffQuery, { team, name, from, to }),
  });
  if (diff.isPending) return <p>Loading diff…</p>;
  if (diff.isError) return <ErrorMessage error={diff.error} />;
  const d = diff.data.aliasSetDiff;
  const empty = d.added.length + d.removed.length + d.changed.length + d.metadata.length === 0;
  return (
    <section aria-labelledby="diff-title" className="card" data-testid="diff">
      <h2 id="diff-title">
        Version {d.from} → {d.to}
      </h2>
      {empty && <p>No differences.</p>}
      <ul className="diff">
        {d.added.map((m) => (
          <li key={`a ${m.hostname} ${m.clusters.join()}`} className="added">
            + {m.hostname} → {m.ip}
            {scope(m.clusters)}
          </li>
        ))}
        {d.removed.map((m) => (
          <li key={`r ${m.hostname} ${m.clusters.join()}`} className="removed">
            − {m.hostname} → {m.ip}
            {scope(m.clusters)}
          </li>
        ))}
        {d.changed.map((c) => (
          <li key={`c ${c.hostname} ${c.clusters.join()}`} className="changed">
            ~ {c.hostname}: {c.from} → {c.to}
            {scope(c.clusters)}
          </li>
        ))}
        {d.metadata.map((m) => (
          <li key={`m ${m.field}`} className="changed">
            ~ {m.field}: {JSON.stringify(m.from)} → {JSON.stringify(m.to)}
          </li>
        ))}
      </ul>
    </section>
  );
}
