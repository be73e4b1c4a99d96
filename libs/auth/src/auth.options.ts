import type { NodeHierarchy } from './access-scope';

export interface AuthOptions {
  /** Code of the node this process runs as. */
  nodeCode: string;
  hierarchy: NodeHierarchy;
  /** SPKI PEM of the RS256 signing key. One of this or `jwksUrl`. */
  publicKeyPem?: string;
  /** JWKS endpoint of the identity provider; keys are cached and refreshed on unknown `kid`. */
  jwksUrl?: string;
  issuer: string;
  audience: string;
  /** Allowed clock skew when checking `exp`/`nbf`. */
  clockToleranceSeconds: number;
}

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');
