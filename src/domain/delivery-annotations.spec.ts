import { formatApplied, parseApplied, parseSetsAnnotation } from './delivery-annotations';

const FIELD = 'metadata.annotations["hostaliases.registry/applied"]';

describe('the applied annotation', () => {
  it('is compact JSON with sets, cluster and ips in that order', () => {
    expect(
      formatApplied({ ips: ['10.1.2.3'], cluster: 'eu-prod', sets: ['team/a@7', 'team/b@3'] }),
    ).toBe('{"sets":["team/a@7","team/b@3"],"cluster":"eu-prod","ips":["10.1.2.3"]}');
    expect(formatApplied({ sets: ['team/a@1'], ips: [] })).toBe('{"sets":["team/a@1"],"ips":[]}');
  });

  it.each([
    '{"sets":["team/a@7","team/b@3"],"cluster":"eu-prod","ips":["10.1.2.3","fd00::1"]}',
    '{"sets":[],"ips":[]}',
    '{"sets":["team/a@1"],"ips":["010.1.2.3"]}',
  ])('reads back what it writes: %s', (value) => {
    const parsed = parseApplied(value, FIELD);
    expect(parsed.errors).toEqual([]);
    expect(formatApplied(parsed.value!)).toBe(value);
  });

  it('ignores keys it does not know (written by a newer registry)', () => {
    expect(parseApplied('{"sets":[],"ips":["10.0.0.1"],"future":1}', FIELD).value).toEqual({
      sets: [],
      ips: ['10.0.0.1'],
    });
  });

  it.each([
    ['not JSON', '{sets:'],
    ['an array', '[]'],
    ['no ips', '{"sets":[]}'],
    ['ips not strings', '{"sets":[],"ips":[1]}'],
    ['a cluster that is not a string', '{"sets":[],"ips":[],"cluster":3}'],
    ['a set without version', '{"sets":["team/a"],"ips":[]}'],
    ['a set with version 0', '{"sets":["team/a@0"],"ips":[]}'],
    ['a set that is no reference', '{"sets":["Team/a@1"],"ips":[]}'],
    ['an invalid IP', '{"sets":[],"ips":["10.1.2"]}'],
  ])('refuses %s, naming the field', (_, value) => {
    const parsed = parseApplied(value, FIELD);
    expect(parsed.value).toBeUndefined();
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0].field).toBe(FIELD);
  });

  it('refuses a value that is not a string', () => {
    expect(parseApplied(42, FIELD).errors).toEqual([{ field: FIELD, message: 'must be a string' }]);
  });
});

describe('the sets annotation', () => {
  const field = 'metadata.annotations["hostaliases.registry/sets"]';

  it.each([
    ['team/a', ['team/a']],
    ['team/a,team/b', ['team/a', 'team/b']],
    [' team/a , team/b ,', ['team/a', 'team/b']],
  ])('reads %j', (value, refs) => {
    expect(parseSetsAnnotation(value, field)).toEqual({ value: refs, errors: [] });
  });

  it.each(['', ' , ', 'team', 'team/a,Team/B', 'a/b/c'])('refuses %j', (value) => {
    const parsed = parseSetsAnnotation(value, field);
    expect(parsed.value).toBeUndefined();
    expect(parsed.errors.length).toBeGreaterThan(0);
    expect(parsed.errors.every((error) => error.field === field)).toBe(true);
  });
});
