/**
 * Turns the ```sh blocks of a Markdown file into one bash script, so the README's examples can be
 * run in order, as a reader pastes them into one terminal. The conventions (also documented in
 * the README's REST section):
 *
 * - every ```sh block runs, in order, in one bash session (variables and functions carry over);
 * - `<!-- readme-test: skip (why) -->` on the line before a fence (blank lines between are
 *   fine: Prettier adds one) leaves that block out, for commands that start the service or need
 *   Docker;
 * - every HTTP call must answer 2xx (and a GraphQL response must carry no `errors`), unless the
 *   line before it is a comment `# expect 412` (an HTTP status) or `# expect NOT_FOUND` (a
 *   GraphQL `extensions.code`): then it must answer exactly that.
 *
 * Script line N is README line N (non-shell lines become blank lines), so bash's `$LINENO` in an
 * error points at the README.
 */
export interface ReadmeScript {
  script: string;
  /** README line numbers of the fences of the blocks that run. */
  blocks: number[];
  /** README line numbers of the fences of the blocks left out. */
  skipped: number[];
}

const SKIP = /^<!--\s*readme-test:\s*skip\b.*-->\s*$/;
const EXPECT = /^(\s*)#\s*expect\s+([0-9]{3}|[A-Z][A-Z_]+)\b.*$/;

export function readmeScript(markdown: string, prelude: string): ReadmeScript {
  const lines = markdown.split('\n');
  const out: string[] = [];
  const blocks: number[] = [];
  const skipped: number[] = [];
  let fence: { runs: boolean } | undefined;
  lines.forEach((line, index) => {
    if (fence) {
      if (/^```\s*$/.test(line)) {
        fence = undefined;
        out.push('');
      } else {
        out.push(fence.runs ? shellLine(line) : '');
      }
      return;
    }
    const open = /^```(\S*)/.exec(line);
    if (open) {
      const runs = open[1] === 'sh' && !SKIP.test(previousNonBlank(lines, index));
      if (open[1] === 'sh') (runs ? blocks : skipped).push(index + 1);
      fence = { runs };
    }
    out.push('');
  });
  if (fence) throw new Error('README.md ends inside a code block');
  // The prelude shares line 1 with the (always blank) first line of a Markdown heading.
  out[0] = prelude;
  return { script: out.join('\n') + '\n', blocks, skipped };
}

function previousNonBlank(lines: string[], index: number): string {
  for (let i = index - 1; i >= 0; i--) {
    if (lines[i]?.trim()) return lines[i] ?? '';
  }
  return '';
}

function shellLine(line: string): string {
  const expect = EXPECT.exec(line);
  return expect ? `${expect[1]}__readme_expect ${expect[2]}` : line;
}
