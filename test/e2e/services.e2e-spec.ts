import { uniqueName } from '../support/given';
import { ServiceError, type Services, startServices } from '../support/services';

/**
 * The services' rules against the real database, without the HTTP server: write decisions,
 * policy and revisions, called as the controllers and resolvers call them.
 */
const admin = { actor: { kind: 'admin' }, via: 'rest', requestId: 'services-spec' };

function tokenOf(team: string, role: 'reader' | 'editor' | 'admin') {
  const actor = {
    kind: 'token',
    tokenId: `tok-${team}-${role}`,
    tokenName: role,
    teamId: 0,
    teamSlug: team,
    role,
  };
  return { actor, via: 'graphql', requestId: 'services-spec' };
}

const entries = (ip: string, hostname: string) => [{ ip, hostnames: [hostname] }];

interface WriteResult {
  set: { version: number; includes: string[]; entries: unknown[] };
  created: boolean;
  changed: boolean;
}

describe('services against PostgreSQL, without HTTP', () => {
  let services: Services;
  let team: string;
  let other: string;
  const sets = {
    put: (ctx: object, name: string, body: object, expected?: number, owner = team) =>
      services.call<WriteResult>(
        'AliasSetsService',
        'put',
        ctx,
        { team: owner, name },
        body,
        expected,
      ),
  };

  /** The ServiceError `run` rejects with. */
  async function refused(run: Promise<unknown>): Promise<ServiceError> {
    const error: unknown = await run.then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!(error instanceof ServiceError))
      throw new Error(`expected a refusal, got ${String(error)}`);
    return error;
  }

  beforeAll(async () => {
    services = await startServices();
    team = uniqueName('svc');
    other = uniqueName('svc-other');
    for (const slug of [team, other]) {
      await services.call('TeamsService', 'create', admin, { slug, name: slug });
    }
  });
  afterAll(() => services.close());

  describe('write decisions', () => {
    it('creates, keeps identical content at its version, and bumps the version on change', async () => {
      const first = await sets.put(admin, 'plain', { entries: entries('10.0.0.1', 'a.local') });
      expect(first).toMatchObject({ created: true, changed: true, set: { version: 1 } });
      const same = await sets.put(admin, 'plain', { entries: entries('10.0.0.1', 'a.local') });
      expect(same).toMatchObject({ created: false, changed: false, set: { version: 1 } });
      const changed = await sets.put(
        admin,
        'plain',
        { entries: entries('10.0.0.2', 'a.local') },
        1,
      );
      expect(changed).toMatchObject({ created: false, changed: true, set: { version: 2 } });
    });

    it('refuses a taken name, a stale version and an update of a missing set', async () => {
      await sets.put(admin, 'taken', { entries: entries('10.0.0.1', 'b.local') });
      const ref = { team, name: 'taken' };
      const body = { entries: entries('10.0.0.9', 'b.local') };
      const taken = await refused(services.call('AliasSetsService', 'create', admin, ref, body));
      expect(taken.code).toBe('CONFLICT');
      const stale = await refused(sets.put(admin, 'taken', body, 7));
      expect(stale).toMatchObject({ code: 'STALE_VERSION', details: { currentVersion: 1 } });
      const missing = { team, name: 'never-made' };
      const update = services.call('AliasSetsService', 'update', admin, missing, body, undefined);
      expect((await refused(update)).code).toBe('NOT_FOUND');
    });

    it('refuses an include cycle, and deleting a set others include', async () => {
      await sets.put(admin, 'leaf', { entries: entries('10.0.1.1', 'leaf.local') });
      await sets.put(admin, 'top', { entries: [], includes: [`${team}/leaf`] });
      const cycle = await refused(
        sets.put(admin, 'leaf', {
          entries: entries('10.0.1.1', 'leaf.local'),
          includes: [`${team}/top`],
        }),
      );
      expect(cycle).toMatchObject({
        code: 'CYCLE',
        details: { cycle: [`${team}/leaf`, `${team}/top`, `${team}/leaf`] },
      });
      const ref = { team, name: 'leaf' };
      const included = await refused(
        services.call('AliasSetsService', 'delete', admin, ref, undefined),
      );
      expect(included).toMatchObject({
        code: 'CONFLICT',
        details: { dependents: [`${team}/top`], hiddenDependents: 0 },
      });
    });
  });

  describe('policy', () => {
    it('lets editors write their team, not readers nor other teams', async () => {
      const body = { entries: entries('10.0.2.1', 'p.local') };
      expect((await refused(sets.put(tokenOf(team, 'reader'), 'by-reader', body))).code).toBe(
        'FORBIDDEN',
      );
      await expect(sets.put(tokenOf(team, 'editor'), 'by-editor', body)).resolves.toMatchObject({
        created: true,
      });
      // Another team's set is not even confirmed to exist when private.
      expect((await refused(sets.put(tokenOf(other, 'editor'), 'by-editor', body))).code).toBe(
        'NOT_FOUND',
      );
    });

    it('shows a private set to its own team only, a shared set to every team', async () => {
      await sets.put(admin, 'private', { entries: entries('10.0.3.1', 'x.local') });
      await sets.put(admin, 'public', { entries: entries('10.0.3.2', 'y.local'), shared: true });
      const get = (ctx: { actor: object }, name: string) =>
        services.call('AliasSetsService', 'get', ctx.actor, { team, name });
      await expect(get(tokenOf(team, 'reader'), 'private')).resolves.toMatchObject({
        name: 'private',
      });
      expect((await refused(get(tokenOf(other, 'reader'), 'private'))).code).toBe('NOT_FOUND');
      await expect(get(tokenOf(other, 'reader'), 'public')).resolves.toMatchObject({
        shared: true,
      });
    });
  });

  describe('revisions', () => {
    it('rolls back to an old version as a new version, audited as a rollback', async () => {
      await sets.put(admin, 'history', { entries: entries('10.0.4.1', 'h.local') });
      await sets.put(admin, 'history', { entries: entries('10.0.4.2', 'h.local') });
      const ref = { team, name: 'history' };
      const rolled = await services.call<WriteResult>(
        'RevisionsService',
        'rollback',
        admin,
        ref,
        1,
        2,
      );
      expect(rolled).toMatchObject({
        changed: true,
        set: { version: 3, entries: entries('10.0.4.1', 'h.local') },
      });
      const page = await services.call<{ items: { version: number }[] }>(
        'RevisionsService',
        'list',
        admin.actor,
        ref,
        {},
      );
      expect(page.items.map((revision) => revision.version)).toEqual([3, 2, 1]);
      const events = await services.call<{ items: { action: string; version: number }[] }>(
        'AuditService',
        'list',
        admin.actor,
        { set: `${team}/history` },
      );
      expect(events.items.map((event) => [event.action, event.version])).toEqual([
        ['alias_set.rollback', 3],
        ['alias_set.update', 2],
        ['alias_set.create', 1],
      ]);
    });
  });
});
