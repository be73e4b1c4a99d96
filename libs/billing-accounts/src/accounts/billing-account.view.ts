import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AccountWithHolders, HolderRow } from './billing-account.repository';

export class BillingAccountHolderView implements HolderRow {
  @ApiProperty({ example: '2026-03', description: 'The holder from this billing month on' })
  fromMonth!: string;
  @ApiProperty({ format: 'uuid' }) customerId!: string;
}

/**
 * A billing account as city staff see it. Fields added by other capabilities (e.g. `balance`)
 * appear beside these under their own names.
 */
export class BillingAccountView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', description: 'The latest holder' }) customerId!: string;
  @ApiProperty({ example: 'boss-billing' }) source!: string;
  @ApiProperty({ example: '4403-0000123' }) accountNumber!: string;
  @ApiProperty({ example: '2026-01-15' }) openedOn!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) closedOn!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: '统付: the paying group account' })
  paidByAccount!: string | null;
  @ApiProperty({ type: [BillingAccountHolderView], description: 'Holders by billing month, oldest first' })
  holders!: BillingAccountHolderView[];
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  [extension: string]: unknown;
}

export function toBillingAccountView(a: AccountWithHolders): BillingAccountView {
  return {
    id: a.id,
    customerId: a.customerId,
    source: a.source,
    accountNumber: a.accountNumber,
    openedOn: a.openedOn,
    closedOn: a.closedOn,
    paidByAccount: a.paidByAccount,
    holders: a.holders.map((h) => ({ fromMonth: h.fromMonth, customerId: h.customerId })),
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}
