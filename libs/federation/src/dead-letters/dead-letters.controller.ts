import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { Transform } from 'class-transformer';
import type { FastifyReply } from 'fastify';
import { AuditTrail } from '@kaf/audit';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { DeadLetterView, DeadLettersService } from '@kaf/messaging';
import { PageQueryDto, setPageHeaders } from '@kaf/platform';

class DeadLetterQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description: 'Include dead letters already replayed',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeReplayed = false;
}

/**
 * The operators' door to the inbox's dead letters. It lives here rather than in messaging, which
 * knows no domain and no audit: the replay writes its audit entry through the hook it offers.
 */
@ApiTags('messaging')
@Controller('api/v1/messaging/dead-letters')
@Requires('federation:operate')
export class DeadLettersController {
  constructor(
    private readonly deadLetters: DeadLettersService,
    private readonly audit: AuditTrail,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Inbound messages that exhausted their retries at this node' })
  @ApiOkResponse({ type: [DeadLetterView] })
  async list(
    @Query() query: DeadLetterQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DeadLetterView[]> {
    const { total, items } = await this.deadLetters.list(query.limit, query.offset, query.includeReplayed);
    setPageHeaders(reply, total, items.length);
    return items;
  }

  @Post(':id/replay')
  @HttpCode(202)
  @ApiOperation({ summary: 'Deliver a dead-lettered message to this node again' })
  @ApiAcceptedResponse({ type: DeadLetterView })
  replay(@Scope() scope: AccessScope, @Param('id', new ParseUUIDPipe()) id: string): Promise<DeadLetterView> {
    return this.deadLetters.replay(id, (tx, before, after) =>
      this.audit.record(tx, scope.principal, {
        action: 'dead-letter.replay',
        resourceType: 'dead-letter',
        resourceId: id,
        before,
        after,
      }),
    );
  }
}
