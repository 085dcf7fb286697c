import type { AliasEntry, AliasSetContent } from './host-alias';
import { sameContent } from './alias-set';

const entry: AliasEntry = { ip: '10.0.0.1', hostnames: ['a.local', 'b.local'] };
const content: AliasSetContent = {
  description: 'partners',
  shared: false,
  entries: [entry, { ip: '10.0.0.2', hostnames: ['c.local'], clusters: ['eu'] }],
  includes: ['platform/base'],
};
const withEntry = (changes: Partial<AliasEntry>): AliasSetContent => ({
  ...content,
  entries: [{ ...entry, ...changes }, content.entries[1]],
});

describe('sameContent', () => {
  it.each<[string, AliasSetContent, boolean]>([
    ['an equal copy', structuredClone(content), true],
    ['no clusters against an empty list', withEntry({ clusters: [] }), true],
    [
      'the same instant spelled differently',
      withEntry({ expiresAt: '2030-01-01T01:00:00+01:00' }),
      false,
    ],
    ['another description', { ...content, description: 'other' }, false],
    ['shared', { ...content, shared: true }, false],
    ['another include', { ...content, includes: ['platform/other'] }, false],
    ['an include more', { ...content, includes: ['platform/base', 'x/y'] }, false],
    ['no includes', { ...content, includes: [] }, false],
    ['an entry less', { ...content, entries: [entry] }, false],
    ['entries swapped', { ...content, entries: [content.entries[1], entry] }, false],
    ['another address', withEntry({ ip: '10.0.0.9' }), false],
    ['hostnames reordered', withEntry({ hostnames: ['b.local', 'a.local'] }), false],
    ['a hostname less', withEntry({ hostnames: ['a.local'] }), false],
    ['a cluster scope', withEntry({ clusters: ['eu'] }), false],
    ['an expiry', withEntry({ expiresAt: '2030-01-01T00:00:00.000Z' }), false],
  ])('%s: %s', (_what, other, same) => {
    expect(sameContent(content, other)).toBe(same);
    expect(sameContent(other, content)).toBe(same);
  });

  it.each([
    [
      'the same instant in two spellings',
      '2030-01-01T00:00:00Z',
      '2030-01-01T01:00:00+01:00',
      true,
    ],
    ['with and without milliseconds', '2030-01-01T00:00:00.000Z', '2030-01-01T00:00:00Z', true],
    ['two instants', '2030-01-01T00:00:00Z', '2030-01-01T00:00:01Z', false],
  ])('compares expiries as instants: %s', (_what, a, b, same) => {
    expect(sameContent(withEntry({ expiresAt: a }), withEntry({ expiresAt: b }))).toBe(same);
  });
});
