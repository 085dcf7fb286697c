import { SqlParams } from './sql-params';

describe('SqlParams', () => {
  it('numbers values in the order they are added', () => {
    const params = new SqlParams();
    expect([params.add('a'), params.add(2), params.add(null)]).toEqual(['$1', '$2', '$3']);
    expect(params.values).toEqual(['a', 2, null]);
  });

  it('sends one JSON document once, however many parts use it', () => {
    const params = new SqlParams();
    const snapshot = { name: 'partners', entries: [{ ip: '10.0.0.1', hostnames: ['a'] }] };
    const revision = params.json(snapshot);
    const actor = params.add('admin');
    const auditAfter = params.json(snapshot);
    expect([revision, actor, auditAfter]).toEqual(['$1', '$2', '$1']);
    expect(params.values).toEqual([JSON.stringify(snapshot), 'admin']);
  });

  it.each([
    ['equal but distinct objects', { a: 1 }, { a: 1 }, ['$1', '$2']],
    ['null twice (NULL is no document)', null, null, ['$1', '$2']],
    ['an object, then null', { a: 1 }, null, ['$1', '$2']],
  ])('gives %s their own parameters', (_what, first, second, expected) => {
    const params = new SqlParams();
    expect([params.json(first), params.json(second)]).toEqual(expected);
    expect(params.values).toEqual(
      [first, second].map((v) => (v === null ? null : JSON.stringify(v))),
    );
  });
});
