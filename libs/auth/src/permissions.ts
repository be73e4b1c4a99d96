import type { Role } from './roles';

/** Functions an endpoint can require. `<resource>:<verb>`. */
export const PERMISSIONS = [
  'customers:read',
  'customers:write',
  'customers:import',
  'customers:export',
  'customers:resync',
  'contacts:read',
  'contacts:write',
  'managers:read',
  'managers:write',
  'groups:read',
  'groups:write',
  'group-members:read',
  'group-members:write',
  'agreements:read',
  'agreements:write',
  'visits:read',
  'visits:write',
  'audit:read',
  'federation:read',
  'federation:operate',
  'billing:ingest',
  'billing:operate',
  'billing-policy:write',
  'service-policy:write',
  'analytics:read',
  'reconciliation:read',
  'reconciliation:run',
  'circuit-orders:read',
  'circuit-orders:write',
  'work-orders:read',
  'work-orders:operate',
  'circuit-tariffs:write',
  'one-stop:read',
  'one-stop:coordinate',
  'one-stop-policy:write',
  'settlements:read',
  'settlements:run',
  'escalations:read',
  'escalations:acknowledge',
  'trouble-tickets:read',
  'trouble-tickets:write',
  'service-quality:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * How far a granted permission reaches:
 * - `subtree`: every record owned by the principal's node or a node below it;
 * - `portfolio`: only records of customers assigned to the principal (an account manager).
 */
export type Reach = 'subtree' | 'portfolio';

const ACCOUNT_MANAGER: Partial<Record<Permission, Reach>> = {
  'customers:read': 'portfolio',
  'customers:write': 'portfolio',
  'customers:export': 'portfolio',
  'contacts:read': 'portfolio',
  'contacts:write': 'portfolio',
  'managers:read': 'subtree',
  'groups:read': 'subtree',
  'group-members:write': 'portfolio',
  'agreements:read': 'portfolio',
  'agreements:write': 'portfolio',
  'visits:read': 'portfolio',
  'visits:write': 'portfolio',
  'circuit-orders:read': 'portfolio',
  'circuit-orders:write': 'portfolio',
  'trouble-tickets:read': 'portfolio',
  'trouble-tickets:write': 'portfolio',
};

/**
 * The city's service desk (客服): takes and works every ticket of the city. It reads what a ticket
 * names (customers, their contacts as reporters, circuits, agreements, managers as owners) and
 * the tasks its return visits raise, and changes nothing else.
 */
const SERVICE_DESK: Partial<Record<Permission, Reach>> = {
  'trouble-tickets:read': 'subtree',
  'trouble-tickets:write': 'subtree',
  'customers:read': 'subtree',
  'contacts:read': 'subtree',
  'managers:read': 'subtree',
  'agreements:read': 'subtree',
  'circuit-orders:read': 'subtree',
  'visits:read': 'subtree',
  'service-quality:read': 'subtree',
};

/** Staff who run the work orders of one-stop circuit segments at their node (any tier). */
const PROVISIONING_ENGINEER: Partial<Record<Permission, Reach>> = {
  'work-orders:read': 'subtree',
  'work-orders:operate': 'subtree',
};

const PROVINCE_ANALYST: Partial<Record<Permission, Reach>> = {
  'customers:read': 'subtree',
  'group-members:read': 'subtree',
  'customers:export': 'subtree',
  'managers:read': 'subtree',
  'groups:read': 'subtree',
  'agreements:read': 'subtree',
  'analytics:read': 'subtree',
  'reconciliation:read': 'subtree',
  'one-stop:read': 'subtree',
  'escalations:read': 'subtree',
};

/**
 * The authorisation matrix: for each role, the permissions it holds and how far each reaches.
 * Contacts (personal data) are reachable by city roles only. HQ roles see the group registry and
 * aggregates, never a city's customer file. A permission absent here is refused with 403.
 */
export const ROLE_GRANTS: Record<Role, Partial<Record<Permission, Reach>>> = {
  account_manager: ACCOUNT_MANAGER,
  city_admin: {
    ...Object.fromEntries(Object.keys(ACCOUNT_MANAGER).map((p) => [p, 'subtree'])),
    'customers:import': 'subtree',
    'group-members:read': 'subtree',
    'managers:write': 'subtree',
    'audit:read': 'subtree',
    'federation:read': 'subtree',
    'billing:operate': 'subtree',
    ...PROVISIONING_ENGINEER,
    'circuit-tariffs:write': 'subtree',
    // The city's own service quality (ADR 0048), not the analytics of the tiers above.
    'service-quality:read': 'subtree',
  },
  service_desk: SERVICE_DESK,
  province_analyst: PROVINCE_ANALYST,
  province_admin: {
    ...PROVINCE_ANALYST,
    'customers:resync': 'subtree',
    'audit:read': 'subtree',
    'federation:read': 'subtree',
    'reconciliation:run': 'subtree',
    ...PROVISIONING_ENGINEER,
    'circuit-tariffs:write': 'subtree',
    'one-stop:coordinate': 'subtree',
    'settlements:read': 'subtree',
    // The province's own billing policy for its cities, over the national one (ADR 0032).
    'billing-policy:write': 'subtree',
    // Its own service policy (SLA targets) for its cities, the same way (ADR 0044).
    'service-policy:write': 'subtree',
    // Parked billing events: the province-wide door's, and its cities' (what the province routed
    // there and the cities could not book) (ADR 0035).
    'billing:operate': 'subtree',
    // Escalations of its cities' tickets and of the orders it coordinates (ADR 0045).
    'escalations:acknowledge': 'subtree',
  },
  hq_analyst: {
    'groups:read': 'subtree',
    'group-members:read': 'subtree',
    'analytics:read': 'subtree',
    'reconciliation:read': 'subtree',
    'one-stop:read': 'subtree',
    'settlements:read': 'subtree',
    'escalations:read': 'subtree',
  },
  hq_admin: {
    'groups:read': 'subtree',
    'group-members:read': 'subtree',
    'groups:write': 'subtree',
    'audit:read': 'subtree',
    'federation:read': 'subtree',
    'analytics:read': 'subtree',
    'billing-policy:write': 'subtree',
    'service-policy:write': 'subtree',
    'reconciliation:read': 'subtree',
    'reconciliation:run': 'subtree',
    ...PROVISIONING_ENGINEER,
    'circuit-tariffs:write': 'subtree',
    'one-stop:read': 'subtree',
    'one-stop:coordinate': 'subtree',
    'one-stop-policy:write': 'subtree',
    'settlements:read': 'subtree',
    'settlements:run': 'subtree',
    'escalations:read': 'subtree',
    'escalations:acknowledge': 'subtree',
  },
  provisioning_engineer: PROVISIONING_ENGINEER,
  billing_system: { 'billing:ingest': 'subtree' },
  node_admin: {
    'customers:resync': 'subtree',
    'billing:operate': 'subtree',
    'reconciliation:read': 'subtree',
    'reconciliation:run': 'subtree',
    'federation:read': 'subtree',
    'federation:operate': 'subtree',
    'audit:read': 'subtree',
  },
};

/** The widest reach any of `roles` grants for `permission`, or undefined when none grants it. */
export function reachOf(roles: readonly Role[], permission: Permission): Reach | undefined {
  let reach: Reach | undefined;
  for (const role of roles) {
    const granted = ROLE_GRANTS[role][permission];
    if (granted === 'subtree') return 'subtree';
    if (granted) reach = granted;
  }
  return reach;
}
