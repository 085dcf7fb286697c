import type { Browser, Page } from 'playwright-core';

import { startTestApp, type TestApp } from '../support/app';
import {
  accessibilityViolations,
  launchBrowser,
  openPortal,
  screenshot,
  signIn,
} from '../support/browser';
import { given, uniqueName } from '../support/given';

/**
 * What each role sees in the portal: a reader gets no edit controls, an admin manages the team's
 * tokens, and no one is ever shown another team's private set. Plus how the page is served.
 */
describe('portal: roles, visibility and serving', () => {
  let app: TestApp;
  let browser: Browser;
  let team: string;
  let other: string;
  const mine = uniqueName('mine');
  const secret = uniqueName('secret');
  const open = uniqueName('open');

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    const make = given(app);
    [team, other] = await Promise.all([make.team(uniqueName('acc')), make.team(uniqueName('oth'))]);
    await make.aliasSet(other, secret, { entries: [{ ip: '10.3.0.2', hostnames: ['s.local'] }] });
    await make.aliasSet(other, open, {
      shared: true,
      entries: [{ ip: '10.3.0.3', hostnames: ['open.local'] }],
    });
    await make.aliasSet(team, mine, {
      includes: [`${other}/${open}`],
      entries: [{ ip: '10.3.0.1', hostnames: ['mine.local'] }],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function signedIn(role: 'reader' | 'editor' | 'admin'): Promise<Page> {
    const { page } = await openPortal(browser, app.baseUrl);
    await signIn(page, await given(app).token(team, role));
    return page;
  }

  // Other test files share the database: search, so the first page is about this file's sets.
  const search = async (page: Page, text: string) => {
    await page.getByLabel('Search').fill(text);
    await page.locator(`[data-search="${text}"]`).first().waitFor();
    return page.locator(`table[data-search="${text}"] tbody tr td:first-child`).allTextContents();
  };

  it('a reader reads its own and shared sets, with no edit controls', async () => {
    const page = await signedIn('reader');
    await expect(search(page, mine)).resolves.toEqual([`${team}/${mine}`]);
    await expect(search(page, open)).resolves.toEqual([`${other}/${open}`]);
    await expect(search(page, secret)).resolves.toEqual([]);
    await expect(page.getByRole('link', { name: 'New set' }).count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: 'Tokens' }).count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: 'Webhooks' }).count()).resolves.toBe(0);

    await search(page, mine);
    await page.getByRole('link', { name: `${team}/${mine}` }).click();
    await page.getByTestId('version').waitFor();
    await expect(page.getByRole('link', { name: 'Edit' }).count()).resolves.toBe(0);
    await page.getByRole('link', { name: 'Revisions' }).click();
    await page.getByTestId('current-version').waitFor();
    await expect(page.getByRole('button', { name: /Roll back/ }).count()).resolves.toBe(0);

    // The shared set it includes names it as a dependent.
    await page.goto(`/#/sets/${other}/${open}`);
    await expect(page.getByTestId('dependents').textContent()).resolves.toContain(
      `${team}/${mine}`,
    );
  });

  it("never shows another team's private set, not even by its address", async () => {
    const page = await signedIn('editor');
    await expect(search(page, secret)).resolves.toEqual([]);
    await page.getByText('No sets match.').waitFor();
    await page.goto(`/#/sets/${other}/${secret}`);
    const error = page.getByRole('alert');
    await error.waitFor();
    await expect(error.textContent()).resolves.toContain('NOT_FOUND');
    await expect(page.getByText('s.local').count()).resolves.toBe(0);
  });

  it('an editor can edit its own sets but not a shared set of another team', async () => {
    const page = await signedIn('editor');
    await page.goto(`/#/sets/${team}/${mine}`);
    await page.getByRole('link', { name: 'Edit' }).waitFor();
    await page.goto(`/#/sets/${other}/${open}`);
    await page.getByTestId('version').waitFor();
    await expect(page.getByRole('link', { name: 'Edit' }).count()).resolves.toBe(0);
  });

  it('an admin creates a token, sees its secret once, and revokes it', async () => {
    const page = await signedIn('admin');
    await page.getByRole('link', { name: 'Tokens' }).click();
    await page.getByLabel('Token name').fill('deploy-pipeline');
    await page.getByLabel('Role').selectOption('editor');
    await page.getByRole('button', { name: 'Create token' }).click();
    const secretText = await page.getByTestId('token-secret').textContent();
    expect(secretText).toMatch(/^hat_/);
    await screenshot(page, 'tokens');
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    await app
      .http()
      .get('/api/v1/alias-sets')
      .set('authorization', `Bearer ${secretText}`)
      .expect(200);

    await page.getByRole('button', { name: 'I have stored it' }).click();
    await page.getByTestId('token-secret').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Revoke deploy-pipeline' }).click();
    await page
      .getByTestId('tokens')
      .getByText(/^revoked/)
      .waitFor();
    await app
      .http()
      .get('/api/v1/alias-sets')
      .set('authorization', `Bearer ${secretText}`)
      .expect(401);
  });

  it('an admin adds a webhook, sees its signing secret once, and deletes it', async () => {
    const page = await signedIn('admin');
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByLabel('URL').fill('ftp://hooks.example.com/registry');
    await page.getByRole('button', { name: 'Create webhook' }).click();
    await expect(page.locator('#error-url').textContent()).resolves.toContain('http or https');

    await page.getByLabel('URL').fill('https://hooks.example.com/registry');
    await page.getByRole('button', { name: 'Create webhook' }).click();
    await expect(page.getByTestId('webhook-secret').textContent()).resolves.toMatch(/^whsec_/);
    await page
      .getByTestId('webhooks')
      .getByText('https://hooks.example.com/registry', { exact: true })
      .waitFor();
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    await page.getByRole('button', { name: 'I have stored it' }).click();
    await page.getByTestId('webhook-secret').waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Delete https://hooks.example.com/registry' }).click();
    await page.getByText('No webhooks yet.').waitFor();
  });

  it('signing out forgets the token', async () => {
    const page = await signedIn('reader');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API token').waitFor();
    await expect(page.evaluate('Object.keys(sessionStorage)')).resolves.toEqual([]);
  });

  it('serves the explorer for a browser at /graphql, operations still work there', async () => {
    const page = await signedIn('reader');
    await page.getByRole('link', { name: 'GraphQL explorer' }).click();
    await page.locator('.graphiql-container').waitFor();
    await expect(page.title()).resolves.toContain('GraphQL explorer');
    const response = await app
      .http()
      .get('/graphql')
      .query({ query: '{ __typename }' })
      .set('accept', 'application/json')
      .set('apollo-require-preflight', 'true')
      .set('authorization', 'Bearer test-admin-token-0123456789');
    expect(response.body).toEqual({ data: { __typename: 'Query' } });
  });

  it('serves the page no-cache and its hashed assets immutable', async () => {
    const index = await app.http().get('/').expect(200);
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.headers['content-type']).toContain('text/html');
    const assets = [...index.text.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThan(1);
    for (const asset of assets) {
      const response = await fetch(`${app.baseUrl}${asset}`, {
        headers: { 'accept-encoding': 'br, gzip' },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      // Built with .br copies: a browser that accepts Brotli gets the small one.
      expect(response.headers.get('content-encoding')).toBe('br');
    }
    // Unknown paths are still the API's problem+json 404, not the page.
    const missing = await app.http().get('/no-such-page').expect(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
  });

  it('accepts an explicit null cursor (first page), as GraphQL clients send it', async () => {
    const response = await app.graphql('{ auditEvents(cursor: null, limit: 1) { nextCursor } }');
    expect(response.errors).toBeUndefined();
  });
});
