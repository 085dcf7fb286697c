import { RowVersions } from './row-versions';

describe('RowVersions', () => {
  const kept = () => {
    const rows = new RowVersions<string>(10, (value) => value.length);
    rows.remember('team/a', { id: 7, version: 3 }, 'abc');
    return rows;
  };

  it.each([
    ['the same id and version', { id: 7, version: 3 }, 'abc'],
    ['a later version', { id: 7, version: 4 }, undefined],
    ['an earlier version', { id: 7, version: 2 }, undefined],
    ['another id at the same version (created again)', { id: 8, version: 3 }, undefined],
    ['another id and version', { id: 8, version: 1 }, undefined],
  ])('hands the value out at %s: %s', (_, row, expected) => {
    expect(kept().at('team/a', row)).toBe(expected);
  });

  it.each([
    ['another key', (rows: RowVersions<string>) => rows.at('team/b', { id: 7, version: 3 })],
    [
      'a forgotten key',
      (rows: RowVersions<string>) => (rows.forget('team/a'), rows.latest('team/a')),
    ],
  ])('has nothing for %s', (_, read) => {
    expect(read(kept())).toBeUndefined();
  });

  it('gives the latest value whatever its row, and replaces it with the next row', () => {
    const rows = kept();
    expect(rows.latest('team/a')).toBe('abc');
    rows.remember('team/a', { id: 7, version: 4 }, 'abcd');
    expect([rows.latest('team/a'), rows.at('team/a', { id: 7, version: 3 })]).toEqual([
      'abcd',
      undefined,
    ]);
  });

  it('drops the least recently used rows beyond its weight', () => {
    const rows = kept();
    rows.remember('team/b', { id: 8, version: 1 }, 'defg');
    expect(rows.at('team/a', { id: 7, version: 3 })).toBe('abc'); // a is now the most recent
    rows.remember('team/c', { id: 9, version: 1 }, 'hijk');
    expect([rows.latest('team/a'), rows.latest('team/b'), rows.latest('team/c')]).toEqual([
      'abc',
      undefined,
      'hijk',
    ]);
  });
});
