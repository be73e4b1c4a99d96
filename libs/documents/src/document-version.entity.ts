import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The highest version of each key of each document this node holds, as issued (at the issuer) or
 * received from the parent (below it). Resync answers and relays are read from here.
 */
@Entity({ name: 'document_version' })
export class DocumentVersionEntity {
  @PrimaryColumn('text')
  document!: string;

  @PrimaryColumn('text', { name: 'key' })
  key!: string;

  @PrimaryColumn('text')
  issuer!: string;

  @Column('bigint')
  version!: string;

  /** Encoded with the document's own protobuf message. */
  @Column('bytea')
  body!: Buffer;

  /** The issuer withdrew its version of the key (a province's override withdrawn); the body is empty. */
  @Column('boolean', { default: false })
  withdrawn!: boolean;

  /** `{ tiers, nodes }`, as published. */
  @Column('jsonb')
  audience!: { tiers?: string[]; nodes?: string[] };

  @Column('timestamptz', { name: 'published_at' })
  publishedAt!: Date;

  /** When this node stored the version (at the issuer: when it was issued). */
  @Column('timestamptz', { name: 'stored_at', default: () => 'now()' })
  storedAt!: Date;
}
