import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface SystemUser {
  name: string;
  uid: number;
  gid: number;
}

export interface DirectoryMode {
  mode: number;
  uid: number;
  gid: number;
}

/**
 * PostgreSQL refuses to run as root, so as root the embedded server runs as the `postgres` user,
 * which must be able to enter every directory above its binaries and its data. Returns the first
 * directory (from `/` down) that `user` cannot enter, judged by the mode bits (no ACLs, no
 * supplementary groups), or undefined when every one can be entered or does not exist yet.
 */
export function firstDirectoryDenied(
  path: string,
  user: SystemUser,
  stat: (dir: string) => DirectoryMode | undefined,
): { dir: string; mode: DirectoryMode } | undefined {
  const chain: string[] = [];
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    chain.unshift(dir);
    if (dirname(dir) === dir) break;
  }
  for (const dir of chain) {
    const mode = stat(dir);
    if (!mode) return undefined;
    const bit = mode.uid === user.uid ? 0o100 : mode.gid === user.gid ? 0o010 : 0o001;
    if ((mode.mode & bit) === 0) return { dir, mode };
  }
  return undefined;
}

/** The system user called `name`, from /etc/passwd; undefined when there is none. */
export function systemUser(name: string, passwd = '/etc/passwd'): SystemUser | undefined {
  let text: string;
  try {
    text = readFileSync(passwd, 'utf8');
  } catch {
    return undefined;
  }
  for (const line of text.split('\n')) {
    const [user, , uid, gid] = line.split(':');
    if (user === name && uid && gid) return { name, uid: Number(uid), gid: Number(gid) };
  }
  return undefined;
}

export function statDirectory(dir: string): DirectoryMode | undefined {
  try {
    const stats = statSync(dir);
    return { mode: stats.mode & 0o777, uid: stats.uid, gid: stats.gid };
  } catch {
    return undefined;
  }
}
