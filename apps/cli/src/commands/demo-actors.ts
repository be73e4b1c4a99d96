import type { Role } from '@kaf/auth';
import { mintDevToken } from '../auth/mint-token';
import { readState } from '../federation/federation-state';
import { NodeApi } from '../seed/node-api';
import type { CliContext } from './command';
import { displayPath } from './federation-options';

const TOKEN_TTL_SECONDS = 3600;

/** Clients of the nodes a walk-through needs, as the people who act there (development tokens). */
export interface DemoNodes {
  /** Administrator of each node: hq_admin at CN, province_admin, city_admin. */
  admin(code: string): NodeApi;
  /** Provisioning engineer of each node. */
  engineer(code: string): NodeApi;
  /** Anyone else, by role and subject. */
  as(code: string, role: Role, subject: string): Promise<NodeApi>;
}

/**
 * The clients of `codes` in the federation recorded in `runDir`, or undefined (said on stderr
 * as `command: …`) when one of them is not recorded there.
 */
export async function demoNodes(
  command: string,
  runDir: string,
  codes: readonly string[],
  ctx: CliContext,
): Promise<DemoNodes | undefined> {
  const state = readState(runDir);
  const urls = new Map((state?.nodes ?? []).map((n) => [n.code, n.url]));
  const missing = codes.filter((code) => !urls.has(code));
  if (missing.length > 0) {
    ctx.err(`${command}: nodes ${missing.join(', ')} are not recorded in ${displayPath(ctx, runDir)}`);
    return undefined;
  }
  const as = async (code: string, role: Role, subject: string): Promise<NodeApi> =>
    new NodeApi(
      code,
      urls.get(code)!,
      await mintDevToken(runDir, { subject, roles: [role], node: code, ttlSeconds: TOKEN_TTL_SECONDS }),
      30_000,
    );
  const admins = new Map<string, NodeApi>();
  const engineers = new Map<string, NodeApi>();
  for (const code of codes) {
    const role = code === 'CN' ? 'hq_admin' : code.endsWith('0000') ? 'province_admin' : 'city_admin';
    admins.set(code, await as(code, role, `demo-admin@${code}`));
    engineers.set(code, await as(code, 'provisioning_engineer', `ENG-${code}-01`));
  }
  return { admin: (code) => admins.get(code)!, engineer: (code) => engineers.get(code)!, as };
}
