import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ArrearsFigureColumns } from './arrears-figure-columns';

/**
 * One line of an arrears slice: the customers of a city and month that share industry and grade.
 * Built at a province from its detail, held as received at the national node; the analytics of
 * arrears read these rows at both.
 */
@Entity('arrears_rollup_cell')
@Index('arrears_rollup_cell_month_idx', ['billingMonth', 'provinceCode'])
export class ArrearsRollupCellEntity extends ArrearsFigureColumns {
  @PrimaryColumn('text', { name: 'city_code' })
  cityCode!: string;

  @PrimaryColumn('text', { name: 'billing_month' })
  billingMonth!: string;

  @PrimaryColumn('text')
  industry!: string;

  @PrimaryColumn('text')
  grade!: string;

  @Column('text', { name: 'province_code' })
  provinceCode!: string;

  @Column('int')
  accounts!: number;

  @Column('int')
  customers!: number;
}
