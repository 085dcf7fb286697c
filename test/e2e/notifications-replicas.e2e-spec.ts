import { startTestApp, type TestApp } from '../support/app';
import { given, uniqueName } from '../support/given';
import { WebhookReceiver } from '../support/webhook-receiver';
import { createWebhook, deliveriesOf, eventually } from '../support/webhooks';

const FAST = { WEBHOOK_RETRY_BASE_MS: '300', WEBHOOK_POLL_MS: '100', WEBHOOK_TIMEOUT_MS: '1000' };

describe('notifications with several replicas and restarts', () => {
  const receiver = new WebhookReceiver();

  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());

  it('two instances on one database deliver each event exactly once', async () => {
    const [a, b] = await Promise.all([startTestApp(FAST), startTestApp(FAST)]);
    try {
      const team = await given(a).team();
      const hook = await createWebhook(a, team, {
        url: `${receiver.url}/replicas`,
        events: ['alias_set.created', 'alias_set.updated'],
      });
      receiver.expect('/replicas', hook.secret);
      const name = uniqueName('shared');
      const writes = 20;
      for (let i = 0; i < writes; i++) {
        // Alternate replicas, so both dispatch and both send.
        await given(i % 2 === 0 ? a : b).aliasSet(team, name, {
          entries: [{ ip: `10.0.0.${i + 1}`, hostnames: ['x.remote'] }],
        });
      }
      await receiver.waitFor('/replicas', writes);
      // Give a duplicate every chance to show up.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const received = receiver.at('/replicas');
      expect(received).toHaveLength(writes);
      expect(new Set(received.map((r) => r.headers['webhook-id'])).size).toBe(writes);
      expect(
        received.map((r) => r.payload.data.version).sort((x, y) => Number(x) - Number(y)),
      ).toEqual(Array.from({ length: writes }, (_, i) => i + 1));
      const log = await deliveriesOf(a, team, hook.id);
      expect(log.every((d) => d.status === 'succeeded' && d.attempts === 1)).toBe(true);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('a service restarted while deliveries are pending delivers them after the restart', async () => {
    let app: TestApp = await startTestApp(FAST);
    let team = '';
    let hookId = '';
    try {
      team = await given(app).team();
      const hook = await createWebhook(app, team, {
        url: `${receiver.url}/restart`,
        events: ['alias_set.created'],
      });
      hookId = hook.id;
      receiver.expect('/restart', hook.secret);
      // The receiver is down (503) while the service runs: the deliveries stay pending.
      receiver.behave('/restart', ...Array<number>(50).fill(503));
      await given(app).aliasSet(team, 'one', { entries: [] });
      await given(app).aliasSet(team, 'two', { entries: [] });
      await eventually(
        () => deliveriesOf(app, team, hookId),
        (log) => log.length === 2 && log.every((d) => d.attempts >= 1),
      );
    } finally {
      await app.close();
    }
    receiver.behave('/restart');
    expect(receiver.delivered('/restart')).toEqual([]);
    expect(receiver.at('/restart').length).toBeGreaterThanOrEqual(2);

    app = await startTestApp(FAST);
    try {
      const received = await receiver.waitFor('/restart', 2);
      expect(received.map((r) => r.payload.data.set).sort()).toEqual([
        `${team}/one`,
        `${team}/two`,
      ]);
      const log = await eventually(
        () => deliveriesOf(app, team, hookId),
        (items) => items.every((d) => d.status === 'succeeded'),
      );
      expect(log.map((d) => d.status)).toEqual(['succeeded', 'succeeded']);
      expect(log.every((d) => d.attemptLog[0].statusCode === 503)).toBe(true);
    } finally {
      await app.close();
    }
  });
});
