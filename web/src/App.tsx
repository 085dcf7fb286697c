import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { Router } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';

import { execute, setUnauthenticatedHandler } from './api/client';
import { MeContext } from './api/me';
import { meQuery } from './api/operations';
import { clearToken, readToken, storeToken } from './api/session';
import { ErrorMessage } from './components/ErrorMessage';
import { Layout } from './Layout';
import { Routes } from './Routes';
import { SignIn } from './pages/SignIn';

export function App() {
  const queryClient = useQueryClient();
  const [token, setToken] = useState(readToken);
  const signOut = useCallback(() => {
    clearToken();
    queryClient.clear();
    setToken(null);
  }, [queryClient]);
  useEffect(() => setUnauthenticatedHandler(signOut), [signOut]);

  const me = useQuery({
    queryKey: ['me', token],
    queryFn: () => execute(meQuery),
    enabled: token !== null,
  });

  if (token === null) {
    return (
      <SignIn
        onSignIn={(value) => {
          storeToken(value);
          setToken(value);
        }}
      />
    );
  }
  if (me.isPending) return <p className="page">Signing in…</p>;
  if (me.isError) {
    return (
      <main className="page">
        <ErrorMessage error={me.error} />
        <button onClick={signOut}>Sign out</button>
      </main>
    );
  }
  return (
    <MeContext.Provider value={me.data.me}>
      <Router hook={useHashLocation}>
        <Layout onSignOut={signOut}>
          <Routes />
        </Layout>
      </Router>
    </MeContext.Provider>
  );
}
