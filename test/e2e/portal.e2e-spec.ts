import type { Browser, Page } from 'playwright-core';

import { startTestApp, type TestApp } from '../support/app';
import { accessibilityViolations, launchBrowser, openPortal, screenshot } from '../support/browser';
import { given, uniqueName } from '../support/given';

/**
 * The portal in a real headless Chromium against the built service and a real database: an
 * editor creates a set (fixing a validation error), previews it for a pod, reads the audit trail,
 * rolls back, and is told, not overwritten, when someone else changed the set meanwhile.
 */
describe('portal: an editor looks after a set', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let requests: string[];
  let team: string;
  let editor: string;
  const name = uniqueName('legacy');

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    team = await given(app).team(uniqueName('portal'));
    editor = await given(app).token(team, 'editor');
    ({ page, requests } = await openPortal(browser, app.baseUrl));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const rest = (path: string) => app.http().get(path).set('authorization', `Bearer ${editor}`);

  it('signs in with a token, by keyboard alone', async () => {
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    await page.keyboard.press('Tab');
    await expect(page.evaluate('document.activeElement.id')).resolves.toBe('token');
    await page.keyboard.type(editor);
    await page.keyboard.press('Enter');
    await page.getByTestId('who').waitFor();
    await expect(page.getByTestId('who').textContent()).resolves.toContain(`${team}, editor`);
  });

  it('shows the API validation errors beside the fields, then creates the set once fixed', async () => {
    await page.getByRole('link', { name: 'New set' }).click();
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('IP address').fill('10.0.0.300');
    await page.getByLabel('Hostnames').fill('legacy.db Bad_Host');
    await page.getByRole('button', { name: 'Create set' }).click();

    const ipErrors = page.locator('#error-entries-0-ip');
    await expect(ipErrors.textContent()).resolves.toContain('must be a valid IP address');
    await expect(page.locator('#error-entries-0-hostnames').textContent()).resolves.toContain(
      'entries[0].hostnames[1]',
    );
    await expect(page.getByLabel('IP address').getAttribute('aria-invalid')).resolves.toBe('true');
    await screenshot(page, 'validation-errors');
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    await rest(`/api/v1/alias-sets/${team}/${name}`).expect(404);

    await page.getByLabel('IP address').fill('10.1.2.3');
    await page.getByLabel('Hostnames').fill('legacy.db legacy-db.internal');
    await page.getByRole('button', { name: 'Create set' }).click();
    await page.getByRole('heading', { name: `${team}/${name}` }).waitFor();
    await expect(page.getByTestId('version').textContent()).resolves.toBe('1');
  });

  it('saves an edit with the version it started from', async () => {
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByLabel('IP address').fill('10.1.2.4');
    await page.getByRole('button', { name: 'Check impact (dry run)' }).click();
    await expect(page.getByTestId('impact').textContent()).resolves.toContain(
      'legacy.db: 10.1.2.3 → 10.1.2.4',
    );
    await rest(`/api/v1/alias-sets/${team}/${name}`).expect(200).expect('etag', '"1"');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByTestId('version').filter({ hasText: '2' }).waitFor();
    const stored = await rest(`/api/v1/alias-sets/${team}/${name}`).expect(200);
    expect(stored.headers.etag).toBe('"2"');
    expect(stored.body.entries).toEqual([
      { ip: '10.1.2.4', hostnames: ['legacy.db', 'legacy-db.internal'] },
    ]);
  });

  it('previews the hosts file for a pod, byte for byte what REST renders', async () => {
    await page.getByRole('link', { name: 'Preview for a pod' }).click();
    await page.getByLabel('Pod name').fill('web-0');
    await page.getByLabel('Pod IPs').fill('10.200.0.5');
    await page.getByRole('button', { name: 'Preview' }).click();
    const hosts = page.getByTestId('hosts-file');
    await hosts
      .waitFor({ timeout: 3000 })
      .catch(async () => console.log(await page.locator('main').innerText()));
    const rendered = await rest(
      `/api/v1/render/hosts?sets=${team}/${name}&podName=web-0&podIP=10.200.0.5`,
    ).expect(200);
    await expect(hosts.textContent()).resolves.toBe(rendered.text);
    await expect(page.getByTestId('patch').textContent()).resolves.toContain('"hostAliases"');
    await screenshot(page, 'preview');
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
  });

  it('shows the changes in the audit trail', async () => {
    await page.getByRole('link', { name: `${team}/${name}` }).click();
    await page.getByRole('link', { name: 'Audit trail' }).last().click();
    const table = page.getByTestId('audit-table');
    await table
      .waitFor({ timeout: 3000 })
      .catch(async () => console.log(await page.locator('main').innerText()));
    const rows = await table.locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('alias_set.update');
    expect(rows[0]).toContain(`${team}/${name}`);
    expect(rows[0]).toContain('graphql');
    expect(rows[1]).toContain('alias_set.create');
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
  });

  it('diffs two versions and rolls back to the first', async () => {
    await page.goto(`/#/sets/${team}/${name}/revisions`);
    await page.getByRole('button', { name: 'Changes in v2' }).click();
    await expect(page.getByTestId('diff').textContent()).resolves.toContain('10.1.2.3 → 10.1.2.4');
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    await page.getByRole('button', { name: 'Roll back to v1' }).click();
    await page.getByRole('status').filter({ hasText: 'now at version 3' }).waitFor();
    const stored = await rest(`/api/v1/alias-sets/${team}/${name}`).expect(200);
    expect(stored.body.version).toBe(3);
    expect(stored.body.entries[0].ip).toBe('10.1.2.3');
  });

  it('surfaces a 412 when another client changed the set meanwhile, and overwrites nothing', async () => {
    await page.goto(`/#/sets/${team}/${name}/edit`);
    await page.getByLabel('Description').fill('edited in the portal');
    // Someone else saves version 4 while the form is open on version 3.
    await app
      .http()
      .put(`/api/v1/alias-sets/${team}/${name}`)
      .set('authorization', `Bearer ${editor}`)
      .set('if-match', '"3"')
      .send({
        description: 'changed by a pipeline',
        entries: [{ ip: '10.9.9.9', hostnames: ['legacy.db'] }],
      })
      .expect(200);
    await page.getByRole('button', { name: 'Save changes' }).click();
    const stale = page.getByTestId('stale-version');
    await stale.waitFor();
    await expect(stale.textContent()).resolves.toContain('412 PRECONDITION_FAILED');
    await expect(stale.textContent()).resolves.toContain('now at version 4');
    await screenshot(page, 'stale-version');
    const stored = await rest(`/api/v1/alias-sets/${team}/${name}`).expect(200);
    expect(stored.body.description).toBe('changed by a pipeline');

    await page.getByRole('button', { name: /Load the current version/ }).click();
    await page.getByText('(version 4)').waitFor();
    await expect(page.getByLabel('Description').inputValue()).resolves.toBe(
      'changed by a pipeline',
    );
  });

  it('sets an expiry on an entry and shows it on the set', async () => {
    await page.goto(`/#/sets/${team}/${name}/edit`);
    await page.getByLabel('Expires').fill('2099-01-31T00:00:00Z');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByTestId('version').filter({ hasText: '5' }).waitFor();
    const stored = await rest(`/api/v1/alias-sets/${team}/${name}`).expect(200);
    expect(stored.body.entries[0].expiresAt).toBe('2099-01-31T00:00:00.000Z');
    await expect(page.locator('table').first().textContent()).resolves.toContain('2099');
  });

  it('loaded everything from the service itself', () => {
    const foreign = requests.filter((url) => !url.startsWith(app.baseUrl));
    expect(foreign).toEqual([]);
    expect(requests.length).toBeGreaterThan(5);
  });
});
