/** The parts a circuit is split into: the two ends and, between different cities, the transit. */
export const SEGMENT_ROLES = ['a_end', 'z_end', 'transit'] as const;
export type SegmentRole = (typeof SEGMENT_ROLES)[number];

export function isSegmentRole(value: unknown): value is SegmentRole {
  return typeof value === 'string' && (SEGMENT_ROLES as readonly string[]).includes(value);
}
