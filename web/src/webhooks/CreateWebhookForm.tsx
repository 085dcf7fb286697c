import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';

import { ApiError, execute } from '../api/client';
import { CopyButton } from '../components/CopyButton';
import { ErrorMessage } from '../components/ErrorMessage';
import { words } from '../sets/draft';
import { TextField } from '../sets/TextField';
import { createWebhookMutation } from './operations';

const EVENTS = [
  'alias_set.created',
  'alias_set.updated',
  'alias_set.deleted',
  'resolution.changed',
];

export function CreateWebhookForm({ team }: { team: string }) {
  const queryClient = useQueryClient();
  const [url, setUrl] = useState('');
  const [sets, setSets] = useState('');
  const [events, setEvents] = useState<string[]>(['resolution.changed']);
  const create = useMutation({
    mutationFn: () => {
      const only = words(sets);
      return execute(createWebhookMutation, {
        input: { team, url: url.trim(), events, ...(only.length > 0 ? { sets: only } : {}) },
      });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['webhooks', team] }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const errors = create.error instanceof ApiError ? create.error.fieldErrors : [];
  const created = create.data?.createWebhook;
  const toggle = (name: string, on: boolean) =>
    setEvents(on ? [...events, name] : events.filter((e) => e !== name));
  return (
    <>
      <form className="card" onSubmit={submit} aria-label="New webhook" noValidate>
        <TextField
          id="webhook-url"
          label="URL"
          path="url"
          value={url}
          errors={errors}
          onChange={setUrl}
        />
        <TextField
          id="webhook-sets"
          label="Sets"
          hint="team/name separated by spaces; empty: every set of the team"
          path="sets"
          value={sets}
          errors={errors}
          onChange={setSets}
        />
        <fieldset>
          <legend>Events</legend>
          {EVENTS.map((name) => (
            <div className="field checkbox" key={name}>
              <input
                id={`event-${name}`}
                type="checkbox"
                checked={events.includes(name)}
                onChange={(e) => toggle(name, e.target.checked)}
              />
              <label htmlFor={`event-${name}`}>{name}</label>
            </div>
          ))}
        </fieldset>
        {errors
          .filter((e) => e.field === 'events')
          .map((e) => (
            <p className="field-errors" key={e.message}>
              {e.message}
            </p>
          ))}
        <button type="submit" disabled={create.isPending}>
          Create webhook
        </button>
      </form>
      {errors.length === 0 && <ErrorMessage error={create.error} />}
      {created && (
        <div className="secret card" role="status">
          <p>
            Webhook for <code>{created.url}</code> created. Its signing secret is shown only once:
          </p>
          <code data-testid="webhook-secret">{created.secret}</code>{' '}
          <CopyButton text={created.secret} label="Copy secret" />
          <button type="button" className="secondary" onClick={() => create.reset()}>
            I have stored it
          </button>
        </div>
      )}
    </>
  );
}
