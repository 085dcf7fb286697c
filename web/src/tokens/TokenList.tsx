import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { execute } from '../api/client';
import { revokeTokenMutation, tokensQuery } from '../api/operations';
import { ErrorMessage } from '../components/ErrorMessage';

const when = (value: string | null | undefined) => (value ? new Date(value).toLocaleString() : '—');

export function TokenList({ team }: { team: string }) {
  const queryClient = useQueryClient();
  const tokens = useQuery({
    queryKey: ['tokens', team],
    queryFn: () => execute(tokensQuery, { team }),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => execute(revokeTokenMutation, { team, id }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tokens', team] }),
  });
  if (tokens.isPending) return <p>Loading…</p>;
  if (tokens.isError) return <ErrorMessage error={tokens.error} />;
  return (
    <>
      <ErrorMessage error={revoke.error} />
      <table data-testid="tokens">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Expires</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {tokens.data.tokens.map((token) => (
            <tr key={token.id}>
              <td>{token.name}</td>
              <td>{token.role}</td>
              <td>{when(token.createdAt)}</td>
              <td>{when(token.lastUsedAt)}</td>
              <td>{when(token.expiresAt)}</td>
              <td>
                {token.revokedAt ? (
                  `revoked ${when(token.revokedAt)}`
                ) : (
                  <button
                    className="secondary"
                    disabled={revoke.isPending}
                    onClick={() => revoke.mutate(token.id)}
                  >
                    Revoke {token.name}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
