import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { setPageHeaders } from '@kaf/platform';
import { GroupCustomersService } from './group-customers.service';
import { GroupCustomersQuery } from './top-customers.query';
import { GroupCustomerUsageView } from './top-customers.view';

/** National: group customers (集团客户) by their members' revenue across the federation. */
@ApiTags('analytics')
@Controller('api/v1/analytics/group-customers')
export class GroupCustomersController {
  constructor(private readonly groups: GroupCustomersService) {}

  @Get()
  @Requires('analytics:read')
  @ApiOperation({
    summary: 'Groups by the revenue of their member customers in every city, with ARPU per member',
  })
  @ApiOkResponse({ type: [GroupCustomerUsageView] })
  async list(
    @Scope() scope: AccessScope,
    @Query() query: GroupCustomersQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<GroupCustomerUsageView[]> {
    const { items, total } = await this.groups.list(scope, query);
    setPageHeaders(reply, total, items.length);
    return items;
  }
}
