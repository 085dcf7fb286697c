import { caught } from '../../test/support/caught';
import { snapshot, store } from '../../test/support/snapshots';
import { DomainErrorCode } from './errors';
import { INCLUDED_SET_NOT_FOUND } from './include-closure';
import { expandIncludes } from './resolve';

describe('expandIncludes', () => {
  const getSet = store(
    snapshot('a/top', [], ['a/left', 'a/right']),
    snapshot('a/left', [], ['a/base']),
    snapshot('a/right', [], ['a/base', 'a/extra']),
    snapshot('a/base', []),
    snapshot('a/extra', []),
  );

  it('walks depth-first, a set before its includes, and uses a diamond base once', () => {
    expect(expandIncludes(['a/top'], getSet)).toEqual([
      'a/top',
      'a/left',
      'a/base',
      'a/right',
      'a/extra',
    ]);
  });

  it('keeps the first position of a set requested twice', () => {
    expect(expandIncludes(['a/base', 'a/top', 'a/base'], getSet)).toEqual([
      'a/base',
      'a/top',
      'a/left',
      'a/right',
      'a/extra',
    ]);
  });

  it.each([
    [
      'two sets',
      [snapshot('a/x', [], ['b/y']), snapshot('b/y', [], ['a/x'])],
      ['a/x', 'b/y', 'a/x'],
    ],
    ['a set including itself', [snapshot('a/x', [], ['a/x'])], ['a/x', 'a/x']],
    [
      'a cycle further down a chain',
      [
        snapshot('a/x', [], ['b/y']),
        snapshot('b/y', [], ['c/z']),
        snapshot('c/z', [], ['d/w']),
        snapshot('d/w', [], ['b/y']),
      ],
      ['b/y', 'c/z', 'd/w', 'b/y'],
    ],
  ])('names the cycle through %s', (_name, sets, cycle) => {
    const error = caught(() => expandIncludes(['a/x'], store(...sets)));
    expect(error.code).toBe(DomainErrorCode.CYCLE);
    expect(error.message).toBe(`include cycle: ${cycle.join(' -> ')}`);
    expect(error.details).toEqual({ cycle });
  });

  it.each<[string, string[], string]>([
    ['a requested set is named', ['b/private'], 'alias set "b/private" not found'],
    ['a directly included set is not named', ['a/x'], INCLUDED_SET_NOT_FOUND],
    ['a transitively included set is not named', ['c/top'], INCLUDED_SET_NOT_FOUND],
    [
      'a set the caller also requested is named',
      ['a/x', 'b/private'],
      'alias set "b/private" not found',
    ],
  ])('is NOT_FOUND for a missing set: %s', (_name, refs, message) => {
    const getMissing = store(snapshot('a/x', [], ['b/private']), snapshot('c/top', [], ['a/x']));
    const error = caught(() => expandIncludes(refs, getMissing));
    expect(error.code).toBe(DomainErrorCode.NOT_FOUND);
    expect(error.message).toBe(message);
  });

  it('rejects malformed references with the index of each', () => {
    const error = caught(() => expandIncludes(['a/x', 'nope', 'A/B'], getSet));
    expect(error.code).toBe(DomainErrorCode.INVALID);
    expect(error.errors.map((e) => e.field)).toEqual(['sets[1]', 'sets[2]']);
  });
});
