import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { PageQueryDto, setPageHeaders, uuidParam } from '@kaf/platform';
import {
  CreateBillingAccountDto,
  TransferBillingAccountDto,
  UpdateBillingAccountDto,
} from './billing-account.dto';
import { BillingAccountView } from './billing-account.view';
import { BillingAccountsService } from './billing-accounts.service';

@ApiTags('billing accounts')
@Controller('api/v1/customers/:customerId/billing-accounts')
export class BillingAccountsController {
  constructor(private readonly accounts: BillingAccountsService) {}

  @Get()
  @Requires('customers:read')
  @ApiOperation({ summary: 'Billing accounts the customer holds or has held, with their holders by month' })
  @ApiOkResponse({ type: [BillingAccountView] })
  async list(
    @Scope() scope: AccessScope,
    @Param('customerId', uuidParam('customerId')) customerId: string,
    @Query() page: PageQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BillingAccountView[]> {
    const result = await this.accounts.list(scope, customerId, page);
    setPageHeaders(reply, result.total, result.items.length);
    return result.items;
  }

  @Post()
  @HttpCode(201)
  @Requires('customers:write')
  @ApiOperation({
    summary: "Register a billing system's account for the customer (409 if the number exists)",
  })
  @ApiCreatedResponse({ type: BillingAccountView })
  create(
    @Scope() scope: AccessScope,
    @Param('customerId', uuidParam('customerId')) customerId: string,
    @Body() dto: CreateBillingAccountDto,
  ): Promise<BillingAccountView> {
    return this.accounts.create(scope, customerId, dto);
  }

  @Patch(':accountId')
  @Requires('customers:write')
  @ApiConsumes('application/merge-patch+json', 'application/json')
  @ApiOperation({ summary: 'Merge-patch an account: closedOn closes it, closedOn null reopens it' })
  @ApiOkResponse({ type: BillingAccountView })
  update(
    @Scope() scope: AccessScope,
    @Param('customerId', uuidParam('customerId')) customerId: string,
    @Param('accountId', uuidParam('accountId')) accountId: string,
    @Body() dto: UpdateBillingAccountDto,
  ): Promise<BillingAccountView> {
    return this.accounts.update(scope, customerId, accountId, dto);
  }

  @Post(':accountId/transfers')
  @HttpCode(201)
  @Requires('customers:write')
  @ApiOperation({ summary: 'Move the account to another customer of this city from a billing month on' })
  @ApiCreatedResponse({ type: BillingAccountView })
  transfer(
    @Scope() scope: AccessScope,
    @Param('customerId', uuidParam('customerId')) customerId: string,
    @Param('accountId', uuidParam('accountId')) accountId: string,
    @Body() dto: TransferBillingAccountDto,
  ): Promise<BillingAccountView> {
    return this.accounts.transfer(scope, customerId, accountId, dto);
  }
}
