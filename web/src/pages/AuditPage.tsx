import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'wouter';

import { execute } from '../api/client';
import { auditEventsQuery } from '../api/operations';
import { AuditFilters, type AuditFilter } from '../audit/AuditFilters';
import { AuditTable } from '../audit/AuditTable';
import { ErrorMessage } from '../components/ErrorMessage';

/** Who changed what, newest first; opened from a set, filtered to that set. */
export function AuditPage() {
  const { team, name } = useParams<{ team?: string; name?: string }>();
  const set = team && name ? `${team}/${name}` : '';
  // Keyed: going from one set's trail to another's starts with that set's filter.
  return <AuditView key={set} set={set} />;
}

function AuditView({ set }: { set: string }) {
  const [filter, setFilter] = useState<AuditFilter>({
    set,
    team: '',
    action: '',
    actor: '',
    since: '',
    until: '',
  });
  const events = useInfiniteQuery({
    queryKey: ['audit', filter],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      execute(auditEventsQuery, {
        set: filter.set || undefined,
        team: filter.team || undefined,
        action: filter.action || undefined,
        actor: filter.actor || undefined,
        since: filter.since ? new Date(filter.since).toISOString() : undefined,
        until: filter.until ? new Date(filter.until).toISOString() : undefined,
        cursor: pageParam ?? undefined,
      }),
    getNextPageParam: (page) => page.auditEvents.nextCursor,
  });
  const items = events.data?.pages.flatMap((page) => page.auditEvents.items) ?? [];
  return (
    <>
      <h1>Audit trail</h1>
      <AuditFilters initial={filter} onApply={setFilter} />
      <ErrorMessage error={events.error} />
      {events.data && <AuditTable events={items} />}
      {events.hasNextPage && (
        <button onClick={() => void events.fetchNextPage()} disabled={events.isFetchingNextPage}>
          Older events
        </button>
      )}
    </>
  );
}
