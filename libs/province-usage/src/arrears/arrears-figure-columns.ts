import { Column } from 'typeorm';

/**
 * The figures every arrears table carries (a customer's cell, a slice line, a slice): the overdue
 * bands, what is not yet due and the unallocated credit, in fen. Declared once, applied to each.
 */
export abstract class ArrearsFigureColumns {
  @Column('bigint', { name: 'up_to_30_fen' })
  upTo30Fen!: string;

  @Column('bigint', { name: 'days_31_to_90_fen' })
  days31To90Fen!: string;

  @Column('bigint', { name: 'over_90_fen' })
  over90Fen!: string;

  @Column('bigint', { name: 'not_due_fen' })
  notDueFen!: string;

  @Column('bigint', { name: 'unallocated_fen' })
  unallocatedFen!: string;
}
