import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { uuidParam } from '@kaf/platform';
import { MonthlyUsageQuery } from './monthly-usage.query';
import { MonthlyUsageService } from './monthly-usage.service';
import { MonthlyUsageView } from './monthly-usage.view';

@ApiTags('billing')
@Controller('api/v1/customers/:customerId/monthly-usage')
export class MonthlyUsageController {
  constructor(private readonly usage: MonthlyUsageService) {}

  @Get()
  @Requires('customers:read')
  @ApiOperation({ summary: "A customer's usage and revenue per billing month and product" })
  @ApiOkResponse({ type: [MonthlyUsageView] })
  list(
    @Scope() scope: AccessScope,
    @Param('customerId', uuidParam('customerId')) customerId: string,
    @Query() query: MonthlyUsageQuery,
  ): Promise<MonthlyUsageView[]> {
    return this.usage.forCustomer(scope, customerId, query);
  }
}
