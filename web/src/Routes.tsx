import { Route, Switch } from 'wouter';

import { AuditPage } from './pages/AuditPage';
import { EditSetPage, NewSetPage } from './pages/EditSetPage';
import { PreviewPage } from './pages/PreviewPage';
import { RevisionsPage } from './pages/RevisionsPage';
import { SetPage } from './pages/SetPage';
import { SetsPage } from './pages/SetsPage';
import { TokensPage } from './pages/TokensPage';
import { WebhooksPage } from './pages/WebhooksPage';

/** Hash routes (#/sets/a/b): the service serves one page at /, so deep links need no fallback. */
export function Routes() {
  return (
    <Switch>
      <Route path="/" component={SetsPage} />
      <Route path="/new" component={NewSetPage} />
      <Route path="/sets/:team/:name" component={SetPage} />
      <Route path="/sets/:team/:name/edit" component={EditSetPage} />
      <Route path="/sets/:team/:name/preview" component={PreviewPage} />
      <Route path="/sets/:team/:name/revisions" component={RevisionsPage} />
      <Route path="/sets/:team/:name/audit" component={AuditPage} />
      <Route path="/audit" component={AuditPage} />
      <Route path="/tokens" component={TokensPage} />
      <Route path="/webhooks" component={WebhooksPage} />
      <Route>
        <h1>Not found</h1>
        <p>There is no page at this address.</p>
      </Route>
    </Switch>
  );
}
