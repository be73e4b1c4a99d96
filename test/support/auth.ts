import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
// Jest's global setup loads this module in its parent process, where moduleNameMapper does not
// apply, so it reaches the lib's public index by path rather than through the alias.
// eslint-disable-next-line no-restricted-imports -- see above
import { generateSigningKeyPair, type Role, signToken } from '../../libs/auth/src';
import { REPO_ROOT } from './paths';

/** Key pair the suites sign tokens with; nodes under test verify with its public half. */
export const TEST_AUTH_DIR = join(REPO_ROOT, '.run/test-auth');
export const TEST_PUBLIC_KEY_FILE = join(TEST_AUTH_DIR, 'public-key.pem');
const PRIVATE_KEY_FILE = join(TEST_AUTH_DIR, 'signing-key.pem');

/** Creates the key pair once per checkout (global setup calls it; atomic against parallel runs). */
export function ensureTestSigningKeys(): void {
  if (existsSync(PRIVATE_KEY_FILE) && existsSync(TEST_PUBLIC_KEY_FILE)) return;
  mkdirSync(TEST_AUTH_DIR, { recursive: true });
  const pair = generateSigningKeyPair();
  const suffix = `.${process.pid}.tmp`;
  writeFileSync(PRIVATE_KEY_FILE + suffix, pair.privateKeyPem, { mode: 0o600 });
  writeFileSync(TEST_PUBLIC_KEY_FILE + suffix, pair.publicKeyPem);
  renameSync(PRIVATE_KEY_FILE + suffix, PRIVATE_KEY_FILE);
  renameSync(TEST_PUBLIC_KEY_FILE + suffix, TEST_PUBLIC_KEY_FILE);
}

export interface TokenSpec {
  roles: Role | Role[];
  node: string;
  /** Defaults to `<first role>@<node>`. For account managers: their staff id. */
  subject?: string;
}

const cache = new Map<string, Promise<string>>();

/** A signed bearer token for the suites (issuer and audience are the nodes' defaults). */
export function tokenFor(spec: TokenSpec): Promise<string> {
  const roles = Array.isArray(spec.roles) ? spec.roles : [spec.roles];
  const subject = spec.subject ?? `${roles[0]}@${spec.node}`;
  const key = `${roles.join('+')}|${spec.node}|${subject}`;
  let token = cache.get(key);
  if (!token) {
    ensureTestSigningKeys();
    token = signToken(
      readFileSync(PRIVATE_KEY_FILE, 'utf8'),
      { subject, roles, node: spec.node },
      { issuer: 'kaf-dev', audience: 'kaf', ttlSeconds: 4 * 3600 },
    );
    cache.set(key, token);
  }
  return token;
}

/** Signs arbitrary claims with the test key (for malformed-token cases). */
export function signRaw(
  claims: { subject: string; roles: Role[]; node: string },
  options: { issuer?: string; audience?: string; ttlSeconds?: number } = {},
): Promise<string> {
  ensureTestSigningKeys();
  return signToken(readFileSync(PRIVATE_KEY_FILE, 'utf8'), claims, {
    issuer: options.issuer ?? 'kaf-dev',
    audience: options.audience ?? 'kaf',
    ttlSeconds: options.ttlSeconds ?? 600,
  });
}

/** Operator of every node: reaches the whole federation for federation and audit functions. */
export const adminToken = (): Promise<string> => tokenFor({ roles: 'node_admin', node: 'CN' });
