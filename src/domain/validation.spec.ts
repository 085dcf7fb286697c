import {
  DNS1123_LABEL_MESSAGE,
  DNS1123_SUBDOMAIN_MESSAGE,
  IP_MESSAGE,
  SET_REF_MESSAGE,
  isValidIp,
  parseIpSloppy,
  parseSetRef,
  sameIp,
  validateDns1123Label,
  validateHostname,
  validateIp,
  validatePodInput,
  validateSetRef,
} from './validation';

describe('parseIpSloppy (netutils.ParseIPSloppy parity)', () => {
  it.each([
    ['10.1.2.3', '4:10.1.2.3'],
    ['0.0.0.0', '4:0.0.0.0'],
    ['255.255.255.255', '4:255.255.255.255'],
    ['010.001.002.003', '4:10.1.2.3'],
    ['0000000010.1.2.3', '4:10.1.2.3'],
    ['::', '6:0:0:0:0:0:0:0:0'],
    ['::1', '6:0:0:0:0:0:0:0:1'],
    ['fd00::1', '6:fd00:0:0:0:0:0:0:1'],
    ['FD00:0:0::1', '6:fd00:0:0:0:0:0:0:1'],
    ['2001:db8::ffff', '6:2001:db8:0:0:0:0:0:ffff'],
    ['1:2:3:4:5:6:7:8', '6:1:2:3:4:5:6:7:8'],
    ['1::', '6:1:0:0:0:0:0:0:0'],
    ['1:2:3:4:5:6:7::', '6:1:2:3:4:5:6:7:0'],
    ['::1:2:3:4:5:6:7', '6:0:1:2:3:4:5:6:7'],
    ['::ffff:10.1.2.3', '4:10.1.2.3'],
    ['::FFFF:010.1.2.3', '4:10.1.2.3'],
    ['0:0:0:0:0:ffff:a01:203', '4:10.1.2.3'],
    // IPv4-compatible (not mapped) is a different address in Go, unlike ipaddr.js's reading.
    ['::1.2.3.4', '6:0:0:0:0:0:0:102:304'],
    ['1:2:3:4:5:6:1.2.3.4', '6:1:2:3:4:5:6:102:304'],
    // Go 1.16 limits a group by value, not by its number of digits.
    ['00001::1', '6:1:0:0:0:0:0:0:1'],
  ])('accepts %j as %s', (input, key) => {
    expect(parseIpSloppy(input)).toBe(key);
    expect(isValidIp(input)).toBe(true);
  });

  it.each([
    '',
    '1.2.3',
    '1.2.3.4.5',
    '256.1.1.1',
    '1.2.3.256',
    ' 1.2.3.4',
    '1.2.3.4 ',
    '1.2.3.4\n',
    '0x0a.1.2.3',
    '1.2.3.0x4',
    '+1.2.3.4',
    '1..2.3',
    '.1.2.3',
    '1.2.3.4.',
    '1.2.3.4/24',
    '10',
    'localhost',
    '1::2::3',
    'fe80::1%eth0',
    ':::1',
    '12345::1',
    ':1::2',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7:8::',
    '::1:2:3:4:5:6:7:8',
    '1:2:3:4:5:6:7::8',
    '1:2:3:4:5:6:7',
    '1::2:',
    'fd00::1/64',
    'fd00:: 1',
    'g::1',
    '::ffff:1.2.3',
    '::ffff:256.1.2.3',
    '::ffff:0x1.2.3.4',
    '::ffff:1.2.3.4:5',
    '1:2:3:4:5:1.2.3.4',
    '1:2:3:4:5:6:7:1.2.3.4',
    '1:2:3:4:5:6::1.2.3.4',
    '1.2.3.4::',
  ])('rejects %j', (input) => {
    expect(parseIpSloppy(input)).toBeNull();
    expect(isValidIp(input)).toBe(false);
  });
});

describe('sameIp', () => {
  it.each([
    ['10.1.2.3', '010.1.2.3', true],
    ['10.1.2.3', '::ffff:10.1.2.3', true],
    ['fd00::1', 'FD00:0:0::1', true],
    ['fd00::1', 'fd00:0000:0000:0000:0000:0000:0000:0001', true],
    ['10.1.2.3', '10.1.2.4', false],
    ['1.2.3.4', '::1.2.3.4', false],
    ['fd00::1', 'fd00::2', false],
    ['bogus', 'bogus', false],
  ])('%s vs %s: %s', (a, b, expected) => {
    expect(sameIp(a, b)).toBe(expected);
    expect(sameIp(b, a)).toBe(expected);
  });
});

describe('validateIp', () => {
  it.each([['10.1.2.3'], ['fd00::1']])('accepts %s', (value) => {
    expect(validateIp(value, 'entries[0].ip')).toEqual([]);
  });

  it.each([[''], ['1.2.3'], [undefined], [null], [10], [{}]])('rejects %p', (value) => {
    expect(validateIp(value, 'entries[0].ip')).toEqual([
      { field: 'entries[0].ip', message: IP_MESSAGE },
    ]);
  });
});

