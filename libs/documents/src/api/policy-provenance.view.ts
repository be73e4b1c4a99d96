import { ApiProperty } from '@nestjs/swagger';

export const POLICY_SOURCES = ['national', 'published', 'override', 'defaults'] as const;
export type PolicySource = (typeof POLICY_SOURCES)[number];

/** Where a policy in force at a node comes from (`source`), as the version of a document held there. */
export function policySource(held: { override: boolean } | undefined): PolicySource {
  return held ? (held.override ? 'override' : 'published') : 'defaults';
}

/** Where a policy served at a node comes from: the fields every policy held as a document shows. */
export abstract class PolicyProvenanceView {
  @ApiProperty({
    type: String,
    nullable: true,
    example: '2026-05-01T08:00:00.000Z',
    description: 'When the issuing node set this version; null for the defaults',
  })
  updatedAt!: string | null;

  @ApiProperty({
    enum: POLICY_SOURCES,
    description:
      "national: the national record; published: the national node's version, received; override: a province's own version for its subtree, over the national one; defaults: configured",
  })
  source!: PolicySource;
}
