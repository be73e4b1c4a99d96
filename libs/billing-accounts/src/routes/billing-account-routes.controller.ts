import { Controller, Get, Query, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  IntersectionType,
} from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { BILLING_MONTH_PATTERN, PageQueryDto, setPageHeaders } from '@kaf/platform';
import { DataSource } from 'typeorm';
import { ACCOUNT_NUMBER, SOURCE } from '../accounts/billing-account.dto';
import { BillingAccountRoutes } from './billing-account-routes';
import type { ReportedBillingAccountEntity } from './reported-billing-account.entity';
import { ReportedBillingAccountRepository } from './reported-billing-account.repository';

class RouteFilterQuery {
  @ApiPropertyOptional({ example: 'boss-billing' })
  @IsOptional()
  @IsString()
  @Matches(SOURCE, { message: 'source must be 1-256 characters, not starting with a space' })
  source?: string;

  @ApiPropertyOptional({ example: '4403-0000123' })
  @IsOptional()
  @Matches(ACCOUNT_NUMBER, { message: 'accountNumber must be 1-64 of letters, digits, . _ and -' })
  accountNumber?: string;

  @ApiPropertyOptional({ example: '440300' })
  @IsOptional()
  @Matches(/^\d{4}00$/, { message: 'cityCode must be a GB/T 2260 city code' })
  cityCode?: string;

  @ApiPropertyOptional({ example: '2026-07', description: 'Only the copy this billing month routes to' })
  @IsOptional()
  @Matches(BILLING_MONTH_PATTERN, { message: 'month must be a billing month (YYYY-MM)' })
  month?: string;
}

export class ListReportedBillingAccountsQuery extends IntersectionType(PageQueryDto, RouteFilterQuery) {}

export class ReportedBillingAccountView {
  @ApiProperty({ format: 'uuid' }) accountId!: string;
  @ApiProperty({ example: '440300', description: 'The city holding the account' }) cityCode!: string;
  @ApiProperty() version!: number;
  @ApiProperty() source!: string;
  @ApiProperty() accountNumber!: string;
  @ApiProperty() openedOn!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) closedOn!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) paidByAccount!: string | null;
  @ApiProperty() receivedAt!: string;
}

@ApiTags('billing accounts')
@Controller('api/v1/billing-accounts')
export class BillingAccountRoutesController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reported: ReportedBillingAccountRepository,
    private readonly routes: BillingAccountRoutes,
  ) {}

  @Get()
  @Requires('customers:read')
  @ApiOperation({
    summary: "The province's copy of its cities' billing accounts: where each account routes",
    description:
      'With source, accountNumber and month, only the copy that month routes to (none when the ' +
      'account is not held anywhere that month).',
  })
  @ApiOkResponse({ type: [ReportedBillingAccountView] })
  async list(
    @Scope() scope: AccessScope,
    @Query() query: ListReportedBillingAccountsQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReportedBillingAccountView[]> {
    // Accounts carry no staff id, so a portfolio reach sees none of them.
    const reach = scope.portfolioOf === undefined ? scope.cityCodes() : [];
    let cityCodes = query.cityCode ? reach.filter((c) => c === query.cityCode) : reach;
    if (query.month && query.source && query.accountNumber) {
      const [routed] = await this.routes.route(this.dataSource.manager, query.source, [
        { accountNumber: query.accountNumber, month: query.month },
      ]);
      cityCodes = cityCodes.filter((c) => c === routed);
    }
    const { rows, total } = await this.reported.find(
      this.dataSource.manager,
      { source: query.source, accountNumber: query.accountNumber, cityCodes },
      query,
    );
    const items = (query.month ? rows.filter((r) => servesMonth(r, query.month!)) : rows).map(toView);
    setPageHeaders(reply, query.month ? items.length : total, items.length);
    return items;
  }
}

function servesMonth(r: ReportedBillingAccountEntity, month: string): boolean {
  return r.openedOn.slice(0, 7) <= month && (r.closedOn === null || r.closedOn.slice(0, 7) >= month);
}

function toView(r: ReportedBillingAccountEntity): ReportedBillingAccountView {
  return {
    accountId: r.accountId,
    cityCode: r.cityCode,
    version: r.version,
    source: r.source,
    accountNumber: r.accountNumber,
    openedOn: r.openedOn,
    closedOn: r.closedOn,
    paidByAccount: r.paidByAccount,
    receivedAt: r.receivedAt.toISOString(),
  };
}
