import { RFC3339_MESSAGE } from './expiry';
import {
  AT_LEAST_ONE_HOSTNAME_MESSAGE,
  DNS1123_LABEL_MESSAGE,
  DNS1123_SUBDOMAIN_MESSAGE,
  IP_MESSAGE,
  SET_REF_MESSAGE,
  validateAliasSetContent,
} from './validation';

const self = { team: 'platform', name: 'base' };

describe('validateAliasSetContent', () => {
  it('accepts a valid set, including a cluster override of an unscoped hostname', () => {
    expect(
      validateAliasSetContent(
        {
          entries: [
            { ip: '10.1.2.3', hostnames: ['foo.remote', 'bar.remote'] },
            { ip: '10.9.9.9', hostnames: ['foo.remote'], clusters: ['eu-prod'] },
            { ip: '10.9.9.8', hostnames: ['foo.remote'], clusters: ['us-prod'] },
            { ip: 'fd00::1', hostnames: ['v6.remote'], clusters: [] },
          ],
          includes: ['platform/common', 'shop/db'],
        },
        self,
      ),
    ).toEqual([]);
  });

  it('reports every field error at once with exact paths', () => {
    const errors = validateAliasSetContent(
      {
        entries: [
          { ip: '10.1.2.300', hostnames: ['ok.local'] },
          { ip: '10.1.2.4', hostnames: [] },
          { ip: '10.1.2.5', hostnames: ['ok.local2', 'Bad_Name', 'ok.local2'], clusters: ['EU'] },
          'not-an-entry',
          { hostnames: 'foo', clusters: 'eu' },
        ],
        includes: ['platform/base', 'nope', 'shop/db', 'shop/db'],
      },
      self,
    );
    expect(errors).toEqual([
      { field: 'entries[0].ip', message: IP_MESSAGE },
      { field: 'entries[1].hostnames', message: AT_LEAST_ONE_HOSTNAME_MESSAGE },
      { field: 'entries[2].hostnames[1]', message: DNS1123_SUBDOMAIN_MESSAGE },
      { field: 'entries[2].hostnames[2]', message: 'duplicate hostname' },
      {
        field: 'entries[2].clusters[0]',
        message: `${DNS1123_LABEL_MESSAGE}; did you mean "eu"? (names are lowercase)`,
      },
      { field: 'entries[3]', message: 'must be an object' },
      { field: 'entries[4].ip', message: IP_MESSAGE },
      { field: 'entries[4].hostnames', message: 'must be a list of hostnames' },
      { field: 'entries[4].clusters', message: 'must be a list of clusters' },
      { field: 'includes[0]', message: 'must not include the set itself' },
      { field: 'includes[1]', message: SET_REF_MESSAGE },
      { field: 'includes[3]', message: 'duplicate include' },
    ]);
  });

  it('flags a duplicate cluster in one entry', () => {
    expect(
      validateAliasSetContent({
        entries: [{ ip: '10.0.0.1', hostnames: ['a'], clusters: ['eu', 'eu'] }],
      }),
    ).toEqual([{ field: 'entries[0].clusters[1]', message: 'duplicate cluster' }]);
  });

  it('requires entries to be a list and includes to be a list when given', () => {
    expect(validateAliasSetContent({ entries: undefined, includes: 'a/b' })).toEqual([
      { field: 'entries', message: 'must be a list of entries' },
      { field: 'includes', message: 'must be a list of set references' },
    ]);
    expect(validateAliasSetContent({ entries: [], includes: null })).toEqual([]);
  });

  describe('consistency within a scope', () => {
    it('rejects a hostname mapped to two IPs, naming both entries', () => {
      expect(
        validateAliasSetContent({
          entries: [
            { ip: '10.1.2.3', hostnames: ['foo.remote'] },
            { ip: '10.1.2.4', hostnames: ['bar.remote', 'foo.remote'] },
          ],
        }),
      ).toEqual([
        {
          field: 'entries[1].hostnames[1]',
          message:
            'hostname "foo.remote" is already mapped to 10.1.2.3 by entries[0] in the same scope (unscoped); a set cannot contradict itself',
        },
      ]);
    });

    it('rejects the same IP (by value) in two entries of one scope', () => {
      const errors = validateAliasSetContent({
        entries: [
          { ip: '10.1.2.3', hostnames: ['a'] },
          { ip: 'fd00::1', hostnames: ['b'] },
          { ip: '10.0.0.1', hostnames: ['c'] },
          { ip: '010.1.2.3', hostnames: ['d'] },
          { ip: 'FD00:0::1', hostnames: ['e'] },
        ],
      });
      expect(errors).toEqual([
        {
          field: 'entries[3].ip',
          message:
            'IP 010.1.2.3 is already used by entries[0] in the same scope (unscoped); an IP belongs to one entry, list all its hostnames there',
        },
        {
          field: 'entries[4].ip',
          message: expect.stringContaining('by entries[1] in the same scope (unscoped)'),
        },
      ]);
    });

    it('checks each cluster as its own scope and names the cluster', () => {
      const errors = validateAliasSetContent({
        entries: [
          { ip: '10.0.0.1', hostnames: ['foo'], clusters: ['eu', 'us'] },
          { ip: '10.0.0.2', hostnames: ['foo'], clusters: ['us'] },
          { ip: '10.0.0.3', hostnames: ['foo'], clusters: ['asia'] },
        ],
      });
      expect(errors).toEqual([
        {
          field: 'entries[1].hostnames[0]',
          message:
            'hostname "foo" is already mapped to 10.0.0.1 by entries[0] in the same scope (cluster us); a set cannot contradict itself',
        },
      ]);
    });

    it('reports a clash once even when two multi-cluster entries clash in several scopes', () => {
      const errors = validateAliasSetContent({
        entries: [
          { ip: '10.0.0.1', hostnames: ['foo'], clusters: ['eu', 'us'] },
          { ip: '10.0.0.1', hostnames: ['bar'], clusters: ['eu', 'us'] },
        ],
      });
      expect(errors).toEqual([
        { field: 'entries[1].ip', message: expect.stringContaining('(cluster eu)') },
      ]);
    });

    it('allows the same IP or hostname in an unscoped and a cluster-scoped entry', () => {
      expect(
        validateAliasSetContent({
          entries: [
            { ip: '10.0.0.1', hostnames: ['foo', 'bar'] },
            { ip: '10.0.0.1', hostnames: ['baz'], clusters: ['eu'] },
            { ip: '10.0.0.2', hostnames: ['foo'], clusters: ['eu'] },
          ],
        }),
      ).toEqual([]);
    });

    it('skips consistency checks for an entry whose IP is invalid', () => {
      expect(
        validateAliasSetContent({
          entries: [
            { ip: '10.0.0.1', hostnames: ['foo'] },
            { ip: 'nope', hostnames: ['foo'] },
          ],
        }),
      ).toEqual([{ field: 'entries[1].ip', message: IP_MESSAGE }]);
    });
  });

  describe('expiresAt', () => {
    const now = Date.parse('2026-12-02T12:00:00Z');
    const entry = (expiresAt: unknown) => ({ ip: '10.0.0.1', hostnames: ['a'], expiresAt });

    it.each([
      ['absent', undefined, []],
      ['null', null, []],
      ['in the future, with an offset', '2026-12-02T13:00:00+01:00:00', 'syntax'],
      ['in the future', '2026-12-02T12:00:01Z', []],
      ['now', '2026-12-02T12:00:00Z', 'past'],
      ['in the past, by its offset', '2026-12-02T12:30:00+01:00', 'past'],
      ['a date only', '2026-12-03', 'syntax'],
      ['a number', 1767225600, 'syntax'],
    ])('%s', (_, expiresAt, expected) => {
      const errors = validateAliasSetContent({ entries: [entry(expiresAt)] }, undefined, now);
      if (expected === 'syntax') {
        expect(errors).toEqual([{ field: 'entries[0].expiresAt', message: RFC3339_MESSAGE }]);
      } else if (expected === 'past') {
        expect(errors).toEqual([
          {
            field: 'entries[0].expiresAt',
            message: 'must be in the future (now is 2026-12-02T12:00:00.000Z)',
          },
        ]);
      } else {
        expect(errors).toEqual(expected);
      }
    });

    it('checks only the syntax when no instant is given', () => {
      expect(validateAliasSetContent({ entries: [entry('2001-01-01T00:00:00Z')] })).toEqual([]);
    });
  });
});
