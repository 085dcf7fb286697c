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

  // Operations on a 2-entry LRU, then the key a third `set` evicts: the least recently used one,
  // whether or not the last use was a repeated get of the newest key.
  it.each([
    ['a, b', ['set a', 'set b'], 'a'],
    ['get a', ['set a', 'set b', 'get a'], 'b'],
    ['get a twice', ['set a', 'set b', 'get a', 'get a'], 'b'],
    ['get b (the newest) twice', ['set a', 'set b', 'get b', 'get b'], 'a'],
    ['get a, then b', ['set a', 'set b', 'get a', 'get b'], 'a'],
    ['newest deleted, then get a', ['set a', 'set b', 'delete b', 'set b', 'get a'], 'b'],
    ['newest deleted and re-set', ['set a', 'set b', 'get b', 'delete b', 'set b'], 'a'],
    ['get a missing key', ['set a', 'set b', 'get x', 'get a'], 'b'],
  ])('evicts the least recently used after %s', (_, steps, evicted) => {
    const gone: string[] = [];
    const lru = new Lru<number>(2, undefined, (key) => gone.push(key));
    for (const step of steps) {
      const [op, key] = step.split(' ');
      if (op === 'set') lru.set(key, 1);
      else if (op === 'get') lru.get(key);
      else lru.delete(key);
    }
    gone.length = 0;
    lru.set('c', 1);
    expect(gone).toEqual([evicted]);
  });
});
