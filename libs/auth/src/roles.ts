/** Roles a token may carry. Each one's reach is defined once, in `permissions.ts`. */
export const ROLES = [
  'account_manager',
  'city_admin',
  'province_analyst',
  'province_admin',
  'hq_analyst',
  'hq_admin',
  'billing_system',
  'node_admin',
] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
