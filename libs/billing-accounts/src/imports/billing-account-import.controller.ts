import { Body, Controller, HttpCode, Post, Query, Res, UnsupportedMediaTypeException } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import {
  ACCOUNT_IMPORT_COLUMNS,
  type AccountImportResult,
  BillingAccountImportService,
} from './billing-account-import.service';

export class AccountImportQuery {
  @ApiPropertyOptional({ description: 'Check every row and report, write nothing', default: false })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun = false;
}

export class AccountImportResultView implements AccountImportResult {
  @ApiProperty({ format: 'uuid' }) importId!: string;
  @ApiProperty({ description: 'Account rows in the file' }) rows!: number;
  @ApiProperty({ description: 'Accounts created (0 on a dry run)' }) imported!: number;
  @ApiProperty() dryRun!: boolean;
}

@ApiTags('billing accounts')
@Controller('api/v1/billing-accounts')
export class BillingAccountImportController {
  constructor(private readonly imports: BillingAccountImportService) {}

  @Post('imports')
  @HttpCode(201)
  @Requires('customers:import')
  @ApiOperation({
    summary: 'Import billing accounts from CSV, all or nothing',
    description:
      `Header row with columns ${ACCOUNT_IMPORT_COLUMNS.join(', ')}; each row names its customer by ` +
      'credit_code (unified social credit code, in this city) or customer_id. If any row is invalid ' +
      'the file is rejected with 422 and every problem by line and column, and nothing is written.',
  })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'credit_code,source,account_number,opened_on\n…' } })
  @ApiOkResponse({ type: AccountImportResultView })
  async import(
    @Scope() scope: AccessScope,
    @Query() query: AccountImportQuery,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccountImportResultView> {
    if (typeof body !== 'string') {
      throw new UnsupportedMediaTypeException('body must be a CSV file sent as text/csv');
    }
    const result = await this.imports.import(scope, body, query.dryRun);
    if (result.dryRun) void reply.status(200);
    return result;
  }
}
