import type { Permission } from '@kaf/auth';

/**
 * Who may read the service policy and the working calendar at any node: those who set them, and
 * the staff whose work they time (customer-facing staff, analysts, engineers, node operators).
 */
export const SERVICE_POLICY_READERS: [Permission, ...Permission[]] = [
  'service-policy:write',
  'customers:read',
  'analytics:read',
  'work-orders:read',
  'federation:read',
];