describe('validateHostname (IsDNS1123Subdomain)', () => {
  const label63 = 'a'.repeat(63);
  const host253 = [label63, label63, label63, 'a'.repeat(61)].join('.');

  it.each([['foo.local'], ['a'], ['123'], ['a-b.c-d'], ['xn--bcher-kva.example'], [host253]])(
    'accepts %s',
    (value) => {
      expect(validateHostname(value, 'h')).toEqual([]);
    },
  );

  it.each([['a_b'], ['foo.'], [''], ['-a'], ['a-'], ['a..b'], ['.a'], ['a b'], ['Foo_Bar']])(
    'rejects %j with the Kubernetes message',
    (value) => {
      expect(validateHostname(value, 'h')).toEqual([
        { field: 'h', message: DNS1123_SUBDOMAIN_MESSAGE },
      ]);
    },
  );

  it.each([
    ['Foo.Local', 'foo.local'],
    ['WEB-0', 'web-0'],
  ])('keeps the Kubernetes message for %j and adds the lowercase spelling', (value, lower) => {
    expect(validateHostname(value, 'h')).toEqual([
      {
        field: 'h',
        message: `${DNS1123_SUBDOMAIN_MESSAGE}; did you mean "${lower}"? (names are lowercase)`,
      },
    ]);
  });

  it('rejects 254 characters with the length message only', () => {
    expect(host253).toHaveLength(253);
    expect(validateHostname(`${host253}a`, 'h')).toEqual([
      { field: 'h', message: 'must be no more than 253 characters' },
    ]);
  });

  it('reports both errors when too long and malformed, like Kubernetes', () => {
    expect(validateHostname(`${host253}_`, 'h')).toEqual([
      { field: 'h', message: 'must be no more than 253 characters' },
      { field: 'h', message: DNS1123_SUBDOMAIN_MESSAGE },
    ]);
  });

  it('keeps the exact Kubernetes wording', () => {
    expect(DNS1123_SUBDOMAIN_MESSAGE).toBe(
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    );
  });

  it('rejects non-strings', () => {
    expect(validateHostname(42, 'h')).toEqual([{ field: 'h', message: 'must be a string' }]);
  });
});

describe('validateDns1123Label', () => {
  it.each([['eu-prod'], ['a'], ['123-abc'], ['a'.repeat(63)]])('accepts %s', (value) => {
    expect(validateDns1123Label(value, 'c')).toEqual([]);
  });

  it.each([['a.b'], ['E_U'], ['-a'], ['a-'], ['']])('rejects %j', (value) => {
    expect(validateDns1123Label(value, 'c')).toEqual([
      { field: 'c', message: DNS1123_LABEL_MESSAGE },
    ]);
  });

  it('rejects 64 characters', () => {
    expect(validateDns1123Label('a'.repeat(64), 'c')).toEqual([
      { field: 'c', message: 'must be no more than 63 characters' },
    ]);
  });

  it('keeps the double space of the Kubernetes text', () => {
    expect(DNS1123_LABEL_MESSAGE).toContain("(e.g. 'my-name',  or '123-abc'");
  });
});

describe('set references', () => {
  it.each([
    ['platform/base', { team: 'platform', name: 'base' }],
    ['a/b', { team: 'a', name: 'b' }],
  ])('parses %s', (value, ref) => {
    expect(parseSetRef(value)).toEqual(ref);
    expect(validateSetRef(value, 'includes[0]')).toEqual([]);
  });

  it.each([['platform'], ['a/b/c'], ['/b'], ['a/'], ['A/b'], ['a/b.c'], ['a /b'], ['']])(
    'rejects %j',
    (value) => {
      expect(parseSetRef(value)).toBeNull();
      expect(validateSetRef(value, 'includes[0]')).toEqual([
        { field: 'includes[0]', message: SET_REF_MESSAGE },
      ]);
    },
  );

  it('rejects non-strings', () => {
    expect(validateSetRef(7, 'x')).toEqual([{ field: 'x', message: SET_REF_MESSAGE }]);
  });
});

describe('validatePodInput', () => {
  it('accepts a complete valid pod', () => {
    expect(
      validatePodInput({
        podName: 'web-0.x',
        hostname: 'web-0',
        subdomain: 'web',
        namespace: 'shop',
        clusterDomain: 'cluster.local',
        hostnameOverride: 'web.example.com',
        podIPs: ['10.0.0.1', 'fd00::1'],
      }),
    ).toEqual([]);
  });

  it('treats empty strings as absent', () => {
    expect(validatePodInput({ podName: '', hostname: '', subdomain: '', podIPs: [] })).toEqual([]);
  });

  it('refuses an empty hostnameOverride, as the kubelet does (it is a pointer in the Pod API)', () => {
    expect(validatePodInput({ podName: 'web', hostnameOverride: '', podIPs: [] })).toEqual([
      { field: 'pod.hostnameOverride', message: DNS1123_SUBDOMAIN_MESSAGE },
    ]);
  });

  it('reports every bad field with its path', () => {
    const errors = validatePodInput(
      {
        podName: 'Web',
        hostname: 'a.b',
        subdomain: 'x_y',
        namespace: 'Shop',
        clusterDomain: 'cluster.local.',
        hostnameOverride: 'UPPER',
        podIPs: ['10.0.0.1', '10.0.0.256'],
      },
      'query',
    );
    expect(errors.map((error) => error.field)).toEqual([
      'query.podIPs[1]',
      'query.podName',
      'query.hostname',
      'query.subdomain',
      'query.namespace',
      'query.clusterDomain',
      'query.hostnameOverride',
    ]);
    expect(errors[0].message).toBe(IP_MESSAGE);
    expect(errors[2].message).toBe(DNS1123_LABEL_MESSAGE);
    expect(errors[1].message).toBe(
      `${DNS1123_SUBDOMAIN_MESSAGE}; did you mean "web"? (names are lowercase)`,
    );
  });
});
