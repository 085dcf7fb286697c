import { generateWebhookSecret, WebhookSecretBox } from './webhook-secret';

describe('webhook secrets', () => {
  const secret = generateWebhookSecret();

  it('look like Standard Webhooks secrets', () => {
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(generateWebhookSecret()).not.toBe(secret);
  });

  it('are sealed with a key and opened with the same key only', () => {
    const box = new WebhookSecretBox('k'.repeat(32));
    const sealed = box.seal(secret);
    expect(sealed).toMatch(/^aes256gcm:/);
    expect(sealed).not.toContain(secret.slice(6));
    expect(box.open(sealed)).toBe(secret);
    expect(new WebhookSecretBox('x'.repeat(32)).open(sealed)).toEqual(
      new Error('webhook secret cannot be decrypted with WEBHOOK_SECRET_KEY'),
    );
    expect(new WebhookSecretBox().open(sealed)).toEqual(
      new Error('webhook secret is encrypted but WEBHOOK_SECRET_KEY is not set'),
    );
  });

  it('are stored as they are without a key, and still read once a key is configured', () => {
    const sealed = new WebhookSecretBox().seal(secret);
    expect(sealed).toBe(`plain:${secret}`);
    expect(new WebhookSecretBox('k'.repeat(32)).open(sealed)).toBe(secret);
  });
});
