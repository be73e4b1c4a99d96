import { Inject, Injectable } from '@nestjs/common';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AuditTrail } from '@kaf/audit';
import type { Principal } from '@kaf/auth';
import { ProbeMode, ProbeSchema } from '@kaf/contracts';
import { OutboxWriter, uuidv7 } from '@kaf/messaging';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { FEDERATION_OPTIONS, type FederationOptions } from '../node-identity';
import type { CreateProbeBatchDto } from './create-probe-batch.dto';
import { ProbeBatchEntity } from './probe.entities';
import { InvalidError, NotFoundError } from '@kaf/platform';

const WRITE_CHUNK = 5000;

export class LatencySummary {
  @ApiProperty() samples!: number;
  @ApiPropertyOptional({ type: Number, nullable: true }) p50Ms!: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) p99Ms!: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) maxMs!: number | null;
}

export class ProbeBatchView {
  @ApiProperty() batchId!: string;
  @ApiProperty() target!: string;
  @ApiProperty() count!: number;
  @ApiProperty() keys!: number;
  @ApiProperty({ enum: ['echo', 'oneway', 'reject'] }) mode!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ description: 'Replies received back here (echo mode)' }) replies!: number;
  @ApiProperty({ type: LatencySummary }) roundTrip!: LatencySummary;
}

export class ProbeDeliveryView {
  @ApiProperty() batchId!: string;
  @ApiProperty({
    description: 'Handlings recorded here; more than `distinct` would mean a probe was handled twice',
  })
  handled!: number;
  @ApiProperty() distinct!: number;
  @ApiProperty({ description: 'Probes that arrived after a later probe of the same key' })
  outOfOrder!: number;
  @ApiProperty({ type: LatencySummary }) oneWay!: LatencySummary;
  @ApiPropertyOptional({ type: String, nullable: true }) firstReceivedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) lastReceivedAt!: string | null;
}

@Injectable()
export class ProbesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditTrail,
    @Inject(FEDERATION_OPTIONS) private readonly options: FederationOptions,
  ) {}

  async send(principal: Principal, dto: CreateProbeBatchDto): Promise<ProbeBatchView> {
    const self = this.options.identity.code;
    if (!this.options.topology.find(dto.target)) {
      throw new InvalidError(`target: ${dto.target} is not a node of this federation`);
    }
    if (dto.target === self) throw new InvalidError('target: a node cannot probe itself');
    const batchId = uuidv7();
    const mode = { echo: ProbeMode.ECHO, oneway: ProbeMode.ONEWAY, reject: ProbeMode.REJECT }[dto.mode];
    await this.dataSource.transaction(async (tx) => {
      await tx
        .getRepository(ProbeBatchEntity)
        .insert({ batchId, target: dto.target, count: dto.count, keys: dto.keys, mode: dto.mode });
      for (let start = 0; start < dto.count; start += WRITE_CHUNK) {
        const sentAt = timestampFromDate(new Date());
        const messages = [];
        for (let i = start; i < Math.min(dto.count, start + WRITE_CHUNK); i++) {
          const key = `${dto.keyPrefix ?? `probe:${batchId}`}:${i % dto.keys}`;
          messages.push({
            schema: ProbeSchema,
            target: dto.target,
            key,
            payload: create(ProbeSchema, { batchId, key, sequence: i + 1, mode, sentAt }),
          });
        }
        await this.outbox.writeMany(tx, messages);
      }
      await this.audit.record(tx, principal, {
        action: 'probe-batch.create',
        resourceType: 'probe-batch',
        resourceId: batchId,
        after: {
          target: dto.target,
          count: dto.count,
          keys: dto.keys,
          mode: dto.mode,
          keyPrefix: dto.keyPrefix ?? null,
        },
      });
    });
    return this.batch(batchId);
  }

  async batch(batchId: string): Promise<ProbeBatchView> {
    const batch = await this.dataSource.getRepository(ProbeBatchEntity).findOne({ where: { batchId } });
    if (!batch) throw new NotFoundError(`probe batch ${batchId} not found`);
    const [stats] = await this.dataSource.query<LatencyRow[]>(
      `SELECT count(*)::int AS replies, ${latencySql('replied_at - sent_at')}
         FROM federation_probe_reply WHERE batch_id = $1`,
      [batchId],
    );
    return {
      batchId,
      target: batch.target,
      count: batch.count,
      keys: batch.keys,
      mode: batch.mode,
      createdAt: batch.createdAt.toISOString(),
      replies: stats?.replies ?? 0,
      roundTrip: toSummary(stats),
    };
  }

  /** What this node received of a batch sent by another node. */
  async delivery(batchId: string): Promise<ProbeDeliveryView> {
    const [stats] = await this.dataSource.query<
      (LatencyRow & {
        handled: number;
        distinct_probes: number;
        first_at: Date | null;
        last_at: Date | null;
      })[]
    >(
      `SELECT count(*)::int AS handled, count(DISTINCT probe_id)::int AS distinct_probes,
              min(received_at) AS first_at, max(received_at) AS last_at,
              ${latencySql('received_at - sent_at')}
         FROM federation_probe_received WHERE batch_id = $1`,
      [batchId],
    );
    const [order] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM (
         SELECT sequence, lag(sequence) OVER (PARTITION BY key ORDER BY seq) AS previous
           FROM federation_probe_received WHERE batch_id = $1) t
        WHERE previous IS NOT NULL AND sequence <= previous`,
      [batchId],
    );
    return {
      batchId,
      handled: stats?.handled ?? 0,
      distinct: stats?.distinct_probes ?? 0,
      outOfOrder: order?.n ?? 0,
      oneWay: toSummary(stats),
      firstReceivedAt: stats?.first_at ? stats.first_at.toISOString() : null,
      lastReceivedAt: stats?.last_at ? stats.last_at.toISOString() : null,
    };
  }
}

interface LatencyRow {
  replies?: number;
  samples: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
}

function latencySql(interval: string): string {
  const ms = `extract(epoch FROM (${interval})) * 1000`;
  return `count(*)::int AS samples,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY ${ms}) AS p50,
          percentile_cont(0.99) WITHIN GROUP (ORDER BY ${ms}) AS p99,
          max(${ms})::float8 AS max`;
}

function toSummary(row: LatencyRow | undefined): LatencySummary {
  const round = (v: number | null | undefined): number | null =>
    v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10;
  return {
    samples: row?.samples ?? 0,
    p50Ms: round(row?.p50),
    p99Ms: round(row?.p99),
    maxMs: round(row?.max),
  };
}
