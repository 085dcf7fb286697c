import type { ArgumentMetadata } from '@nestjs/common';

import { EmptyQueryPipe } from './empty-query.pipe';

const pipe = new EmptyQueryPipe();
const whole: ArgumentMetadata = { type: 'query' };
const named: ArgumentMetadata = { type: 'query', data: 'dryRun' };

describe('EmptyQueryPipe: an empty query parameter is an absent one', () => {
  it.each([
    ['empty values left out', { team: '', limit: '', set: 'a/b' }, { set: 'a/b' }],
    ['empty repeats dropped', { podIP: ['10.0.0.1', ''] }, { podIP: ['10.0.0.1'] }],
    ['only empty repeats: absent', { podIP: ['', ''] }, {}],
    ['blank is not empty', { team: ' ' }, { team: ' ' }],
    ['nothing to do', {}, {}],
  ])('whole query: %s', (_name, query, expected) => {
    expect(pipe.transform(query, whole)).toEqual(expected);
  });

  it.each(['', ['', ''], 'All'])(
    'leaves a parameter read on its own (dryRun) as sent: %p',
    (value) => {
      // A blank dryRun stays a 400 rather than becoming a real write.
      expect(pipe.transform(value, named)).toEqual(value);
    },
  );

  it.each(['body', 'param', 'custom'] as const)('leaves a %s alone', (type) => {
    expect(pipe.transform({ name: '' }, { type })).toEqual({ name: '' });
    expect(pipe.transform('', { type, data: 'name' })).toBe('');
  });
});
