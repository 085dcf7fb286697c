import { Lru } from './lru';

describe('Lru', () => {
  it('drops the least recently used entries beyond its limit', () => {
    const evicted: string[] = [];
    const lru = new Lru<number>(2, undefined, (key) => evicted.push(key));
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1); // a is now more recent than b
    lru.set('c', 3);
    expect(evicted).toEqual(['b']);
    expect([lru.get('a'), lru.get('b'), lru.get('c')]).toEqual([1, undefined, 3]);
  });

  it('weighs entries and keeps the newest even when it alone is over the limit', () => {
    const lru = new Lru<string>(5, (value) => value.length);
    lru.set('x', 'abc');
    lru.set('y', 'de');
    expect(lru.weight).toBe(5);
    lru.set('z', 'fghijkl');
    expect([lru.size, lru.weight, lru.get('z')]).toEqual([1, 7, 'fghijkl']);
  });

  it.each([
    ['replacing a key', (lru: Lru<number>) => lru.set('a', 5), 1, 5],
    ['deleting a key', (lru: Lru<number>) => lru.delete('a'), 0, 0],
    ['clearing', (lru: Lru<number>) => lru.clear(), 0, 0],
    ['deleting a missing key', (lru: Lru<number>) => lru.delete('zz'), 1, 1],
  ])('keeps size and weight right when %s', (_, change, size, weight) => {
    const lru = new Lru<number>(10, (value) => value);
    lru.set('a', 1);
    change(lru);
    expect([lru.size, lru.weight]).toEqual([size, weight]);
  });
});
