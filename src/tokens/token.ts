import type { TokenRole } from '../auth/actor';

export interface ApiToken {
  id: string;
  teamId: number;
  teamSlug: string;
  name: string;
  role: TokenRole;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}
