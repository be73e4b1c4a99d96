import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { TopCustomersQuery } from './top-customers.query';
import { TopCustomersService } from './top-customers.service';
import { TopCustomersView } from './top-customers.view';

/** Province: its cities' biggest customers by revenue. */
@ApiTags('analytics')
@Controller('api/v1/analytics/top-customers')
export class TopCustomersController {
  constructor(private readonly topCustomers: TopCustomersService) {}

  @Get()
  @Requires('analytics:read')
  @ApiOperation({
    summary: "The province's customers by revenue, with value class and churn risk of the last month",
  })
  @ApiOkResponse({ type: TopCustomersView })
  top(@Scope() scope: AccessScope, @Query() query: TopCustomersQuery): Promise<TopCustomersView> {
    return this.topCustomers.top(scope, query);
  }
}
