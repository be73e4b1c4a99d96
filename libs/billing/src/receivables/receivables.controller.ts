import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { uuidParam } from '@kaf/platform';
import { ListBillsQuery } from './receivables.query';
import { ReceivablesService } from './receivables.service';
import { BillView, PaymentView } from './receivables.views';

@ApiTags('billing')
@Controller('api/v1/customers/:customerId')
export class ReceivablesController {
  constructor(private readonly receivables: ReceivablesService) {}

  @Get('bills')
  @Requires('customers:read')
  @ApiOperation({ summary: "A customer's bills in force: paid, open and days overdue as of today" })
  @ApiOkResponse({ type: [BillView] })
  bills(
    @Scope() scope: AccessScope,
    @Param('customerId', uuidParam('customerId')) customerId: string,
    @Query() query: ListBillsQuery,
  ): Promise<BillView[]> {
    return this.receivables.billsOf(scope, customerId, query);
  }

  @Get('payments')
  @Requires('customers:read')
  @ApiOperation({ summary: "A customer's payments in force, what each settled and its unallocated rest" })
  @ApiOkResponse({ type: [PaymentView] })
  payments(
    @Scope() scope: AccessScope,
    @Param('customerId', uuidParam('customerId')) customerId: string,
  ): Promise<PaymentView[]> {
    return this.receivables.paymentsOf(scope, customerId);
  }
}
