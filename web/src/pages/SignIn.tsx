import { useState, type FormEvent } from 'react';

/** Sign in with an API token; nothing is sent until the `me` query that follows. */
export function SignIn({ onSignIn }: { onSignIn: (token: string) => void }) {
  const [token, setToken] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (token.trim()) onSignIn(token.trim());
  };
  return (
    <main className="page narrow">
      <h1>hostaliases registry</h1>
      <form onSubmit={submit} className="card">
        <h2>Sign in</h2>
        <label htmlFor="token">API token</label>
        <input
          id="token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={token}
          onChange={(event) => setToken(event.target.value)}
          required
        />
        <button type="submit">Sign in</button>
        <p className="hint">
          The token is kept in this tab only (session storage) and sent as{' '}
          <code>Authorization: Bearer …</code>; signing out or closing the tab forgets it.
        </p>
      </form>
      <section aria-labelledby="dev-token">
        <h2 id="dev-token">Where do I get a token?</h2>
        <p>
          A team admin creates tokens for the team on the <em>Tokens</em> page (the secret is shown
          once).
        </p>
        <p>
          In development, <code>npm start</code> without <code>DATABASE_URL</code> runs an embedded
          PostgreSQL and writes a super-user token to <code>.data/admin-token</code> in the project
          folder. Paste the output of <code>cat .data/admin-token</code> here, create a team and a
          token for it (the <code>createTeam</code> mutation in the GraphQL explorer, then the
          Tokens page), and sign in with that token to see the portal as the team does.
        </p>
      </section>
    </main>
  );
}
