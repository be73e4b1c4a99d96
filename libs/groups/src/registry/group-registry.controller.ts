import { Body, Controller, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { setPageHeaders } from '@kaf/platform';
import { GroupCustomerView } from '../group-customer.view';
import { ListGroupCustomersQuery } from '../list-group-customers.query';
import { CreateGroupCustomerDto } from './create-group-customer.dto';
import { GroupMembersService } from './group-members.service';
import { GroupRegistryService } from './group-registry.service';
import { GroupCustomerDetailView, GroupMemberView } from './group-registry.views';
import { ListGroupMembersQuery } from './list-group-members.query';
import { UpdateGroupCustomerDto } from './update-group-customer.dto';

/** The national group-customer registry (集团客户). */
@ApiTags('group-customers')
@Controller('api/v1/group-customers')
export class GroupRegistryController {
  constructor(
    private readonly registry: GroupRegistryService,
    private readonly members: GroupMembersService,
  ) {}

  @Post()
  @Requires('groups:write')
  @ApiOperation({ summary: 'Register a group customer; every city receives it' })
  @ApiCreatedResponse({ type: GroupCustomerDetailView })
  create(@Body() dto: CreateGroupCustomerDto, @Scope() scope: AccessScope): Promise<GroupCustomerDetailView> {
    return this.registry.create(dto, scope);
  }

  @Get()
  @Requires('groups:read')
  @ApiOperation({ summary: 'Registry entries' })
  @ApiOkResponse({ type: [GroupCustomerView] })
  async list(
    @Query() query: ListGroupCustomersQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<GroupCustomerView[]> {
    const { items, total } = await this.registry.list(query);
    setPageHeaders(reply, total, items.length);
    return items;
  }

  @Get(':code')
  @Requires('groups:read')
  @ApiOperation({ summary: 'One registry entry with its member count per province' })
  @ApiOkResponse({ type: GroupCustomerDetailView })
  detail(@Param('code') code: string, @Scope() scope: AccessScope): Promise<GroupCustomerDetailView> {
    return this.registry.detail(code, scope);
  }

  @Patch(':code')
  @Requires('groups:write')
  @ApiConsumes('application/merge-patch+json', 'application/json')
  @ApiOperation({ summary: 'Change a registry entry (merge-patch); dissolving is status=dissolved' })
  @ApiOkResponse({ type: GroupCustomerDetailView })
  update(
    @Param('code') code: string,
    @Body() dto: UpdateGroupCustomerDto,
    @Scope() scope: AccessScope,
  ): Promise<GroupCustomerDetailView> {
    return this.registry.update(code, dto, scope);
  }

  @Get(':code/members')
  @Requires('group-members:read')
  @ApiOperation({ summary: 'City customers belonging to the group (business fields only)' })
  @ApiOkResponse({ type: [GroupMemberView] })
  async listMembers(
    @Param('code') code: string,
    @Query() query: ListGroupMembersQuery,
    @Scope() scope: AccessScope,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<GroupMemberView[]> {
    const { items, total } = await this.members.list(code, query, scope);
    setPageHeaders(reply, total, items.length);
    return items;
  }
}
