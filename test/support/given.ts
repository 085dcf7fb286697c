import { randomBytes } from 'node:crypto';

import { ADMIN_TOKEN, type TestApp } from './app';

export interface AliasSetInput {
  description?: string;
  shared?: boolean;
  entries: { ip: string; hostnames: string[]; clusters?: string[]; expiresAt?: string }[];
  includes?: string[];
}

/** A name no other test file will use, so files can run in parallel and in any order. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/** Small factories over the real API, so tests read as the scenario they set up. */
export function given(t: TestApp) {
  const admin = `Bearer ${ADMIN_TOKEN}`;
  return {
    async team(slug = uniqueName('team')): Promise<string> {
      await t
        .http()
        .post('/api/v1/teams')
        .set('authorization', admin)
        .send({ slug, name: slug })
        .expect(201);
      return slug;
    },
    async cluster(name = uniqueName('cluster')): Promise<string> {
      await t
        .http()
        .post('/api/v1/clusters')
        .set('authorization', admin)
        .send({ name })
        .expect(201);
      return name;
    },
    /** A token of the team with this role; returns the secret. */
    async token(team: string, role: 'reader' | 'editor' | 'admin'): Promise<string> {
      const response = await t
        .http()
        .post(`/api/v1/teams/${team}/tokens`)
        .set('authorization', admin)
        .send({ name: uniqueName(role), role })
        .expect(201);
      return (response.body as { token: string }).token;
    },
    async aliasSet(team: string, name: string, body: AliasSetInput): Promise<{ version: number }> {
      const response = await t
        .http()
        .put(`/api/v1/alias-sets/${team}/${name}`)
        .set('authorization', admin)
        .send(body);
      if (response.status !== 201 && response.status !== 200) {
        throw new Error(
          `given.aliasSet failed: ${response.status} ${JSON.stringify(response.body)}`,
        );
      }
      return response.body as { version: number };
    },
  };
}
