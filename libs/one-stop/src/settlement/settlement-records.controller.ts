import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { setPageHeaders } from '@kaf/platform';
import { ListSettlementRecordsQuery } from './list-settlement-records.query';
import { SettlementRecordView } from './settlement-record.view';
import { SettlementRecordsService } from './settlement-records.service';

/** National node: each region's share of each circuit's monthly charge, per billing month. */
@ApiTags('one-stop settlement')
@Controller('api/v1/settlement-records')
export class SettlementRecordsController {
  constructor(private readonly records: SettlementRecordsService) {}

  @Get()
  @Requires('settlements:read')
  @ApiOperation({ summary: 'Settlement records, latest month first, by order and role' })
  @ApiOkResponse({ type: [SettlementRecordView] })
  async list(
    @Scope() scope: AccessScope,
    @Query() query: ListSettlementRecordsQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SettlementRecordView[]> {
    const { items, total } = await this.records.list(scope, query);
    setPageHeaders(reply, total, items.length);
    return items;
  }
}
