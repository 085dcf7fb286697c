import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';

import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { readToken } from './api/session';

// The explorer at GET /graphql, served by the service with no CDN. It sends the token the portal
// signed in with in this tab; without one, add an Authorization header in the Headers tab.
const token = readToken();
const fetcher = createGraphiQLFetcher({ url: '/graphql' });
const headers = token ? JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2) : undefined;

const root = document.getElementById('graphiql');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <GraphiQL
        fetcher={fetcher}
        defaultHeaders={headers}
        defaultQuery={
          '# Operations of the hostaliases registry; Docs (left) lists them all.\n{\n  me {\n    kind\n    team\n    role\n  }\n}\n'
        }
      />
    </StrictMode>,
  );
}
