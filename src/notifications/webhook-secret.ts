import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** A new signing secret in Standard Webhooks' format: `whsec_` + base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/**
 * Keeps webhook secrets at rest. Unlike a token, a signing secret must be read back to sign, so
 * it cannot be hashed: with a key (WEBHOOK_SECRET_KEY) it is sealed with AES-256-GCM, so a copy
 * of the database alone does not let anyone forge deliveries; without one it is stored as it is,
 * tagged `plain:`, so a key can be configured later and both kinds still work.
 */
export class WebhookSecretBox {
  private readonly key?: Buffer;

  constructor(secretKey?: string) {
    if (secretKey !== undefined) {
      this.key = Buffer.from(
        hkdfSync('sha256', secretKey, '', 'hostaliases webhook secrets v1', 32),
      );
    }
  }

  get encrypts(): boolean {
    return this.key !== undefined;
  }

  seal(secret: string): string {
    if (!this.key) return `plain:${secret}`;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64'));
    return `aes256gcm:${parts.join(':')}`;
  }

  /** The secret, or an Error saying why it cannot be read (wrong or missing key). */
  open(stored: string): string | Error {
    if (stored.startsWith('plain:')) return stored.slice('plain:'.length);
    const [scheme, iv, tag, sealed] = stored.split(':');
    if (scheme !== 'aes256gcm' || iv === undefined || tag === undefined || sealed === undefined) {
      return new Error('webhook secret is stored in an unknown format');
    }
    if (!this.key)
      return new Error('webhook secret is encrypted but WEBHOOK_SECRET_KEY is not set');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      const plain = Buffer.concat([
        decipher.update(Buffer.from(sealed, 'base64')),
        decipher.final(),
      ]);
      return plain.toString('utf8');
    } catch {
      return new Error('webhook secret cannot be decrypted with WEBHOOK_SECRET_KEY');
    }
  }
}
