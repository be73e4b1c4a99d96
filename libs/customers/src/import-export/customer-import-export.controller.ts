import { Readable } from 'node:stream';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Post,
  Query,
  Res,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { CustomerFilterQuery } from '../query/customer-query';
import { CustomerExportService } from './customer-export.service';
import { CustomerImportService, type ImportResult } from './customer-import.service';
import { IMPORT_COLUMNS } from './customer-csv';

export class ImportQuery {
  @ApiPropertyOptional({ description: 'Check every row and report, write nothing', default: false })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun = false;
}

export class ImportResultView implements ImportResult {
  @ApiProperty({ format: 'uuid' }) importId!: string;
  @ApiProperty({ description: 'Customer rows in the file' }) rows!: number;
  @ApiProperty({ description: 'Customers created (0 on a dry run)' }) imported!: number;
  @ApiProperty() dryRun!: boolean;
}

@ApiTags('customers')
@Controller('api/v1')
export class CustomerImportExportController {
  constructor(
    private readonly imports: CustomerImportService,
    private readonly exports: CustomerExportService,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
  ) {}

  @Post('customer-imports')
  @HttpCode(201)
  @Requires('customers:import')
  @ApiOperation({
    summary: 'Import customers from CSV, all or nothing',
    description:
      `Header row with columns ${IMPORT_COLUMNS.join(', ')} (classes separated by |; ` +
      'managerStaffId names an account manager). If any row is invalid the file is rejected with ' +
      '422 and a report of every bad row by line and field, and nothing is written. ' +
      'Columns of an export (id, status, …) are accepted and ignored.',
  })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'name,creditCode,industry,grade\n…' } })
  @ApiOkResponse({ type: ImportResultView })
  async import(
    @Scope() scope: AccessScope,
    @Query() query: ImportQuery,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImportResultView> {
    if (typeof body !== 'string') {
      throw new UnsupportedMediaTypeException('body must be a CSV file sent as text/csv');
    }
    const result = await this.imports.import(scope, body, query.dryRun);
    if (result.dryRun) void reply.status(200);
    return result;
  }

  @Get('customer-exports')
  @Requires('customers:export')
  @ApiOperation({ summary: 'Customers in reach, filtered like the list, as a CSV download' })
  @ApiProduces('text/csv')
  export(
    @Scope() scope: AccessScope,
    @Query() filters: CustomerFilterQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Readable {
    const day = new Date().toISOString().slice(0, 10);
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="customers-${this.identity.code}-${day}.csv"`);
    return Readable.from(this.exports.csv(scope, filters));
  }
}
