import { Readable } from 'node:stream';

import { LARGE_BODY_CHARS, socketBody } from './socket-body';

describe('socketBody', () => {
  const large = `{"items":"${'é'.repeat(LARGE_BODY_CHARS)}"}`;

  it.each([
    ['a small string', '{"ok":true}'],
    ['a string one character short of the threshold', 'x'.repeat(LARGE_BODY_CHARS - 1)],
    ['an empty string', ''],
    ['null', null],
    ['undefined', undefined],
  ])('leaves %s as it is', (_name, payload) => {
    expect(socketBody(payload)).toBe(payload);
  });

  it('leaves buffers and streams as they are', () => {
    const buffer = Buffer.from(large);
    const stream = Readable.from(['a']);
    expect(socketBody(buffer)).toBe(buffer);
    expect(socketBody(stream)).toBe(stream);
  });

  it.each([
    ['at the threshold', 'x'.repeat(LARGE_BODY_CHARS)],
    ['past the large-object size, multi-byte', large],
  ])('turns a string %s into its UTF-8 bytes', (_name, payload) => {
    const body = socketBody(payload);
    expect(Buffer.isBuffer(body)).toBe(true);
    expect((body as Buffer).equals(Buffer.from(payload, 'utf8'))).toBe(true);
    expect((body as Buffer).toString('utf8')).toBe(payload);
  });
});
