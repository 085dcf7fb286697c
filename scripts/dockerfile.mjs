/**
 * How the image runs the service, read from the Dockerfile (the one reader of it, for
 * scripts/check-runtime-deps.mjs and the bench): each value comes from the stage that sets it.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DOCKERFILE = join(dirname(fileURLToPath(import.meta.url)), '..', 'Dockerfile');

/** The text of the stage named `name` (`FROM … AS name`), or '' when there is none. */
export function dockerfileStage(name) {
  const stages = readFileSync(DOCKERFILE, 'utf8').split(/^FROM /m);
  return stages.find((part) => new RegExp(`^\\S+ AS ${name}\\b`).test(part)) ?? '';
}

/**
 * The runtime stage's NODE_OPTIONS ('' when unset) and the node flags of its exec-form CMD (the
 * words between `node` and the script, which must be dist/src/main.js; null when the CMD is not
 * that).
 */
export function imageRuntime() {
  const stage = dockerfileStage('runtime');
  const match = /\bNODE_OPTIONS=(?:"([^"]*)"|(\S+))/.exec(stage);
  const cmd = /^CMD (\[.*\])\s*$/m.exec(stage)?.[1];
  const words = cmd ? JSON.parse(cmd) : [];
  const runsMain = words[0] === 'node' && words.at(-1) === 'dist/src/main.js';
  return {
    nodeOptions: match?.[1] ?? match?.[2] ?? '',
    nodeFlags: runsMain ? words.slice(1, -1) : null,
    cmd: cmd ?? '(none)',
  };
}
