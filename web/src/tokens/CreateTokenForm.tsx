import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';

import { ApiError, execute } from '../api/client';
import { createTokenMutation } from '../api/operations';
import { CopyButton } from '../components/CopyButton';
import { ErrorMessage } from '../components/ErrorMessage';
import type { TokenRole } from '../gql/graphql';
import { errorsAt } from '../sets/draft';
import { FieldErrors, invalidProps } from '../sets/FieldErrors';

const ROLES: TokenRole[] = ['reader', 'editor', 'admin'];

export function CreateTokenForm({ team }: { team: string }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [role, setRole] = useState<TokenRole>('reader');
  const [expires, setExpires] = useState('');
  const create = useMutation({
    mutationFn: () =>
      execute(createTokenMutation, {
        input: {
          team,
          name: name.trim(),
          role,
          expiresAt: expires ? new Date(expires).toISOString() : undefined,
        },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tokens', team] }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const errors = create.error instanceof ApiError ? create.error.fieldErrors : [];
  const nameErrors = errorsAt(errors, 'name');
  const created = create.data?.createToken;
  return (
    <>
      <form className="card row" onSubmit={submit} aria-label="New token">
        <div className="field">
          <label htmlFor="token-name">Token name</label>
          <input
            id="token-name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            {...invalidProps('name', nameErrors)}
          />
          <FieldErrors path="name" errors={nameErrors} />
        </div>
        <div className="field">
          <label htmlFor="token-role">Role</label>
          <select
            id="token-role"
            value={role}
            onChange={(e) => setRole(e.target.value as TokenRole)}
          >
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="token-expires">Expires (optional)</label>
          <input
            id="token-expires"
            type="datetime-local"
            value={expires}
            onChange={(e) => setExpires(e.target.value)}
          />
        </div>
        <button type="submit" disabled={create.isPending}>
          Create token
        </button>
      </form>
      {errors.length === 0 && <ErrorMessage error={create.error} />}
      {created && (
        <div className="secret card" role="status">
          <p>
            Token <strong>{created.name}</strong> ({created.role}) created. Copy the secret now: it
            is shown only once and cannot be read again.
          </p>
          <code data-testid="token-secret">{created.token}</code>{' '}
          <CopyButton text={created.token} label="Copy secret" />
          <button type="button" className="secondary" onClick={() => create.reset()}>
            I have stored it
          </button>
        </div>
      )}
    </>
  );
}
