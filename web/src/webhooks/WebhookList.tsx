import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { execute } from '../api/client';
import { ErrorMessage } from '../components/ErrorMessage';
import { Deliveries } from './Deliveries';
import { deleteWebhookMutation, webhooksQuery } from './operations';

export function WebhookList({ team }: { team: string }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<string | null>(null);
  const webhooks = useQuery({
    queryKey: ['webhooks', team],
    queryFn: () => execute(webhooksQuery, { team }),
  });
  const remove = useMutation({
    mutationFn: (id: string) => execute(deleteWebhookMutation, { team, id }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['webhooks', team] }),
  });
  if (webhooks.isPending) return <p>Loading…</p>;
  if (webhooks.isError) return <ErrorMessage error={webhooks.error} />;
  if (webhooks.data.webhooks.length === 0) return <p>No webhooks yet.</p>;
  return (
    <>
      <ErrorMessage error={remove.error} />
      <table data-testid="webhooks">
        <thead>
          <tr>
            <th scope="col">URL</th>
            <th scope="col">Events</th>
            <th scope="col">Sets</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {webhooks.data.webhooks.map((hook) => (
            <tr key={hook.id}>
              <td>
                <code>{hook.url}</code>
              </td>
              <td>{hook.events.join(', ')}</td>
              <td>{hook.sets?.join(', ') ?? 'every set of the team'}</td>
              <td className="actions">
                <button
                  className="secondary"
                  onClick={() => setOpen(open === hook.id ? null : hook.id)}
                >
                  {open === hook.id ? 'Hide deliveries' : 'Deliveries'}
                </button>
                <button
                  className="secondary"
                  onClick={() => remove.mutate(hook.id)}
                  disabled={remove.isPending}
                >
                  Delete {hook.url}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {open && <Deliveries team={team} id={open} />}
    </>
  );
}
