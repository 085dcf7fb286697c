import { useQuery } from '@tanstack/react-query';

import { execute } from '../api/client';
import { ErrorMessage } from '../components/ErrorMessage';
import { webhookDeliveriesQuery } from './operations';

/** The latest deliveries of one webhook: what was sent, and how the receiver answered. */
export function Deliveries({ team, id }: { team: string; id: string }) {
  const deliveries = useQuery({
    queryKey: ['webhookDeliveries', team, id],
    queryFn: () => execute(webhookDeliveriesQuery, { team, id }),
  });
  if (deliveries.isPending) return <p>Loading deliveries…</p>;
  if (deliveries.isError) return <ErrorMessage error={deliveries.error} />;
  const items = deliveries.data.webhookDeliveries.items;
  return (
    <section aria-label="Latest deliveries" className="card">
      <h2>Latest deliveries</h2>
      {items.length === 0 ? (
        <p>Nothing delivered yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Event</th>
              <th scope="col">Set</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last answer</th>
            </tr>
          </thead>
          <tbody>
            {items.map((delivery) => (
              <tr key={delivery.id}>
                <td>{new Date(delivery.createdAt).toLocaleString()}</td>
                <td>{delivery.type}</td>
                <td>{delivery.set}</td>
                <td>{delivery.status}</td>
                <td>{delivery.attempts}</td>
                <td>{delivery.lastStatusCode ?? delivery.lastError ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
