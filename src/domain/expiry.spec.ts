import {
  formatInstant,
  FUTURE_MESSAGE,
  liveAt,
  nextExpiry,
  normalizeExpiresAt,
  parseRfc3339,
  RFC3339_MESSAGE,
  validateExpiresAt,
} from './expiry';
import type { AliasSetSnapshot } from './host-alias';

describe('parseRfc3339', () => {
  const valid: [string, string][] = [
    ['2026-12-31T18:00:00Z', '2026-12-31T18:00:00.000Z'],
    ['2026-12-31t18:00:00z', '2026-12-31T18:00:00.000Z'],
    ['2026-12-31T18:00:00.5Z', '2026-12-31T18:00:00.500Z'],
    ['2026-12-31T18:00:00.123456789Z', '2026-12-31T18:00:00.123Z'],
    ['2026-12-31T19:30:00+01:30', '2026-12-31T18:00:00.000Z'],
    ['2026-12-31T16:00:00-02:00', '2026-12-31T18:00:00.000Z'],
    ['2028-02-29T00:00:00Z', '2028-02-29T00:00:00.000Z'],
    ['2000-02-29T00:00:00Z', '2000-02-29T00:00:00.000Z'],
    ['0050-01-01T00:00:00Z', '0050-01-01T00:00:00.000Z'],
    ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
    ['2026-01-01T00:30:00+23:59', '2025-12-31T00:31:00.000Z'],
  ];
  it.each(valid)('%s is %s', (text, iso) => {
    expect(formatInstant(parseRfc3339(text)!)).toBe(iso);
  });

  const invalid = [
    '',
    '2026-12-31',
    '2026-12-31T18:00Z',
    '2026-12-31T18:00:00',
    '2026-12-31 18:00:00Z',
    '2026-12-31T18:00:00+0100',
    '2026-12-31T18:00:00.Z',
    '2026-13-01T00:00:00Z',
    '2026-00-01T00:00:00Z',
    '2026-02-29T00:00:00Z',
    '1900-02-29T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-12-00T00:00:00Z',
    '2026-12-31T24:00:00Z',
    '2026-12-31T23:60:00Z',
    '2026-12-31T23:59:60Z',
    '2026-12-31T18:00:00+24:00',
    '2026-12-31T18:00:00+01:60',
    '+12026-12-31T18:00:00Z',
    '99999-12-31T18:00:00Z',
    'tomorrow',
    '1767204000',
    ' 2026-12-31T18:00:00Z',
  ];
  it.each(invalid)('%p is not a date-time', (text) => {
    expect(parseRfc3339(text)).toBeNull();
  });
});

describe('validateExpiresAt', () => {
  const now = Date.parse('2026-12-02T12:00:00Z');
  const cases: [unknown, { field: string; message: string }[]][] = [
    [undefined, []],
    [null, []],
    ['2026-12-02T12:00:00.001Z', []],
    [
      '2026-12-02T12:00:00Z',
      [{ field: 'f', message: `${FUTURE_MESSAGE} (now is 2026-12-02T12:00:00.000Z)` }],
    ],
    [
      '2020-01-01T00:00:00Z',
      [{ field: 'f', message: `${FUTURE_MESSAGE} (now is 2026-12-02T12:00:00.000Z)` }],
    ],
    ['next friday', [{ field: 'f', message: RFC3339_MESSAGE }]],
    [1767204000, [{ field: 'f', message: RFC3339_MESSAGE }]],
  ];
  it.each(cases)('%p', (value, errors) => {
    expect(validateExpiresAt(value, 'f', now)).toEqual(errors);
  });

  it('stores one spelling for one instant', () => {
    expect(normalizeExpiresAt('2026-12-31T19:00:00+01:00')).toBe('2026-12-31T18:00:00.000Z');
    expect(normalizeExpiresAt(undefined)).toBeUndefined();
  });
});

describe('liveAt', () => {
  const set: AliasSetSnapshot = {
    team: 't',
    name: 'n',
    description: '',
    shared: false,
    includes: [],
    version: 4,
    entries: [
      { ip: '10.0.0.1', hostnames: ['late'], expiresAt: '2026-12-02T12:00:02.000Z' },
      { ip: '10.0.0.2', hostnames: ['forever'] },
      { ip: '10.0.0.3', hostnames: ['early'], expiresAt: '2026-12-02T12:00:01.000Z' },
    ],
  };
  const t0 = Date.parse('2026-12-02T12:00:00Z');

  it.each([
    [t0, ['late', 'forever', 'early'], 0, t0 + 1000],
    [t0 + 999, ['late', 'forever', 'early'], 0, t0 + 1000],
    [t0 + 1000, ['late', 'forever'], 1, t0 + 2000],
    [t0 + 2000, ['forever'], 2, undefined],
  ])('at %p leaves %p (%p expired), next expiry %p', (now, hostnames, expired, next) => {
    const live = liveAt(set, now);
    expect(live.entries.map((e) => e.hostnames[0])).toEqual(hostnames);
    expect(live.expiredEntries).toBe(expired);
    expect(live.version).toBe(4);
    expect(nextExpiry(set, now)).toBe(next);
  });

  it('gives the same object for the same state, and never changes the set', () => {
    expect(liveAt(set, t0 + 1500)).toBe(liveAt(set, t0 + 1000));
    expect(liveAt(set, t0)).toBe(liveAt(set, t0 + 1));
    expect(set.entries).toHaveLength(3);
  });
});
