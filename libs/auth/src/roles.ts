/** Roles a token may carry. Each one's reach is defined once, in `permissions.ts`. */
export const ROLES = [
  'account_manager',
  'city_admin',
  'province_analyst',
  'province_admin',
  'hq_analyst',
  'hq_admin',
  'billing_system',
  'provisioning_engineer',
  'node_admin',
] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * The tier of node a role belongs to; a token naming a node of another tier is refused, so that
 * e.g. a `city_admin` role on a national token cannot reach every city's contacts.
 * `node_admin` operates any node; `provisioning_engineer` runs work orders at any tier's node.
 */
export const ROLE_TIER: Record<Role, 'city' | 'province' | 'national' | undefined> = {
  account_manager: 'city',
  city_admin: 'city',
  billing_system: 'city',
  provisioning_engineer: undefined,
  province_analyst: 'province',
  province_admin: 'province',
  hq_analyst: 'national',
  hq_admin: 'national',
  node_admin: undefined,
};
