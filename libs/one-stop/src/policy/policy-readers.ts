import type { Permission } from '@kaf/auth';

/**
 * Who may read the one-stop policy at any node: everyone who works with one-stop orders (the
 * SLAs time their segments, the shares settle their circuits).
 */
export const POLICY_READERS: [Permission, ...Permission[]] = [
  'one-stop:read',
  'one-stop-policy:write',
  'circuit-orders:read',
  'work-orders:read',
  'settlements:read',
];
