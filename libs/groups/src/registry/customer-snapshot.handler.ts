import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { type CustomerSnapshot, CustomerSnapshotSchema } from '@kaf/contracts';
import { FederatedHandlers, TOPOLOGY, type Topology } from '@kaf/federation';
import { type InboundMessage, PermanentMessageError } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import { latestPerKey } from '../versions';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface MemberRow {
  customerId: string;
  groupCode: string | null;
  cityCode: string;
  provinceCode: string;
  name: string;
  creditCode: string;
  industry: string;
  grade: string;
  status: string;
  classes: string[];
  version: bigint;
  updatedAt: Date;
}

/**
 * Learns group member lists from the cities' customer snapshots, keeping only business fields.
 * Per customer the highest version wins; a customer who left its group keeps a row without a
 * group, so a late older snapshot cannot put it back.
 */
@Injectable()
export class CustomerSnapshotHandler implements OnModuleInit {
  constructor(
    private readonly handlers: FederatedHandlers,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  onModuleInit(): void {
    this.handlers.onBatch(CustomerSnapshotSchema, 'subtree', (items, tx) => this.handle(items, tx));
  }

  async handle(
    items: readonly { payload: CustomerSnapshot; message: InboundMessage }[],
    tx: EntityManager,
  ): Promise<void> {
    const rows = latestPerKey(
      items.map(({ payload, message }) => this.toRow(payload, message)),
      (r) => r.customerId,
      (r) => r.version,
    );
    await tx.query(
      `INSERT INTO group_member AS m
         (customer_id, group_code, city_code, province_code, name, credit_code, industry, grade,
          status, classes, version, updated_at, received_at)
       SELECT t.customer_id, t.group_code, t.city_code, t.province_code, t.name, t.credit_code,
              t.industry, t.grade, t.status, ARRAY(SELECT jsonb_array_elements_text(t.classes)),
              t.version, t.updated_at, now()
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                     $8::text[], $9::text[], $10::jsonb[], $11::bigint[], $12::timestamptz[])
           AS t(customer_id, group_code, city_code, province_code, name, credit_code, industry, grade,
                status, classes, version, updated_at)
       ON CONFLICT (customer_id) DO UPDATE SET
         group_code = excluded.group_code, city_code = excluded.city_code,
         province_code = excluded.province_code, name = excluded.name,
         credit_code = excluded.credit_code, industry = excluded.industry, grade = excluded.grade,
         status = excluded.status, classes = excluded.classes, version = excluded.version,
         updated_at = excluded.updated_at, received_at = excluded.received_at
       WHERE excluded.version > m.version AND m.city_code = excluded.city_code`,
      [
        rows.map((r) => r.customerId),
        rows.map((r) => r.groupCode),
        rows.map((r) => r.cityCode),
        rows.map((r) => r.provinceCode),
        rows.map((r) => r.name),
        rows.map((r) => r.creditCode),
        rows.map((r) => r.industry),
        rows.map((r) => r.grade),
        rows.map((r) => r.status),
        rows.map((r) => JSON.stringify(r.classes)),
        rows.map((r) => r.version.toString()),
        rows.map((r) => r.updatedAt),
      ],
    );
  }

  /** Only the city that owns a customer reports it; anything else can never be applied. */
  private toRow(snapshot: CustomerSnapshot, message: InboundMessage): MemberRow {
    const city = this.topology.find(snapshot.cityCode);
    if (city?.tier !== 'city' || !city.parent || snapshot.cityCode !== message.source) {
      throw new PermanentMessageError(
        `customer snapshot of city ${JSON.stringify(snapshot.cityCode)} sent by ${message.source}: only a city reports its own customers`,
      );
    }
    const customerId = snapshot.customerId.toLowerCase();
    if (!UUID.test(customerId) || snapshot.version < 1n) {
      throw new PermanentMessageError(
        `customer snapshot ${JSON.stringify(snapshot.customerId)} v${snapshot.version} is malformed`,
      );
    }
    const text = [
      snapshot.name,
      snapshot.creditCode,
      snapshot.industry,
      snapshot.grade,
      snapshot.status,
      snapshot.groupCode,
      ...snapshot.classes,
    ];
    // PostgreSQL text cannot hold NUL: retrying such a snapshot could never succeed.
    if (text.some((t) => t.includes('\u0000'))) {
      throw new PermanentMessageError(`customer snapshot ${customerId} holds a NUL character`);
    }
    return {
      customerId,
      groupCode: snapshot.groupCode || null,
      cityCode: city.code,
      provinceCode: city.parent,
      name: snapshot.name,
      creditCode: snapshot.creditCode,
      industry: snapshot.industry,
      grade: snapshot.grade,
      status: snapshot.status,
      classes: [...snapshot.classes],
      version: snapshot.version,
      updatedAt: snapshot.updatedAt ? timestampDate(snapshot.updatedAt) : message.occurredAt,
    };
  }
}
