import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { setPageHeaders } from '@kaf/platform';
import {
  CreateCustomerResyncDto,
  CustomerResyncView,
  ListReportedCustomersQuery,
} from './customer-reports.dto';
import { CustomerReportsService } from './customer-reports.service';
import { ReportedCustomerView } from './reported-customer.view';

@ApiTags('customers')
@Controller('api/v1')
export class CustomerReportsController {
  constructor(private readonly reports: CustomerReportsService) {}

  @Get('customers')
  @Requires('customers:read')
  @ApiOperation({ summary: "The province's cities' customers as last reported (read-only)" })
  @ApiOkResponse({ type: [ReportedCustomerView] })
  async list(
    @Scope() scope: AccessScope,
    @Query() query: ListReportedCustomersQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Partial<ReportedCustomerView>[]> {
    const { items, total } = await this.reports.list(scope, query);
    setPageHeaders(reply, total, items.length);
    return items;
  }

  @Get('customers/:id')
  @Requires('customers:read')
  @ApiOperation({ summary: 'One customer of a city, as last reported' })
  @ApiOkResponse({ type: ReportedCustomerView })
  get(@Scope() scope: AccessScope, @Param('id') id: string): Promise<ReportedCustomerView> {
    return this.reports.get(scope, id);
  }

  @Post('customer-resyncs')
  @HttpCode(202)
  @Requires('customers:resync')
  @ApiOperation({ summary: 'Ask a city of this province to re-send the snapshot of every customer' })
  @ApiAcceptedResponse({ type: CustomerResyncView })
  resync(@Scope() scope: AccessScope, @Body() dto: CreateCustomerResyncDto): Promise<CustomerResyncView> {
    return this.reports.resync(scope, dto.cityCode);
  }
}
