/** Roles a token may carry. Each one's reach is defined once, in `permissions.ts`. */
export const ROLES = [
  'account_manager',
  'city_admin',
  'service_desk',
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

type Tier = 'city' | 'province' | 'national';

/**
 * The tiers of node a role belongs to; a token naming a node of another tier is refused, so that
 * e.g. a `city_admin` role on a national token cannot reach every city's contacts.
 * `node_admin` operates any node; `provisioning_engineer` runs work orders at any tier's node.
 * A billing system posts to one city's doors or to its province's door (province-wide billing).
 */
export const ROLE_TIER: Record<Role, Tier | readonly Tier[] | undefined> = {
  account_manager: 'city',
  city_admin: 'city',
  service_desk: 'city',
  billing_system: ['city', 'province'],
  provisioning_engineer: undefined,
  province_analyst: 'province',
  province_admin: 'province',
  hq_analyst: 'national',
  hq_admin: 'national',
  node_admin: undefined,
};

/** Whether a token of `role` may be bound to a node of `tier`. */
export function roleBelongsTo(role: Role, tier: string): boolean {
  const tiers = ROLE_TIER[role];
  return tiers === undefined || (typeof tiers === 'string' ? tiers === tier : tiers.includes(tier as Tier));
}

/**
 * Roles whose tokens only the node they name accepts: a billing system bound to a province
 * posts to the province's door, not to its cities' doors, and one bound to a city to that city only.
 */
export const ROLES_BOUND_TO_THEIR_NODE: readonly Role[] = ['billing_system'];
