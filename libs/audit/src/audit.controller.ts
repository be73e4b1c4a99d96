import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AUTH_OPTIONS, type AccessScope, type AuthOptions, Requires, Scope } from '@kaf/auth';
import { setPageHeaders } from '@kaf/platform';
import { DataSource } from 'typeorm';
import { AuditEntryEntity } from './audit-entry.entity';
import { ListAuditEntriesQuery } from './list-audit-entries.query';

export class AuditEntryView {
  @ApiProperty() id!: string;
  @ApiProperty() occurredAt!: string;
  @ApiProperty() actor!: string;
  @ApiProperty({ type: [String] }) actorRoles!: string[];
  @ApiProperty() actorNode!: string;
  @ApiProperty() action!: string;
  @ApiProperty() resourceType!: string;
  @ApiProperty() resourceId!: string;
  @ApiPropertyOptional({ type: Object, nullable: true }) before!: Record<string, unknown> | null;
  @ApiPropertyOptional({ type: Object, nullable: true }) after!: Record<string, unknown> | null;
  @ApiPropertyOptional({ type: String, nullable: true }) correlationId!: string | null;
}

@ApiTags('audit')
@Controller('api/v1/audit-entries')
export class AuditController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(AUTH_OPTIONS) private readonly auth: AuthOptions,
  ) {}

  @Get()
  @Requires('audit:read')
  @ApiOperation({ summary: 'Writes made on this node, newest first' })
  @ApiOkResponse({ type: [AuditEntryView] })
  async list(
    @Scope() scope: AccessScope,
    @Query() query: ListAuditEntriesQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuditEntryView[]> {
    const qb = this.dataSource.getRepository(AuditEntryEntity).createQueryBuilder('a');
    // A caller from a node below this one (a city's admin at its province) sees only what
    // principals of its own subtree did here, never a sibling's activity.
    if (!scope.covers(this.auth.nodeCode)) {
      qb.andWhere('a.actor_node IN (:...nodes)', { nodes: [...scope.nodeCodes()] });
    }
    if (query.resourceType) qb.andWhere('a.resource_type = :rt', { rt: query.resourceType });
    if (query.resourceId) qb.andWhere('a.resource_id = :rid', { rid: query.resourceId });
    if (query.actor) qb.andWhere('a.actor_subject = :actor', { actor: query.actor });
    if (query.action) qb.andWhere('a.action = :action', { action: query.action });
    if (query.since) qb.andWhere('a.occurred_at >= :since', { since: new Date(query.since) });
    if (query.until) qb.andWhere('a.occurred_at < :until', { until: new Date(query.until) });
    const [rows, total] = await qb
      .orderBy('a.occurred_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
    setPageHeaders(reply, total, rows.length);
    return rows.map((r) => ({
      id: r.id,
      occurredAt: r.occurredAt.toISOString(),
      actor: r.actorSubject,
      actorRoles: r.actorRoles,
      actorNode: r.actorNode,
      action: r.action,
      resourceType: r.resourceType,
      resourceId: r.resourceId,
      before: r.before,
      after: r.after,
      correlationId: r.correlationId,
    }));
  }
}
