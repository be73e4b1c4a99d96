import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { FastifyReply } from 'fastify';

/** `limit`/`offset` paging shared by every list endpoint. */
export class PageQueryDto {
  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 50;

  @ApiPropertyOptional({ type: Number, minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  offset = 0;
}

/** TM Forum paging headers: the size of the whole result and of this page. */
export function setPageHeaders(reply: FastifyReply, total: number, returned: number): void {
  void reply.header('X-Total-Count', String(total)).header('X-Result-Count', String(returned));
}
