import { Body, Controller, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { setPageHeaders, uuidParam } from '@kaf/platform';
import { AgreementView } from './agreement.view';
import { AgreementsService } from './agreements.service';
import { CreateAgreementDto } from './create-agreement.dto';
import { ListAgreementsQuery } from './list-agreements.query';
import { UpdateAgreementDto } from './update-agreement.dto';

@ApiTags('service-agreements')
@Controller('api/v1/service-agreements')
export class AgreementsController {
  constructor(private readonly agreements: AgreementsService) {}

  @Post()
  @Requires('agreements:write')
  @ApiOperation({ summary: 'Record a service agreement with a customer of this city' })
  @ApiCreatedResponse({ type: AgreementView })
  create(@Scope() scope: AccessScope, @Body() dto: CreateAgreementDto): Promise<AgreementView> {
    return this.agreements.create(scope, dto);
  }

  @Get()
  @Requires('agreements:read')
  @ApiOperation({ summary: 'Service agreements, soonest ending first' })
  @ApiOkResponse({ type: [AgreementView] })
  async list(
    @Scope() scope: AccessScope,
    @Query() query: ListAgreementsQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AgreementView[]> {
    const { items, total } = await this.agreements.list(scope, query);
    setPageHeaders(reply, total, items.length);
    return items;
  }

  @Get(':id')
  @Requires('agreements:read')
  @ApiOperation({ summary: 'One service agreement' })
  @ApiOkResponse({ type: AgreementView })
  get(@Scope() scope: AccessScope, @Param('id', uuidParam('id')) id: string): Promise<AgreementView> {
    return this.agreements.get(scope, id);
  }

  @Patch(':id')
  @Requires('agreements:write')
  @ApiConsumes('application/merge-patch+json', 'application/json')
  @ApiOperation({
    summary: 'Change an agreement or its status; new end date or lead time reschedules the reminder',
  })
  @ApiOkResponse({ type: AgreementView })
  update(
    @Scope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: UpdateAgreementDto,
  ): Promise<AgreementView> {
    return this.agreements.update(scope, id, dto);
  }
}
