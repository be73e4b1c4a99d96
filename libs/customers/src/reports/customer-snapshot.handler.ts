import { Injectable, type OnModuleInit } from '@nestjs/common';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { type CustomerSnapshot, CustomerSnapshotSchema } from '@kaf/contracts';
import { FederatedHandlers } from '@kaf/federation';
import { type InboundMessage, PermanentMessageError } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import { type ReportedAttribute, ReportedCustomerChanges } from './reported-customer-changes';

interface Written {
  first: boolean;
  industry: boolean;
  grade: boolean;
  group: boolean;
  status: boolean;
}

const ATTRIBUTES: readonly ReportedAttribute[] = ['industry', 'grade', 'group', 'status'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Keeps the province's copy of its cities' customers. The highest version wins, so duplicates,
 * replays, reordering and resyncs are harmless.
 */
@Injectable()
export class CustomerSnapshotHandler implements OnModuleInit {
  constructor(
    private readonly handlers: FederatedHandlers,
    private readonly changes: ReportedCustomerChanges,
  ) {}

  onModuleInit(): void {
    this.handlers.on(CustomerSnapshotSchema, 'child', (snapshot, message, tx) =>
      this.handle(snapshot, message, tx),
    );
  }

  async handle(snapshot: CustomerSnapshot, message: InboundMessage, tx: EntityManager): Promise<void> {
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
    // The previous copy is read in the same statement, so the listeners learn exactly what changed.
    const written: Written[] = await tx.query(
      `WITH previous AS (
         SELECT true AS found, industry, grade, group_code, status FROM reported_customer WHERE id = $1
       ), stored AS (
       INSERT INTO reported_customer AS r
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
       WHERE excluded.version > r.version AND r.city_code = excluded.city_code
       RETURNING industry, grade, group_code, status
       )
       SELECT p.found IS NULL AS first,
              s.industry IS DISTINCT FROM p.industry AS industry,
              s.grade IS DISTINCT FROM p.grade AS grade,
              s.group_code IS DISTINCT FROM p.group_code AS "group",
              s.status IS DISTINCT FROM p.status AS status
         FROM stored s LEFT JOIN previous p ON true`,
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
    const [row] = written;
    if (!row) return;
    const attributes = ATTRIBUTES.filter((a) => row.first || row[a]);
    if (attributes.length === 0) return;
    await this.changes.notify(tx, [
      { customerId: snapshot.customerId, cityCode: snapshot.cityCode, attributes, first: row.first },
    ]);
  }
}
