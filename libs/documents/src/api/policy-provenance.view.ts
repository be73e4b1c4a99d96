import { ApiProperty } from '@nestjs/swagger';

export const POLICY_SOURCES = ['national', 'published', 'defaults'] as const;
export type PolicySource = (typeof POLICY_SOURCES)[number];

/** Where a policy served at a node comes from: the fields every policy held as a document shows. */
export abstract class PolicyProvenanceView {
  @ApiProperty({
    type: String,
    nullable: true,
    example: '2026-05-01T08:00:00.000Z',
    description: 'When the national node set this version; null for the defaults',
  })
  updatedAt!: string | null;

  @ApiProperty({
    enum: POLICY_SOURCES,
    description:
      'national: the national record; published: received from the national node; defaults: configured',
  })
  source!: PolicySource;
}
