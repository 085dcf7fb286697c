import { startTestApp, type TestApp } from '../support/app';
import { given, uniqueName } from '../support/given';
import { WebhookReceiver } from '../support/webhook-receiver';
import { createWebhook, eventually } from '../support/webhooks';

/** SPEC 9 + 10: the expiry sweep is a writer like any other, so it notifies like one. */
describe('notifications of the expiry sweep', () => {
  const receiver = new WebhookReceiver();
  let t: TestApp;

  beforeAll(async () => {
    await receiver.start();
    t = await startTestApp({ EXPIRY_SWEEP_INTERVAL_MS: '200', WEBHOOK_POLL_MS: '100' });
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });

  it('sends alias_set.updated by the system actor, and resolution.changed to including sets', async () => {
    const team = await given(t).team();
    const hook = await createWebhook(t, team, {
      url: `${receiver.url}/expiry`,
      events: ['alias_set.updated', 'resolution.changed'],
    });
    receiver.expect('/expiry', hook.secret);
    const name = uniqueName('window');
    await given(t).aliasSet(team, name, {
      entries: [
        { ip: '10.0.0.1', hostnames: ['keep.remote'] },
        {
          ip: '10.0.0.2',
          hostnames: ['legacy.db'],
          expiresAt: new Date(Date.now() + 1500).toISOString(),
        },
      ],
    });
    await given(t).aliasSet(team, `${name}-app`, { entries: [], includes: [`${team}/${name}`] });
    // The creation's own event may reach the includer as resolution.changed too (the dispatcher
    // finds includers when it runs, and the includer may exist by then): wait for the sweep's.
    type Data = { version?: number; changed?: { version: number } };
    const sweep = (r: { payload: { type: string; data: Data } }) =>
      r.payload.data.version === 2 || r.payload.data.changed?.version === 2;
    const received = await eventually(
      () => Promise.resolve(receiver.delivered('/expiry').filter(sweep)),
      (found) => found.length >= 2,
      20_000,
    );
    const byType = Object.fromEntries(received.map((r) => [r.payload.type, r.payload.data]));
    expect(byType['alias_set.updated']).toMatchObject({
      set: `${team}/${name}`,
      version: 2,
      previousVersion: 1,
      actor: { type: 'system', name: 'system', team: null },
    });
    expect(byType['resolution.changed']).toMatchObject({
      set: `${team}/${name}-app`,
      changed: { set: `${team}/${name}`, version: 2, previousVersion: 1 },
    });
  });
});
