import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccessScope } from './access-scope';
import { AUTH_OPTIONS, type AuthOptions } from './auth.options';
import { type Permission, type Reach, reachOf } from './permissions';
import type { Principal } from './principal';
import { ROLE_TIER, ROLES_BOUND_TO_THEIR_NODE, roleBelongsTo } from './roles';
import { type AuthenticatedRequest, ROUTE_ACCESS, type RouteAccess } from './route-access';
import { TokenVerifier } from './token-verifier';

/**
 * Global guard: every HTTP route is either `@Public()` or names the permission it needs; a route
 * that declares neither is refused (fail closed). The token's node must be this node, one of its
 * ancestors, or one of its descendants: a sibling's token never gets in.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (access?.kind === 'public') return true;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & AuthenticatedRequest>();
    let principal: Principal;
    try {
      principal = await this.verifier.verify(bearerToken(request));
    } catch (error) {
      void http
        .getResponse<FastifyReply>()
        .header('WWW-Authenticate', 'Bearer realm="kaf", error="invalid_token"');
      throw error;
    }
    this.checkNodeReach(principal);
    request.principal = principal;
    if (!access) throw new ForbiddenException('this route declares no access rule');
    let granted: { permission: Permission; reach: Reach } | undefined;
    for (const permission of access.anyOf) {
      const reach = reachOf(principal.roles, permission);
      if (reach && (!granted || (granted.reach === 'portfolio' && reach === 'subtree'))) {
        granted = { permission, reach };
      }
    }
    if (!granted) {
      throw new ForbiddenException(
        `roles ${principal.roles.join(', ')} may not ${access.anyOf.join(' or ')}`,
      );
    }
    request.accessScope = new AccessScope(
      principal,
      granted.permission,
      granted.reach,
      this.options.hierarchy,
    );
    return true;
  }

  private checkNodeReach(principal: Principal): void {
    const { hierarchy, nodeCode } = this.options;
    const home = hierarchy.find(principal.nodeCode);
    if (!home) {
      throw new ForbiddenException(`token node ${principal.nodeCode} is not in this federation`);
    }
    const misplaced = principal.roles.find((r) => !roleBelongsTo(r, home.tier));
    if (misplaced) {
      const tiers = [ROLE_TIER[misplaced]].flat().join(' or ');
      throw new ForbiddenException(
        `role ${misplaced} belongs to a ${tiers} node, not the ${home.tier} node ${home.code}`,
      );
    }
    const bound = principal.roles.find((r) => ROLES_BOUND_TO_THEIR_NODE.includes(r));
    if (bound && principal.nodeCode !== nodeCode) {
      throw new ForbiddenException(
        `a ${bound} token of node ${principal.nodeCode} is accepted by that node only, not by ${nodeCode}`,
      );
    }
    const related =
      hierarchy.isWithin(nodeCode, principal.nodeCode) || hierarchy.isWithin(principal.nodeCode, nodeCode);
    if (!related) {
      throw new ForbiddenException(`a token of node ${principal.nodeCode} does not reach node ${nodeCode}`);
    }
  }
}

function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (!header) throw new UnauthorizedException('missing bearer token (Authorization: Bearer <jwt>)');
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw new UnauthorizedException('Authorization header must be "Bearer <jwt>"');
  return match[1];
}
