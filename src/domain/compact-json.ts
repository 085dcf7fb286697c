const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/**
 * Valid JSON text without the whitespace between its tokens, as `JSON.stringify` writes it: what
 * PostgreSQL's `jsonb::text` answers (`{"a": 1, "b": [1, 2]}`) becomes `{"a":1,"b":[1,2]}`.
 * Whitespace inside strings is kept. One pass over the text, no parse: audit pages splice stored
 * snapshots in as text precisely to avoid parsing them.
 */
export function compactJson(text: string): string {
  let out = '';
  let copiedTo = 0;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      i += 1;
      while (i < text.length && text.charCodeAt(i) !== QUOTE) {
        i += text.charCodeAt(i) === BACKSLASH ? 2 : 1;
      }
      i += 1;
    } else if (isWhitespace(code)) {
      out += text.slice(copiedTo, i);
      while (i < text.length && isWhitespace(text.charCodeAt(i))) i += 1;
      copiedTo = i;
    } else {
      i += 1;
    }
  }
  return copiedTo === 0 ? text : out + text.slice(copiedTo);
}
