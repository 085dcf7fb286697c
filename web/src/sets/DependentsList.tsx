import { Link } from 'wouter';

import type { AliasSetQuery } from '../gql/graphql';

type Dependents = AliasSetQuery['aliasSet']['dependents'];

/** Sets that include this one (transitively), with the include path; unreadable ones counted. */
export function DependentsList({ dependents }: { dependents: Dependents }) {
  const { items, hidden } = dependents;
  if (items.length === 0 && hidden === 0) return <p>No set includes this one.</p>;
  return (
    <>
      <ul data-testid="dependents">
        {items.map((dependent) => (
          <li key={dependent.set}>
            <Link href={`/sets/${dependent.set}`}>{dependent.set}</Link>
            {dependent.path.length > 2 && (
              <span className="muted">
                {' '}
                via {dependent.path.map((ref) => ref ?? '(a set you cannot read)').join(' → ')}
              </span>
            )}
          </li>
        ))}
      </ul>
      {hidden > 0 && (
        <p>
          and {hidden} set{hidden === 1 ? '' : 's'} you cannot read.
        </p>
      )}
    </>
  );
}
