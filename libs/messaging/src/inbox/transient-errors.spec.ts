import { isTransientError } from './transient-errors';

describe('isTransientError', () => {
  it.each([
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
    ['admin shutdown', Object.assign(new Error('terminating connection'), { code: '57P01' })],
    ['statement timeout', Object.assign(new Error('canceling statement'), { code: '57014' })],
    ['connection class 08', Object.assign(new Error('connection failure'), { code: '08006' })],
    ['a dropped client', new Error('Connection terminated unexpectedly')],
    ['a wrapped driver error', Object.assign(new Error('query failed'), { driverError: { code: '40001' } })],
    ['a cause chain', new Error('outer', { cause: new Error('inner', { cause: { code: 'ECONNRESET' } }) })],
  ])('treats %s as transient', (_name, error) => {
    expect(isTransientError(error)).toBe(true);
  });

  it.each([
    ['a handler bug', new TypeError('cannot read properties of undefined')],
    ['a constraint violation', Object.assign(new Error('duplicate key'), { code: '23505' })],
    [
      'invalid input syntax',
      Object.assign(new Error('invalid input syntax for type uuid'), { code: '22P02' }),
    ],
    ['not an error', 'boom'],
  ])('treats %s as the message’s own failure', (_name, error) => {
    expect(isTransientError(error)).toBe(false);
  });
});
