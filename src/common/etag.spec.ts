import { DomainError } from '../domain/errors';
import { ifMatchSatisfied } from '../domain/if-match';
import { parseIfMatch } from './etag';

describe('If-Match (RFC 9110: strong comparison)', () => {
  it.each<[string | undefined, ReturnType<typeof parseIfMatch>]>([
    [undefined, undefined],
    ['"3"', [3]],
    [' "3" ', [3]],
    ['"3", "4"', [3, 4]],
    ['*', '*'],
    ['W/"3"', []],
    ['W/"3", "4"', [4]],
    ['"abc"', []],
    ['"0"', []],
    ['"3000000000"', []],
    ['""', []],
  ])('%p parses to %p', (header, expected) => {
    expect(parseIfMatch(header)).toEqual(expected);
  });

  it.each(['', '   ', '3', 'garbage', '"3', '*, "3"', '"3",,', 'W/3'])('%p is a 400', (header) => {
    expect(() => parseIfMatch(header)).toThrow(DomainError);
  });

  it.each<[ReturnType<typeof parseIfMatch> | number, number | undefined, boolean]>([
    ['*', 7, true],
    ['*', undefined, false],
    [[3, 4], 4, true],
    [[3, 4], 5, false],
    [[], 3, false],
    [3, 3, true],
    [3, undefined, false],
  ])('%p against current %p: %p', (condition, current, expected) => {
    expect(ifMatchSatisfied(condition!, current)).toBe(expected);
  });
});
