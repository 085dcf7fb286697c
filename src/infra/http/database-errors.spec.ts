import { classifyDatabaseError } from './database-errors';

/** pg's DatabaseError carries the SQLSTATE in `code` and a severity. */
function pgError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, severity: 'FATAL' });
}

/** Prisma 7 wraps a driver error it has no code for as P2039/P2010 with the original in meta. */
function prismaWrapped(originalCode: string, originalMessage: string): Error {
  return Object.assign(new Error(`Database error. Code: \`${originalCode}\`.`), {
    name: 'PrismaClientKnownRequestError',
    code: 'P2039',
    meta: {
      driverAdapterError: Object.assign(new Error('DriverAdapterError'), {
        cause: { kind: 'postgres', originalCode, originalMessage },
      }),
    },
  });
}

describe('classifyDatabaseError', () => {
  it.each<[string, unknown, 'unavailable' | 'invalid' | undefined]>([
    [
      '57P01 admin shutdown',
      pgError('57P01', 'terminating connection due to administrator command'),
      'unavailable',
    ],
    [
      '57P03 shutting down',
      pgError('57P03', 'the database system is shutting down'),
      'unavailable',
    ],
    [
      '57P03 wrapped by Prisma',
      prismaWrapped('57P03', 'the database system is starting up'),
      'unavailable',
    ],
    ['57P01 wrapped by Prisma', prismaWrapped('57P01', 'terminating connection'), 'unavailable'],
    ['08006 connection failure', pgError('08006', 'connection failure'), 'unavailable'],
    [
      '53300 too many connections',
      pgError('53300', 'sorry, too many clients already'),
      'unavailable',
    ],
    [
      '57014 statement timeout',
      pgError('57014', 'canceling statement due to statement timeout'),
      'unavailable',
    ],
    [
      '25P03 idle in transaction',
      pgError('25P03', 'terminating connection due to idle-in-transaction timeout'),
      'unavailable',
    ],
    [
      '55P03 lock timeout',
      pgError('55P03', 'canceling statement due to lock timeout'),
      'unavailable',
    ],
    [
      'Prisma P1017',
      Object.assign(new Error('Server has closed the connection.'), { code: 'P1017' }),
      'unavailable',
    ],
    ['closed, message only', new Error('Server has closed the connection.'), 'unavailable'],
    [
      'not queryable',
      new Error('Client has encountered a connection error and is not queryable'),
      'unavailable',
    ],
    ['pool wait', new Error('timeout exceeded when trying to connect'), 'unavailable'],
    [
      'connect timeout',
      new Error('Connection terminated due to connection timeout'),
      'unavailable',
    ],
    ['frozen server', new Error('Query read timeout'), 'unavailable'],
    [
      'socket refused',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      'unavailable',
    ],
    [
      'adapter kind',
      { name: 'DriverAdapterError', cause: { kind: 'ConnectionClosed' } },
      'unavailable',
    ],
    ['cause chain', new Error('outer', { cause: pgError('57P01', 'terminating') }), 'unavailable'],
    [
      'Prisma transaction start timeout',
      Object.assign(
        new Error('Transaction API error: Unable to start a transaction in the given time.'),
        { code: 'P2028' },
      ),
      'unavailable',
    ],
    [
      '22003 out of range',
      pgError('22003', 'value "3000000000" is out of range for type integer'),
      'invalid',
    ],
    [
      '22021 NUL byte',
      pgError('22021', 'invalid byte sequence for encoding "UTF8": 0x00'),
      'invalid',
    ],
    ['22008 date overflow', prismaWrapped('22008', 'timestamp out of range'), 'invalid'],
    [
      'Prisma P2020',
      Object.assign(new Error('Value out of range for the type.'), { code: 'P2020' }),
      'invalid',
    ],
    ['a bug', new Error('Cannot read properties of undefined'), undefined],
    ['not an error', 'boom', undefined],
    ['unique violation is not ours to classify', pgError('23505', 'duplicate key'), undefined],
  ])('%s', (_name, error, expected) => {
    expect(classifyDatabaseError(error)).toBe(expected);
  });
});
