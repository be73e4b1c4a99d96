import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const BILL_STATUSES = ['open', 'paid', 'overdue'] as const;
/** `paid`: nothing open; `overdue`: open past its due date; `open`: open, not yet due. */
export type BillStatus = (typeof BILL_STATUSES)[number];

export class BillView {
  @ApiProperty({ example: 'BILL-2026-04-0001' }) eventId!: string;
  @ApiProperty({ example: 'GZ-8800012345' }) billingAccount!: string;
  @ApiProperty({ example: '2026-04' }) billingMonth!: string;
  @ApiProperty({ example: '1250000', description: 'Whole fen as a decimal string' }) amountDueFen!: string;
  @ApiProperty({ example: '1000000' }) paidFen!: string;
  @ApiProperty({ example: '250000' }) openFen!: string;
  @ApiProperty({ format: 'date', example: '2026-05-15' }) dueDate!: string;
  @ApiProperty({ example: 5, description: 'Days past the due date while anything is open, else 0' })
  daysOverdue!: number;
  @ApiProperty({ enum: BILL_STATUSES }) status!: BillStatus;
}

export class SettlementView {
  @ApiProperty({ example: 'BILL-2026-04-0001' }) billEventId!: string;
  @ApiProperty({ example: '2026-04' }) billingMonth!: string;
  @ApiProperty({ example: '1000000' }) amountFen!: string;
}

export class PaymentView {
  @ApiProperty({ example: 'PAY-0001' }) eventId!: string;
  @ApiProperty({ example: 'GZ-8800012345' }) billingAccount!: string;
  @ApiProperty({ example: '1000000', description: 'Negative: a reversal' }) amountFen!: string;
  @ApiProperty({ format: 'date', example: '2026-05-10' }) paidOn!: string;
  @ApiPropertyOptional({ example: '2026-04', nullable: true, description: 'The month of the bill it names' })
  billingMonth!: string | null;
  @ApiProperty({ type: [SettlementView], description: 'The bills it settled, as allocated today' })
  settled!: SettlementView[];
  @ApiProperty({ example: '0', description: 'What it still holds as credit' }) unallocatedFen!: string;
}

export class ArrearsBandsView {
  @ApiProperty({ example: '0' }) upTo30Fen!: string;
  @ApiProperty({ example: '0' }) days31To90Fen!: string;
  @ApiProperty({ example: '0' }) over90Fen!: string;
  @ApiProperty({ example: '0' }) totalFen!: string;
}

/** A billing account's balance as of today, added to the billing-account view as `balance`. */
export class AccountBalanceView {
  @ApiProperty({ example: '250000', description: 'Open amounts less credit; negative: the operator owes' })
  balanceFen!: string;
  @ApiProperty({ example: '250000' }) notDueFen!: string;
  @ApiProperty({ type: ArrearsBandsView }) arrears!: ArrearsBandsView;
  @ApiProperty({ example: '0' }) unallocatedFen!: string;
  @ApiProperty({ format: 'date', example: '2026-05-20' }) asOf!: string;
}
