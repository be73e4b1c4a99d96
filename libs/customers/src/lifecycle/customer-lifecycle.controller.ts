import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { PageQueryDto, setPageHeaders } from '@kaf/platform';
import { CustomerView } from '../profile/customer.view';
import { ChangeCustomerStatusDto } from './change-customer-status.dto';
import { CustomerLifecycleService } from './customer-lifecycle.service';
import { CustomerStatusChangeView } from './customer-status-change.view';

@ApiTags('customers')
@Controller('api/v1/customers/:id')
export class CustomerLifecycleController {
  constructor(private readonly lifecycle: CustomerLifecycleService) {}

  @Post('status-changes')
  @Requires('customers:write')
  @ApiOperation({
    summary: 'Move a customer through its lifecycle',
    description:
      'prospect → active | churned; active → suspended | churned; suspended → active | churned; churned → prospect (win-back). Suspending and churning need a reason. A disallowed move is a 409.',
  })
  @ApiCreatedResponse({ type: CustomerView, description: 'The customer after the move' })
  change(
    @Scope() scope: AccessScope,
    @Param('id') id: string,
    @Body() dto: ChangeCustomerStatusDto,
  ): Promise<CustomerView> {
    return this.lifecycle.changeStatus(scope, id, dto);
  }

  @Get('status-history')
  @Requires('customers:read')
  @ApiOperation({ summary: 'Lifecycle moves of a customer, oldest first' })
  @ApiOkResponse({ type: [CustomerStatusChangeView] })
  async history(
    @Scope() scope: AccessScope,
    @Param('id') id: string,
    @Query() page: PageQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CustomerStatusChangeView[]> {
    const { items, total } = await this.lifecycle.history(scope, id, page);
    setPageHeaders(reply, total, items.length);
    return items;
  }
}
