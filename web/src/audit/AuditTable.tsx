import type { AuditEventsQuery } from '../gql/graphql';

type Event = AuditEventsQuery['auditEvents']['items'][number];

export function AuditTable({ events }: { events: Event[] }) {
  if (events.length === 0) return <p>No events match.</p>;
  return (
    <table data-testid="audit-table">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Who</th>
          <th scope="col">Action</th>
          <th scope="col">Target</th>
          <th scope="col">Version</th>
          <th scope="col">Via</th>
          <th scope="col">Request</th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => (
          <tr key={event.id}>
            <td>{new Date(event.at).toLocaleString()}</td>
            <td>
              {event.actor.name}
              {event.actor.team ? ` (${event.actor.team})` : ''}
            </td>
            <td>{event.action}</td>
            <td>{event.target.ref}</td>
            <td>{event.version ?? ''}</td>
            <td>{event.via}</td>
            <td>
              <code>{event.requestId}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
