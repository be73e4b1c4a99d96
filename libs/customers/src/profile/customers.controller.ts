import { Body, Controller, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { setPageHeaders } from '@kaf/platform';
import { ListCustomersQuery } from '../query/customer-query';
import { CreateCustomerDto } from './create-customer.dto';
import { CustomerView } from './customer.view';
import { CustomersService } from './customers.service';
import { UpdateCustomerDto } from './update-customer.dto';

@ApiTags('customers')
@Controller('api/v1/customers')
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  @Post()
  @Requires('customers:write')
  @ApiOperation({ summary: 'Register an enterprise customer at this city (starts as a prospect)' })
  @ApiCreatedResponse({ type: CustomerView })
  create(@Scope() scope: AccessScope, @Body() dto: CreateCustomerDto): Promise<CustomerView> {
    return this.customers.create(scope, dto);
  }

  @Get()
  @Requires('customers:read')
  @ApiOperation({ summary: 'Customers within reach, filtered, sorted and paged (X-Total-Count)' })
  @ApiOkResponse({ type: [CustomerView] })
  async list(
    @Scope() scope: AccessScope,
    @Query() query: ListCustomersQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Partial<CustomerView>[]> {
    const { items, total } = await this.customers.list(scope, query);
    setPageHeaders(reply, total, items.length);
    return items;
  }

  @Get(':id')
  @Requires('customers:read')
  @ApiOperation({ summary: 'One customer' })
  @ApiOkResponse({ type: CustomerView })
  get(@Scope() scope: AccessScope, @Param('id') id: string): Promise<CustomerView> {
    return this.customers.get(scope, id);
  }

  @Patch(':id')
  @Requires('customers:write')
  @ApiOperation({
    summary: 'Change profile fields (JSON merge-patch: null removes an optional field)',
    description: 'status, managerId and groupCode have endpoints of their own.',
  })
  @ApiConsumes('application/merge-patch+json', 'application/json')
  @ApiBody({ type: UpdateCustomerDto })
  @ApiOkResponse({ type: CustomerView })
  update(
    @Scope() scope: AccessScope,
    @Param('id') id: string,
    @Body() patch: UpdateCustomerDto,
  ): Promise<CustomerView> {
    return this.customers.update(scope, id, patch);
  }
}
