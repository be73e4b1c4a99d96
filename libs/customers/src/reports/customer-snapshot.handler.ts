import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { type CustomerSnapshot, CustomerSnapshotSchema } from '@kaf/contracts';
import { NODE_IDENTITY, type NodeIdentity, TOPOLOGY, type Topology } from '@kaf/federation';
import { type InboundMessage, MessageHandlerRegistry, PermanentMessageError } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Keeps the province's copy of its cities' customers. The highest version wins, so duplicates,
 * replays, reordering and resyncs are harmless.
 */
@Injectable()
export class CustomerSnapshotHandler implements OnModuleInit {
  constructor(
    private readonly registry: MessageHandlerRegistry,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  onModuleInit(): void {
    this.registry.on(CustomerSnapshotSchema, (snapshot, message, tx) => this.handle(snapshot, message, tx));
  }

  async handle(snapshot: CustomerSnapshot, message: InboundMessage, tx: EntityManager): Promise<void> {
    const source = this.topology.find(message.source);
    if (!source || source.tier !== 'city' || source.parent !== this.identity.code) {
      throw new PermanentMessageError(
        `customer snapshot from ${message.source}, which is not a city of ${this.identity.code}`,
      );
    }
    if (snapshot.cityCode !== message.source) {
      throw new PermanentMessageError(
        `customer snapshot for city ${snapshot.cityCode} sent by ${message.source}`,
      );
    }
    if (!UUID.test(snapshot.customerId) || snapshot.version < 1n) {
      throw new PermanentMessageError(
        `customer snapshot ${JSON.stringify(snapshot.customerId)} v${snapshot.version} is malformed`,
      );
    }
    await tx.query(
      `INSERT INTO reported_customer AS r
         (id, city_code, version, name, credit_code, industry, classes, grade, status,
          manager_id, group_code, grid_code, updated_at, received_at, manager_staff_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, now(), $14)
       ON CONFLICT (id) DO UPDATE SET
         city_code = excluded.city_code, version = excluded.version, name = excluded.name,
         credit_code = excluded.credit_code, industry = excluded.industry, classes = excluded.classes,
         grade = excluded.grade, status = excluded.status, manager_id = excluded.manager_id,
         manager_staff_id = excluded.manager_staff_id,
         group_code = excluded.group_code, grid_code = excluded.grid_code,
         updated_at = excluded.updated_at, received_at = excluded.received_at
       WHERE excluded.version > r.version AND r.city_code = excluded.city_code`,
      [
        snapshot.customerId,
        snapshot.cityCode,
        snapshot.version.toString(),
        snapshot.name.slice(0, 200),
        snapshot.creditCode,
        snapshot.industry,
        snapshot.classes,
        snapshot.grade,
        snapshot.status,
        UUID.test(snapshot.managerId) ? snapshot.managerId : null,
        snapshot.groupCode || null,
        snapshot.gridCode || null,
        snapshot.updatedAt ? timestampDate(snapshot.updatedAt) : message.occurredAt,
        snapshot.managerStaffId.slice(0, 64) || null,
      ],
    );
  }
}
