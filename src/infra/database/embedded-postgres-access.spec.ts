import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { firstDirectoryDenied, systemUser, type DirectoryMode } from './embedded-postgres-access';

const postgres = { name: 'postgres', uid: 100, gid: 101 };
const root = (mode: number): DirectoryMode => ({ mode, uid: 0, gid: 0 });

describe('firstDirectoryDenied', () => {
  const open = { '/': root(0o755), '/srv': root(0o755) };
  it.each<[string, string, Record<string, DirectoryMode>, string | undefined]>([
    ['every directory open to others', '/srv/app', { ...open, '/srv/app': root(0o755) }, undefined],
    [
      'a clone under /root (mode 700)',
      '/root/app/.data',
      { '/': root(0o755), '/root': root(0o700), '/root/app': root(0o755) },
      '/root',
    ],
    [
      'a mktemp -d folder (mode 700)',
      '/tmp/tmp.x/pg',
      { '/': root(0o755), '/tmp': root(0o1777), '/tmp/tmp.x': root(0o700) },
      '/tmp/tmp.x',
    ],
    [
      'owned by the user, who may enter',
      '/srv/app/pg',
      { ...open, '/srv/app': { mode: 0o700, uid: 100, gid: 0 } },
      undefined,
    ],
    [
      'its group may enter',
      '/srv/app/pg',
      { ...open, '/srv/app': { mode: 0o750, uid: 0, gid: 101 } },
      undefined,
    ],
    [
      'owned by the user, without x for the owner',
      '/srv/app/pg',
      { ...open, '/srv/app': { mode: 0o077, uid: 100, gid: 0 } },
      '/srv/app',
    ],
    ['a directory that does not exist yet ends the walk', '/srv/new/pg', open, undefined],
  ])('%s', (_case, path, tree, denied) => {
    expect(firstDirectoryDenied(path, postgres, (dir) => tree[dir])?.dir).toBe(denied);
  });
});

describe('systemUser', () => {
  it('reads a user from a passwd file, and undefined for a missing user or file', () => {
    const file = join(tmpdir(), `passwd-${process.pid}`);
    writeFileSync(
      file,
      'root:x:0:0:root:/root:/bin/bash\npostgres:x:105:109::/var/lib/postgresql:/bin/bash\n',
    );
    expect(systemUser('postgres', file)).toEqual({ name: 'postgres', uid: 105, gid: 109 });
    expect(systemUser('nobody-here', file)).toBeUndefined();
    expect(systemUser('postgres', join(tmpdir(), 'no-such-passwd'))).toBeUndefined();
  });
});
