import { ForbiddenException, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { NodeHierarchy } from './access-scope';
import { AuthGuard } from './auth.guard';
import type { AuthOptions } from './auth.options';
import { type AuthenticatedRequest, Public, Requires } from './route-access';
import { TokenVerifier } from './token-verifier';
import { generateSigningKeyPair, signToken } from './tokens/dev-tokens';
import type { Role } from './roles';

/** CN → 440000 → {440100, 440300}; CN → 330000 → 330100. */
const hierarchy: NodeHierarchy = (() => {
  const parent: Record<string, string | undefined> = {
    CN: undefined,
    '440000': 'CN',
    '440100': '440000',
    '440300': '440000',
    '330000': 'CN',
    '330100': '330000',
  };
  const tier = (c: string): string => (c === 'CN' ? 'national' : c.endsWith('0000') ? 'province' : 'city');
  return {
    find: (code) => (code in parent ? { code, tier: tier(code) } : undefined),
    nodes: () => Object.keys(parent).map((code) => ({ code, tier: tier(code) })),
    isWithin: (code, ancestor) => {
      for (let c: string | undefined = code; c; c = parent[c]) if (c === ancestor) return true;
      return false;
    },
  };
})();

class Routes {
  @Public() open(): void {}
  @Requires('customers:read') readCustomers(): void {}
  @Requires('customers:import') importCustomers(): void {}
  undeclared(): void {}
}

const keys = generateSigningKeyPair();
const other = generateSigningKeyPair();
const sign = { issuer: 'kaf-dev', audience: 'kaf', ttlSeconds: 60 };

function guardAt(nodeCode: string): AuthGuard {
  const options: AuthOptions = {
    nodeCode,
    hierarchy,
    publicKeyPem: keys.publicKeyPem,
    issuer: 'kaf-dev',
    audience: 'kaf',
    clockToleranceSeconds: 0,
  };
  return new AuthGuard(new Reflector(), new TokenVerifier(options), options);
}

function context(handler: keyof Routes, authorization?: string) {
  const request: AuthenticatedRequest & { headers: Record<string, string> } = {
    headers: authorization ? { authorization } : {},
  };
  const headers: Record<string, string> = {};
  const reply = { header: (k: string, v: string) => ((headers[k] = v), reply) };
  const ctx = {
    getType: () => 'http',
    // eslint-disable-next-line @typescript-eslint/unbound-method -- the guard reads metadata off it
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }),
  } as unknown as ExecutionContext;
  return { ctx, request, headers };
}

async function bearer(roles: Role[], node: string, subject = 'E001', key = keys.privateKeyPem) {
  return `Bearer ${await signToken(key, { subject, roles, node }, sign)}`;
}

describe('AuthGuard', () => {
  it('lets public routes through without a token', async () => {
    await expect(guardAt('440300').canActivate(context('open').ctx)).resolves.toBe(true);
  });

  it('answers 401 with a Bearer challenge when the token is missing, malformed or forged', async () => {
    for (const authorization of [
      undefined,
      'Basic abc',
      'Bearer not.a.jwt',
      await bearer(['city_admin'], '440300', 'x', other.privateKeyPem),
    ]) {
      const { ctx, headers } = context('readCustomers', authorization);
      await expect(guardAt('440300').canActivate(ctx)).rejects.toBeInstanceOf(UnauthorizedException);
      expect(headers['WWW-Authenticate']).toMatch(/^Bearer /);
    }
  });

  it('refuses an expired token and one for another audience', async () => {
    const expired = await signToken(
      keys.privateKeyPem,
      { subject: 's', roles: ['city_admin'], node: '440300' },
      { ...sign, ttlSeconds: -120 },
    );
    const foreign = await signToken(
      keys.privateKeyPem,
      { subject: 's', roles: ['city_admin'], node: '440300' },
      { ...sign, audience: 'elsewhere' },
    );
    for (const token of [expired, foreign]) {
      await expect(
        guardAt('440300').canActivate(context('readCustomers', `Bearer ${token}`).ctx),
      ).rejects.toBeInstanceOf(UnauthorizedException);
    }
  });

  it('sets a subtree scope for a city admin at their own city', async () => {
    const { ctx, request } = context('readCustomers', await bearer(['city_admin'], '440300'));
    await expect(guardAt('440300').canActivate(ctx)).resolves.toBe(true);
    expect(request.accessScope?.reach).toBe('subtree');
    expect(request.accessScope?.cityCodes()).toEqual(['440300']);
    expect(request.accessScope?.portfolioOf).toBeUndefined();
  });

  it('bounds an account manager by their own staff id', async () => {
    const { ctx, request } = context(
      'readCustomers',
      await bearer(['account_manager'], '440300', 'E440300-007'),
    );
    await guardAt('440300').canActivate(ctx);
    expect(request.accessScope?.portfolioOf).toBe('E440300-007');
  });

  it("refuses a sibling city's token at the node level and lets an ancestor's in", async () => {
    await expect(
      guardAt('440300').canActivate(context('readCustomers', await bearer(['city_admin'], '440100')).ctx),
    ).rejects.toBeInstanceOf(ForbiddenException);
    await expect(
      guardAt('440300').canActivate(
        context('readCustomers', await bearer(['province_analyst'], '330000')).ctx,
      ),
    ).rejects.toBeInstanceOf(ForbiddenException);
    const { ctx, request } = context('readCustomers', await bearer(['province_analyst'], '440000'));
    await expect(guardAt('440300').canActivate(ctx)).resolves.toBe(true);
    expect(request.accessScope?.cityCodes()).toEqual(['440100', '440300']);
  });

  it('lets a city token reach its province node, scoped to its own city', async () => {
    const { ctx, request } = context('readCustomers', await bearer(['city_admin'], '440100'));
    await expect(guardAt('440000').canActivate(ctx)).resolves.toBe(true);
    expect(request.accessScope?.covers('440100')).toBe(true);
    expect(request.accessScope?.covers('440300')).toBe(false);
  });

  it('answers 403 for a function the roles do not hold and for a route without an access rule', async () => {
    await expect(
      guardAt('440300').canActivate(
        context('importCustomers', await bearer(['account_manager'], '440300')).ctx,
      ),
    ).rejects.toBeInstanceOf(ForbiddenException);
    await expect(
      guardAt('440300').canActivate(context('undeclared', await bearer(['city_admin'], '440300')).ctx),
    ).rejects.toBeInstanceOf(ForbiddenException);
  });

  it('refuses a role on a token of the wrong tier', async () => {
    for (const [roles, node] of [
      [['city_admin'], 'CN'],
      [['account_manager'], '440000'],
      [['hq_admin'], '440300'],
      [['province_analyst'], '440300'],
    ] as [Role[], string][]) {
      await expect(
        guardAt('440300').canActivate(context('readCustomers', await bearer(roles, node)).ctx),
      ).rejects.toThrow(/belongs to a/);
    }
    const { ctx } = context('readCustomers', await bearer(['node_admin', 'province_analyst'], '440000'));
    await expect(guardAt('440300').canActivate(ctx)).resolves.toBe(true);
  });

  it('refuses a token naming a node outside the federation', async () => {
    await expect(
      guardAt('440300').canActivate(context('readCustomers', await bearer(['city_admin'], '110000')).ctx),
    ).rejects.toBeInstanceOf(ForbiddenException);
  });
});
