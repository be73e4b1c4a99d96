import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { AccessScope } from './access-scope';
import type { Permission } from './permissions';
import type { Principal } from './principal';

export const ROUTE_ACCESS = 'kaf:route-access';

export type RouteAccess = { kind: 'public' } | { kind: 'permission'; anyOf: readonly Permission[] };

/** Open without a token (health, metrics). Every other route must name its permission. */
export const Public = (): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata<string, RouteAccess>(ROUTE_ACCESS, { kind: 'public' }),
    ApiExtension(PERMISSIONS_EXTENSION, []),
  );

/** OpenAPI extension listing the permissions an operation needs (empty: public). */
export const PERMISSIONS_EXTENSION = 'x-kaf-permissions';

/**
 * The permission a route needs (any one of several). The widest reach among those the caller
 * holds becomes the request's `AccessScope`.
 */
export const Requires = (...anyOf: [Permission, ...Permission[]]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata<string, RouteAccess>(ROUTE_ACCESS, { kind: 'permission', anyOf }),
    ApiExtension(PERMISSIONS_EXTENSION, anyOf),
  );

/** Request fields the guard fills in. */
export interface AuthenticatedRequest {
  principal?: Principal;
  accessScope?: AccessScope;
}

/** The request's access scope (route must be guarded by `@Requires`). */
export const Scope = createParamDecorator((_: unknown, ctx: ExecutionContext): AccessScope => {
  const scope = ctx.switchToHttp().getRequest<AuthenticatedRequest>().accessScope;
  if (!scope) throw new Error('no access scope on this request: is the route marked @Requires?');
  return scope;
});
