import type { ReactNode } from 'react';
import { Link } from 'wouter';

import { canManageTokens, canManageWebhooks, describeMe, useMe } from './api/me';

export function Layout({ children, onSignOut }: { children: ReactNode; onSignOut: () => void }) {
  const me = useMe();
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <strong className="brand">hostaliases registry</strong>
        <nav aria-label="Main">
          <Link href="/">Sets</Link>
          <Link href="/audit">Audit trail</Link>
          {canManageTokens(me) && <Link href="/tokens">Tokens</Link>}
          {canManageWebhooks(me) && <Link href="/webhooks">Webhooks</Link>}
          {/* A full page load: the explorer is its own page, served by the service. */}
          <a href="/graphql">GraphQL explorer</a>
        </nav>
        <span className="who">
          Signed in as <span data-testid="who">{describeMe(me)}</span>
        </span>
        <button onClick={onSignOut}>Sign out</button>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
