import { hostileInputErrors, MAX_INPUT_DEPTH } from './hostile-input';

function nested(depth: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe('hostileInputErrors', () => {
  it.each<[string, unknown, string, { field: string; message: string }[]]>([
    [
      'clean input',
      { description: 'ok', entries: [{ ip: '10.0.0.1', hostnames: ['a.b'] }] },
      '',
      [],
    ],
    ['emoji (a valid surrogate pair) is fine', { description: 'ok \u{1F600}' }, '', []],
    [
      'NUL in a nested string names the field',
      { entries: [{ hostnames: ['ok', 'a\u0000b'] }] },
      '',
      [{ field: 'entries[0].hostnames[1]', message: 'must not contain NUL (U+0000) characters' }],
    ],
    [
      'lone high surrogate',
      { description: 'a\uD800b' },
      '',
      [
        {
          field: 'description',
          message: 'must be valid Unicode (it contains an unpaired surrogate)',
        },
      ],
    ],
    [
      'lone low surrogate at the start',
      { description: '\uDC00' },
      '',
      [
        {
          field: 'description',
          message: 'must be valid Unicode (it contains an unpaired surrogate)',
        },
      ],
    ],
    [
      'NUL in a key',
      { labels: { 'a\u0000': 'x' } },
      '',
      [{ field: 'labels.a\u0000', message: 'name must not contain NUL (U+0000) characters' }],
    ],
    [
      'a path parameter',
      'team\u0000',
      'team',
      [{ field: 'team', message: 'must not contain NUL (U+0000) characters' }],
    ],
    [
      'a bare body string',
      '\u0000',
      '',
      [{ field: 'body', message: 'must not contain NUL (U+0000) characters' }],
    ],
    ['numbers, booleans, null, dates', { a: 1, b: true, c: null, d: new Date(0) }, '', []],
    [
      'a list with a gap',
      // eslint-disable-next-line no-sparse-arrays
      { entries: [{ ip: 'a' }, , { ip: 'b' }] },
      '',
      [{ field: 'entries[1]', message: 'is missing (a list with a gap)' }],
    ],
    [
      'binary data as a field, an item and the whole value',
      { file: Buffer.from('x'), items: [new Uint8Array(1)] },
      '',
      [
        { field: 'file', message: 'must not be binary data' },
        { field: 'items[0]', message: 'must not be binary data' },
      ],
    ],
    [
      'a bare ArrayBuffer',
      new ArrayBuffer(2),
      '',
      [{ field: 'body', message: 'must not be binary data' }],
    ],
    ['an empty list, a list of nulls', { a: [], b: [null, null] }, '', []],
  ])('%s', (_name, value, root, expected) => {
    expect(hostileInputErrors(value, root)).toEqual(expected);
  });

  it('accepts nesting up to the limit and refuses deeper, without recursion', () => {
    expect(hostileInputErrors({ entries: nested(MAX_INPUT_DEPTH - 2) })).toEqual([]);
    const errors = hostileInputErrors({ entries: nested(100_000) });
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toBe(`nests deeper than ${MAX_INPUT_DEPTH} levels`);
  });

  it('reports at most 20 errors', () => {
    expect(hostileInputErrors(Array.from({ length: 1000 }, () => '\u0000'))).toHaveLength(20);
  });
});
