import { type Role, signToken } from '@kaf/auth';
import { readPrivateKey } from './dev-keys';

export interface DevTokenRequest {
  subject: string;
  roles: readonly Role[];
  node: string;
  name?: string;
  ttlSeconds: number;
}

/**
 * Issuer and audience the nodes check. A node reads AUTH_JWT_ISSUER / AUTH_JWT_AUDIENCE from the
 * environment it was started with, which `federation up` inherits from its caller; reading the
 * same variables here keeps tokens and nodes in agreement.
 */
export function devTokenAudience(env: NodeJS.ProcessEnv = process.env): { issuer: string; audience: string } {
  return { issuer: env.AUTH_JWT_ISSUER || 'kaf-dev', audience: env.AUTH_JWT_AUDIENCE || 'kaf' };
}

/** Signs a token with the run directory's development key. */
export function mintDevToken(runDir: string, request: DevTokenRequest): Promise<string> {
  return signToken(
    readPrivateKey(runDir),
    {
      subject: request.subject,
      roles: request.roles,
      node: request.node,
      ...(request.name ? { name: request.name } : {}),
    },
    { ...devTokenAudience(), ttlSeconds: request.ttlSeconds },
  );
}

/** The operator of the whole federation: reads every node's federation views. */
export function operatorToken(runDir: string, ttlSeconds: number): Promise<string> {
  return mintDevToken(runDir, { subject: 'node_admin@CN', roles: ['node_admin'], node: 'CN', ttlSeconds });
}
