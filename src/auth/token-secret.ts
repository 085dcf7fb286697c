import { createHash, randomBytes } from 'node:crypto';

/** Recognisable prefix so secret scanners can find leaked tokens. */
export const TOKEN_PREFIX = 'hat_';

export function generateTokenSecret(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
