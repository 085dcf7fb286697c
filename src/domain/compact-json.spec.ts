import { compactJsonBytes } from './compact-json';

/** Compacts `text` as its UTF-8 bytes between other bytes, which must stay as they are. */
function compactJson(text: string): string {
  const inner = new TextEncoder().encode(text);
  const bytes = new Uint8Array(inner.length + 4).fill(0x20);
  bytes.set(inner, 2);
  const end = compactJsonBytes(bytes, 2, 2 + inner.length);
  expect(bytes.subarray(0, 2)).toEqual(new Uint8Array([0x20, 0x20]));
  return new TextDecoder().decode(bytes.subarray(2, end));
}

describe('compactJsonBytes', () => {
  it.each([
    [
      'PostgreSQL jsonb text',
      '{"a": 1, "b": [1, 2], "c": {"d": null}}',
      '{"a":1,"b":[1,2],"c":{"d":null}}',
    ],
    ['already compact', '{"a":1,"b":[true,false]}', '{"a":1,"b":[true,false]}'],
    ['spaces inside strings kept', '{"d": "x, y: z"}', '{"d":"x, y: z"}'],
    [
      'escaped quote in a string',
      '{"d": "say \\"hi, there\\"", "e": 1}',
      '{"d":"say \\"hi, there\\"","e":1}',
    ],
    ['escaped backslash before the closing quote', '["a\\\\", "b c"]', '["a\\\\","b c"]'],
    ['newlines, tabs and indentation', '{\n\t"a" :\r\n [ 1 ,2 ]\n}', '{"a":[1,2]}'],
    ['a scalar', ' "x y" ', '"x y"'],
    ['empty containers', '{"a": [], "b": {}}', '{"a":[],"b":{}}'],
    ['unicode', '{"é": "ü ß"}', '{"é":"ü ß"}'],
    ['four-byte characters', '{"k": ["𝄞 x", "🙂"]}', '{"k":["𝄞 x","🙂"]}'],
    ['a string of spaces', ' "   " ', '"   "'],
    ['nested empty containers', '[ [ ] , { } ]', '[[],{}]'],
  ])('%s', (_name, input, expected) => {
    expect(compactJson(input)).toBe(expected);
    expect(JSON.parse(compactJson(input))).toEqual(JSON.parse(input));
  });

  it('writes what JSON.stringify writes for the same value', () => {
    const value = {
      entries: [{ ip: '10.0.0.1', hostnames: ['a b', 'c'] }],
      note: 'x\ny',
      n: -1.5e3,
    };
    const spaced = JSON.stringify(value, null, 2);
    expect(compactJson(spaced)).toBe(JSON.stringify(value));
  });
});
