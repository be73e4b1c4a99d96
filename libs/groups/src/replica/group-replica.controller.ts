import { Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { DocumentResync } from '@kaf/documents';
import { setPageHeaders, NotFoundError } from '@kaf/platform';
import { DataSource } from 'typeorm';
import { GroupCustomerView, toGroupCustomerView } from '../group-customer.view';
import { applyGroupFilters, ListGroupCustomersQuery } from '../list-group-customers.query';
import { GroupCustomerReplicaEntity } from './group-customer-replica.entity';
import { GROUP_REGISTRY_DOCUMENT } from '../group-registry.document';

export class GroupResyncRequestView {
  @ApiProperty({ description: 'Id of the request message sent to the parent' }) messageId!: string;
  @ApiProperty({ example: '440000' }) sentTo!: string;
}

/** The city's read-only replica of the national group-customer registry. */
@ApiTags('group-customers')
@Controller('api/v1/group-customers')
export class GroupReplicaController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly resync: DocumentResync,
  ) {}

  @Get()
  @Requires('groups:read')
  @ApiOperation({ summary: 'Registry entries as this city knows them (read-only replica)' })
  @ApiOkResponse({ type: [GroupCustomerView] })
  async list(
    @Query() query: ListGroupCustomersQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<GroupCustomerView[]> {
    const qb = this.dataSource.getRepository(GroupCustomerReplicaEntity).createQueryBuilder('g');
    const [rows, total] = await applyGroupFilters(qb, 'g', query).getManyAndCount();
    setPageHeaders(reply, total, rows.length);
    return rows.map(toGroupCustomerView);
  }

  @Post('resync')
  @HttpCode(202)
  @Requires('federation:operate')
  @ApiOperation({
    summary:
      'Ask the parent to send the whole registry to this city again (as POST /documents/group-registry/resync)',
  })
  @ApiAcceptedResponse({ type: GroupResyncRequestView })
  async requestResync(@Scope() scope: AccessScope): Promise<GroupResyncRequestView> {
    const { messageId, sentTo } = await this.resync.request(GROUP_REGISTRY_DOCUMENT.name, scope.principal);
    return { messageId, sentTo };
  }

  @Get(':code')
  @Requires('groups:read')
  @ApiOperation({ summary: 'One registry entry as this city knows it' })
  @ApiOkResponse({ type: GroupCustomerView })
  async get(@Param('code') code: string): Promise<GroupCustomerView> {
    const row = await this.dataSource
      .getRepository(GroupCustomerReplicaEntity)
      .findOne({ where: { groupCode: code } });
    if (!row) throw new NotFoundError(`group customer ${code} not found`);
    return toGroupCustomerView(row);
  }
}
