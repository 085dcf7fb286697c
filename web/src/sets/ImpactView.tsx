import type { UpdateAliasSetDryRunMutation } from '../gql/graphql';

type Impact = NonNullable<UpdateAliasSetDryRunMutation['updateAliasSet']['impact']>;

/** What a change would do to this set's resolution and to every set that includes it. */
export function ImpactView({ impact }: { impact: Impact }) {
  const changed = impact.sets.filter((set) => set.clusters.length > 0);
  return (
    <section className="card" aria-labelledby="impact-title" data-testid="impact" role="status">
      <h2 id="impact-title">Impact of this change (dry run: nothing saved)</h2>
      {changed.length === 0 && <p>No resolution changes, here or in any dependent.</p>}
      {changed.map((set) => (
        <div key={set.set}>
          <h3>{set.path.length > 1 ? `${set.set} (via ${set.path.join(' → ')})` : set.set}</h3>
          <ul className="diff">
            {set.clusters.flatMap((c) => {
              const where = c.cluster ? ` in ${c.cluster}` : '';
              return [
                ...c.added.map((m) => (
                  <li key={`a${where}${m.hostname}`} className="added">
                    + {m.hostname} → {m.ip}
                    {where}
                  </li>
                )),
                ...c.removed.map((m) => (
                  <li key={`r${where}${m.hostname}`} className="removed">
                    − {m.hostname} → {m.ip}
                    {where}
                  </li>
                )),
                ...c.changed.map((m) => (
                  <li key={`c${where}${m.hostname}`}>
                    ~ {m.hostname}: {m.from} → {m.to}
                    {where}
                  </li>
                )),
                ...c.conflicts.map((m) => (
                  <li key={`x${where}${m.hostname}`} className="removed">
                    ! {m.hostname} would conflict{where}
                  </li>
                )),
              ];
            })}
          </ul>
        </div>
      ))}
      {impact.hidden > 0 && <p>And {impact.hidden} dependent set(s) you cannot read.</p>}
    </section>
  );
}
