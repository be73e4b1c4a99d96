import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { SignJWT, importPKCS8 } from 'jose';
import type { Role } from '../roles';

export interface SigningKeyPair {
  /** PKCS#8 PEM. Keep it with whoever mints tokens. */
  privateKeyPem: string;
  /** SPKI PEM. Nodes verify tokens with it (`AUTH_JWT_PUBLIC_KEY_FILE`). */
  publicKeyPem: string;
}

/** A fresh RSA key pair for signing development and test tokens. */
export function generateSigningKeyPair(): SigningKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

export interface TokenClaims {
  subject: string;
  roles: readonly Role[];
  node: string;
  name?: string;
}

export interface SignOptions {
  issuer: string;
  audience: string;
  /** Lifetime in seconds. */
  ttlSeconds: number;
}

/**
 * Signs an RS256 token with the claims the nodes expect. For development and tests; production
 * tokens come from the operator's identity provider.
 */
export async function signToken(
  privateKeyPem: string,
  claims: TokenClaims,
  options: SignOptions,
): Promise<string> {
  const key = await importPKCS8(privateKeyPem, 'RS256');
  return new SignJWT({
    roles: [...claims.roles],
    node: claims.node,
    ...(claims.name ? { name: claims.name } : {}),
  })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .setSubject(claims.subject)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt()
    .setJti(randomUUID())
    .setExpirationTime(Math.floor(Date.now() / 1000) + options.ttlSeconds)
    .sign(key);
}
