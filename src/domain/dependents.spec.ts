import { type Dependent, findDependents, type IncludeEdge, visibleDependents } from './dependents';

/** `"a/x > b/y"`: a/x includes b/y. */
function edges(...lines: string[]): IncludeEdge[] {
  return lines.map((line) => {
    const [includer, included] = line.split(' > ');
    return { includer, included };
  });
}

describe('findDependents', () => {
  const cases: { name: string; root?: string; edges: IncludeEdge[]; expected: Dependent[] }[] = [
    { name: 'no includer: none', root: 'x/a', edges: edges('x/a > x/b'), expected: [] },
    {
      name: 'direct includers, by name',
      edges: edges('z/app > p/base', 'a/app > p/base'),
      expected: [
        { set: 'a/app', path: ['a/app', 'p/base'] },
        { set: 'z/app', path: ['z/app', 'p/base'] },
      ],
    },
    {
      name: 'a chain: nearest first, each with the whole path',
      edges: edges('c/top > b/mid', 'b/mid > a/base'),
      expected: [
        { set: 'b/mid', path: ['b/mid', 'a/base'] },
        { set: 'c/top', path: ['c/top', 'b/mid', 'a/base'] },
      ],
    },
    {
      name: 'a diamond: the top once, by the shortest path through the first name',
      edges: edges('t/top > m/two', 't/top > m/one', 'm/one > a/base', 'm/two > a/base'),
      expected: [
        { set: 'm/one', path: ['m/one', 'a/base'] },
        { set: 'm/two', path: ['m/two', 'a/base'] },
        { set: 't/top', path: ['t/top', 'm/one', 'a/base'] },
      ],
    },
    {
      name: 'a short cut wins over a long way round',
      edges: edges('t/top > m/mid', 'm/mid > a/base', 't/top > a/base'),
      expected: [
        { set: 'm/mid', path: ['m/mid', 'a/base'] },
        { set: 't/top', path: ['t/top', 'a/base'] },
      ],
    },
    {
      name: 'edges elsewhere in the graph are ignored',
      edges: edges('o/other > o/lib', 'a/app > a/base', 'a/base > o/lib'),
      expected: [{ set: 'a/app', path: ['a/app', 'a/base'] }],
    },
    {
      name: 'a cycle (refused by writes) still ends',
      edges: edges('a/x > a/base', 'a/base > a/x'),
      expected: [{ set: 'a/x', path: ['a/x', 'a/base'] }],
    },
  ];

  it.each(cases)('$name', ({ root, edges: graph, expected }) => {
    expect(findDependents(root ?? expected[0].path.at(-1) ?? '', graph)).toEqual(expected);
  });
});

describe('visibleDependents', () => {
  const dependents = findDependents(
    'a/base',
    edges('b/inner > a/base', 'b/pub > b/inner', 'c/app > b/pub'),
  );

  it('names everything for a reader of everything', () => {
    expect(visibleDependents(dependents, () => true)).toEqual({
      items: [
        { set: 'b/inner', path: ['b/inner', 'a/base'] },
        { set: 'b/pub', path: ['b/pub', 'b/inner', 'a/base'] },
        { set: 'c/app', path: ['c/app', 'b/pub', 'b/inner', 'a/base'] },
      ],
      hidden: 0,
    });
  });

  it('counts unreadable dependents and blanks them inside the paths of readable ones', () => {
    const readable = new Set(['a/base', 'b/pub', 'c/app']);
    expect(visibleDependents(dependents, (set) => readable.has(set))).toEqual({
      items: [
        { set: 'b/pub', path: ['b/pub', null, 'a/base'] },
        { set: 'c/app', path: ['c/app', 'b/pub', null, 'a/base'] },
      ],
      hidden: 1,
    });
  });
});
