import { Body, Controller, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { PageQueryDto, setPageHeaders } from '@kaf/platform';
import { CustomerView } from '../profile/customer.view';
import { AssignManagerDto, CreatePortfolioTransferDto } from './assign-manager.dto';
import { CustomerAssignmentView, PortfolioTransferView } from './customer-assignment.views';
import { CustomerAssignmentsService } from './customer-assignments.service';

@ApiTags('customers')
@Controller('api/v1')
export class CustomerAssignmentsController {
  constructor(private readonly assignments: CustomerAssignmentsService) {}

  @Put('customers/:id/manager')
  @Requires('managers:write')
  @ApiOperation({ summary: 'Reassign a customer to another (active) account manager' })
  @ApiOkResponse({ type: CustomerView })
  assign(
    @Scope() scope: AccessScope,
    @Param('id') id: string,
    @Body() dto: AssignManagerDto,
  ): Promise<CustomerView> {
    return this.assignments.assign(scope, id, dto);
  }

  @Get('customers/:id/assignment-history')
  @Requires('customers:read')
  @ApiOperation({ summary: "A customer's account managers over time, oldest first" })
  @ApiOkResponse({ type: [CustomerAssignmentView] })
  async history(
    @Scope() scope: AccessScope,
    @Param('id') id: string,
    @Query() page: PageQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CustomerAssignmentView[]> {
    const { items, total } = await this.assignments.history(scope, id, page);
    setPageHeaders(reply, total, items.length);
    return items;
  }

  @Post('portfolio-transfers')
  @Requires('managers:write')
  @ApiOperation({
    summary: "Move a manager's customers (all, or those listed) to another manager in one step",
  })
  @ApiCreatedResponse({ type: PortfolioTransferView })
  transfer(
    @Scope() scope: AccessScope,
    @Body() dto: CreatePortfolioTransferDto,
  ): Promise<PortfolioTransferView> {
    return this.assignments.transfer(scope, dto);
  }
}
