import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import {
  createRemoteJWKSet,
  importSPKI,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
  type KeyLike,
} from 'jose';
import { AUTH_OPTIONS, type AuthOptions } from './auth.options';
import type { Principal } from './principal';
import { isRole, type Role } from './roles';

/** Longest token accepted; anything larger is not one of ours. */
const MAX_TOKEN_LENGTH = 8192;
const SUBJECT = /^[\w.@:-]{1,128}$/;

/** Verifies RS256 bearer tokens against a configured public key or a JWKS endpoint. */
@Injectable()
export class TokenVerifier {
  private key: Promise<KeyLike> | JWTVerifyGetKey | undefined;

  constructor(@Inject(AUTH_OPTIONS) private readonly options: AuthOptions) {}

  async verify(token: string): Promise<Principal> {
    if (token.length > MAX_TOKEN_LENGTH) throw new UnauthorizedException('bearer token is too long');
    let payload: JWTPayload;
    try {
      const key = this.signingKey();
      const verifyOptions = {
        algorithms: ['RS256'],
        issuer: this.options.issuer,
        audience: this.options.audience,
        clockTolerance: this.options.clockToleranceSeconds,
        requiredClaims: ['exp', 'sub'],
      };
      ({ payload } =
        typeof key === 'function'
          ? await jwtVerify(token, key, verifyOptions)
          : await jwtVerify(token, await key, verifyOptions));
    } catch (error) {
      throw new UnauthorizedException(`invalid bearer token: ${describe(error)}`);
    }
    return toPrincipal(payload);
  }

  private signingKey(): Promise<KeyLike> | JWTVerifyGetKey {
    if (!this.key) {
      if (this.options.jwksUrl) this.key = createRemoteJWKSet(new URL(this.options.jwksUrl));
      else if (this.options.publicKeyPem) this.key = importSPKI(this.options.publicKeyPem, 'RS256');
      else throw new Error('auth: neither a public key nor a JWKS URL is configured');
    }
    return this.key;
  }
}

/** Checks the claims our tokens carry: `sub`, `roles`, `node`, optional `name`. */
export function toPrincipal(payload: JWTPayload): Principal {
  const { sub, roles, node, name, jti } = payload as JWTPayload & Record<string, unknown>;
  if (typeof sub !== 'string' || !SUBJECT.test(sub)) {
    throw new UnauthorizedException('invalid bearer token: sub must be 1-128 letters, digits or ._@:-');
  }
  if (!Array.isArray(roles) || roles.length === 0 || roles.length > 16) {
    throw new UnauthorizedException('invalid bearer token: roles must be a non-empty list');
  }
  const unknown = roles.filter((r) => !isRole(r));
  if (unknown.length) {
    throw new UnauthorizedException(`invalid bearer token: unknown role ${JSON.stringify(unknown[0])}`);
  }
  if (typeof node !== 'string' || !/^(CN|\d{6})$/.test(node)) {
    throw new UnauthorizedException('invalid bearer token: node must be CN or a 6-digit node code');
  }
  return {
    subject: sub,
    roles: [...new Set(roles as Role[])],
    nodeCode: node,
    ...(typeof name === 'string' && name.length <= 128 ? { name } : {}),
    ...(typeof jti === 'string' ? { tokenId: jti } : {}),
  };
}

function describe(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  if (code === 'ERR_JWT_EXPIRED') return 'expired';
  if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') return 'signature does not verify';
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') return (error as Error).message;
  if (code === 'ERR_JWKS_NO_MATCHING_KEY') return 'no matching key';
  return error instanceof Error ? error.message : 'malformed';
}
