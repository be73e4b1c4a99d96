import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { type AccessScope, Public, Requires, Scope } from '@kaf/auth';
import { DataSource } from 'typeorm';
import { FEDERATION_OPTIONS, type FederationOptions } from '../node-identity';
import { ChildStatusEntity } from './child-status.entity';

export type ChildHealth = 'reporting' | 'late' | 'silent' | 'never-reported';

export class ChildReportDto {
  @ApiProperty() version!: string;
  @ApiProperty() sequence!: string;
  @ApiProperty() outboxBacklog!: number;
  @ApiProperty() consumerLag!: number;
  @ApiProperty() deadLetters!: number;
  @ApiPropertyOptional({ nullable: true, type: String }) lastError!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) lastErrorAt!: string | null;
  @ApiProperty() uptimeSeconds!: number;
  @ApiProperty({
    description: 'Job schedulers the child found missing from Redis and re-created since it started',
  })
  schedulesRestored!: number;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'When schedulers were last found missing',
  })
  schedulesRestoredAt!: string | null;
  @ApiProperty() startedAt!: string;
  @ApiProperty() reportedAt!: string;
  @ApiProperty() receivedAt!: string;
}

export class ChildStatusDto {
  @ApiProperty({ example: '440300' }) code!: string;
  @ApiProperty({ example: '深圳市 Shenzhen' }) name!: string;
  @ApiProperty({ enum: ['national', 'province', 'city'] }) tier!: string;
  @ApiProperty({
    enum: ['reporting', 'late', 'silent', 'never-reported'],
    description: 'reporting: within 2 intervals; late: within 5; silent: older',
  })
  health!: ChildHealth;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Seconds since the last report arrived' })
  ageSeconds!: number | null;
  @ApiPropertyOptional({ nullable: true, type: ChildReportDto }) lastReport!: ChildReportDto | null;
}

export class NodeInfoDto {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() tier!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) parent!: string | null;
  @ApiProperty({ type: [String] }) children!: string[];
  @ApiProperty() version!: string;
  @ApiProperty() startedAt!: string;
}

@ApiTags('federation')
@Controller('api/v1/federation')
export class FederationController {
  constructor(
    @Inject(FEDERATION_OPTIONS) private readonly options: FederationOptions,
    private readonly dataSource: DataSource,
  ) {}

  @Get('node')
  @Public()
  @ApiOperation({ summary: 'This node: identity, parent and children in the topology' })
  @ApiOkResponse({ type: NodeInfoDto })
  node(): NodeInfoDto {
    const { identity, topology } = this.options;
    return {
      code: identity.code,
      name: identity.name,
      tier: identity.tier,
      parent: identity.parentCode ?? null,
      children: topology.childrenOf(identity.code).map((c) => c.code),
      version: identity.version,
      startedAt: identity.startedAt.toISOString(),
    };
  }

  @Get('children')
  @Requires('federation:read')
  @ApiOperation({ summary: "Each child node's last status report and how long ago it arrived" })
  @ApiOkResponse({ type: [ChildStatusDto] })
  async children(@Scope() scope: AccessScope): Promise<ChildStatusDto[]> {
    const { identity, topology, statusReportIntervalMs } = this.options;
    // A city's token at its province sees its own city only, not its siblings.
    const children = topology
      .childrenOf(identity.code)
      .filter((c) => scope.covers(c.code) || scope.covers(identity.code));
    if (children.length === 0) return [];
    const rows = await this.dataSource.getRepository(ChildStatusEntity).find();
    const byCode = new Map(rows.map((r) => [r.childCode, r]));
    const now = Date.now();
    return children.map((child) => {
      const row = byCode.get(child.code);
      const ageMs = row ? Math.max(0, now - row.receivedAt.getTime()) : null;
      return {
        code: child.code,
        name: child.name,
        tier: child.tier,
        health: classify(ageMs, statusReportIntervalMs),
        ageSeconds: ageMs === null ? null : Math.round(ageMs / 100) / 10,
        lastReport: row ? toReport(row) : null,
      };
    });
  }
}

function classify(ageMs: number | null, intervalMs: number): ChildHealth {
  if (ageMs === null) return 'never-reported';
  if (ageMs <= 2 * intervalMs) return 'reporting';
  if (ageMs <= 5 * intervalMs) return 'late';
  return 'silent';
}

function toReport(row: ChildStatusEntity): ChildReportDto {
  return {
    version: row.version,
    sequence: row.sequence,
    outboxBacklog: Number(row.outboxBacklog),
    consumerLag: Number(row.consumerLag),
    deadLetters: Number(row.deadLetters),
    lastError: row.lastError,
    lastErrorAt: row.lastErrorAt ? row.lastErrorAt.toISOString() : null,
    uptimeSeconds: Number(row.uptimeSeconds),
    schedulesRestored: Number(row.schedulesRestored),
    schedulesRestoredAt: row.schedulesRestoredAt ? row.schedulesRestoredAt.toISOString() : null,
    startedAt: row.startedAt.toISOString(),
    reportedAt: row.reportedAt.toISOString(),
    receivedAt: row.receivedAt.toISOString(),
  };
}
