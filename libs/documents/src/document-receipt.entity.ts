import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The version of a document key a node has applied, and when: a node's own receipts, and those of
 * its subtree reported from below. The highest version per node and key wins.
 */
@Entity({ name: 'document_receipt' })
export class DocumentReceiptEntity {
  @PrimaryColumn('text')
  document!: string;

  @PrimaryColumn('text', { name: 'key' })
  key!: string;

  @PrimaryColumn('text')
  issuer!: string;

  @PrimaryColumn('text')
  node!: string;

  @Column('bigint')
  version!: string;

  @Column('timestamptz', { name: 'applied_at' })
  appliedAt!: Date;

  /** When this node learnt of the receipt. */
  @Column('timestamptz', { name: 'received_at', default: () => 'now()' })
  receivedAt!: Date;
}
