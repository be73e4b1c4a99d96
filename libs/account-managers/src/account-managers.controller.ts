import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { FieldValidationException, PageQueryDto, setPageHeaders } from '@kaf/platform';
import { AccountManagerView } from './account-manager.view';
import { AccountManagersService } from './account-managers.service';
import { CreateAccountManagerDto } from './create-account-manager.dto';
import { ListAccountManagersQuery } from './list-account-managers.query';
import { UpdateAccountManagerDto } from './update-account-manager.dto';

const managerId = new ParseUUIDPipe({
  exceptionFactory: () => new FieldValidationException([{ field: 'id', message: 'must be a UUID' }]),
});

@ApiTags('account-managers')
@Controller('api/v1/account-managers')
export class AccountManagersController {
  constructor(private readonly managers: AccountManagersService) {}

  @Post()
  @HttpCode(201)
  @Requires('managers:write')
  @ApiOperation({ summary: 'Add an account manager, supervisor or chief to this city’s chain' })
  @ApiCreatedResponse({ type: AccountManagerView })
  create(@Scope() scope: AccessScope, @Body() dto: CreateAccountManagerDto): Promise<AccountManagerView> {
    return this.managers.create(scope, dto);
  }

  @Get()
  @Requires('managers:read')
  @ApiOperation({ summary: 'Account managers of this city' })
  @ApiOkResponse({ type: [AccountManagerView] })
  async list(
    @Scope() scope: AccessScope,
    @Query() query: ListAccountManagersQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccountManagerView[]> {
    const page = await this.managers.list(scope, query);
    setPageHeaders(reply, page.total, page.items.length);
    return page.items;
  }

  @Get(':id')
  @Requires('managers:read')
  @ApiOperation({ summary: 'One account manager' })
  @ApiOkResponse({ type: AccountManagerView })
  get(@Scope() scope: AccessScope, @Param('id', managerId) id: string): Promise<AccountManagerView> {
    return this.managers.get(scope, id);
  }

  @Patch(':id')
  @Requires('managers:write')
  @ApiConsumes('application/merge-patch+json', 'application/json')
  @ApiOperation({ summary: 'Merge-patch name, title, supervisor or active; the chain is re-validated' })
  @ApiOkResponse({ type: AccountManagerView })
  update(
    @Scope() scope: AccessScope,
    @Param('id', managerId) id: string,
    @Body() dto: UpdateAccountManagerDto,
  ): Promise<AccountManagerView> {
    return this.managers.update(scope, id, dto);
  }

  @Get(':id/chain')
  @Requires('managers:read')
  @ApiOperation({ summary: 'The manager, then each supervisor up to the chief' })
  @ApiOkResponse({ type: [AccountManagerView] })
  chain(@Scope() scope: AccessScope, @Param('id', managerId) id: string): Promise<AccountManagerView[]> {
    return this.managers.chain(scope, id);
  }

  @Get(':id/reports')
  @Requires('managers:read')
  @ApiOperation({ summary: 'Direct reports of a supervisor or chief' })
  @ApiOkResponse({ type: [AccountManagerView] })
  async reports(
    @Scope() scope: AccessScope,
    @Param('id', managerId) id: string,
    @Query() page: PageQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccountManagerView[]> {
    const result = await this.managers.reports(scope, id, page);
    setPageHeaders(reply, result.total, result.items.length);
    return result.items;
  }
}
