import { UnauthorizedException } from '@nestjs/common';
import { toPrincipal } from './token-verifier';

describe('token claims', () => {
  const valid = { sub: 'E440300-001', roles: ['account_manager'], node: '440300', exp: 1 };

  it('maps sub, roles and node to a principal, dropping duplicate roles', () => {
    expect(toPrincipal({ ...valid, roles: ['account_manager', 'account_manager'], name: '李雷' })).toEqual({
      subject: 'E440300-001',
      roles: ['account_manager'],
      nodeCode: '440300',
      name: '李雷',
    });
  });

  it.each([
    ['an unknown role', { roles: ['superuser'] }, /unknown role/],
    ['no roles', { roles: [] }, /roles/],
    ['roles that are not a list', { roles: 'city_admin' }, /roles/],
    ['a node that is not a node code', { node: 'guangdong' }, /node/],
    ['a missing node', { node: undefined }, /node/],
    ['a subject with spaces', { sub: 'a b' }, /sub/],
  ])('refuses %s', (_case, override, message) => {
    expect(() => toPrincipal({ ...valid, ...override })).toThrow(UnauthorizedException);
    expect(() => toPrincipal({ ...valid, ...override })).toThrow(message);
  });
});
