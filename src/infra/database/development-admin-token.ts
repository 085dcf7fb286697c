import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/**
 * With the embedded database and no ADMIN_TOKEN, `npm start` still gives the developer a
 * super-user: a random token stored (mode 0600) beside the data, the same across restarts.
 */
export async function developmentAdminToken(
  dataDir: string,
): Promise<{ token: string; file: string }> {
  const file = join(dirname(resolve(dataDir)), 'admin-token');
  try {
    const token = (await readFile(file, 'utf8')).trim();
    if (token.length >= 16) return { token, file };
  } catch {
    // first start: create it below
  }
  const token = `dev_${randomBytes(24).toString('base64url')}`;
  await writeFile(file, `${token}\n`, { mode: 0o600 });
  return { token, file };
}
