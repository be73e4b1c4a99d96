import { Injectable, type OnModuleInit } from '@nestjs/common';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { type GroupCustomerPublished, GroupCustomerPublishedSchema } from '@kaf/contracts';
import { type InboundMessage, MessageHandlerRegistry, PermanentMessageError } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import { isGroupCode } from '../group-code';

/** Only the national node owns the registry; a city mirrors what it publishes. */
const REGISTRY_NODE = 'CN';

/** Keeps the city's replica of the registry: the highest version of each group wins. */
@Injectable()
export class GroupCustomerPublishedHandler implements OnModuleInit {
  constructor(private readonly registry: MessageHandlerRegistry) {}

  onModuleInit(): void {
    this.registry.on(GroupCustomerPublishedSchema, (group, message, tx) => this.handle(group, message, tx));
  }

  async handle(group: GroupCustomerPublished, message: InboundMessage, tx: EntityManager): Promise<void> {
    if (message.source !== REGISTRY_NODE) {
      throw new PermanentMessageError(`group ${group.groupCode} published by ${message.source}, not by CN`);
    }
    if (!isGroupCode(group.groupCode) || group.version < 1n) {
      throw new PermanentMessageError(
        `published group ${JSON.stringify(group.groupCode)} v${group.version} is malformed`,
      );
    }
    await tx.query(
      `INSERT INTO group_customer_replica AS r
         (group_code, name, credit_code, industry, grade, status, lead_node, version, updated_at, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
       ON CONFLICT (group_code) DO UPDATE SET
         name = excluded.name, credit_code = excluded.credit_code, industry = excluded.industry,
         grade = excluded.grade, status = excluded.status, lead_node = excluded.lead_node,
         version = excluded.version, updated_at = excluded.updated_at, received_at = excluded.received_at
       WHERE excluded.version > r.version`,
      [
        group.groupCode,
        group.name.slice(0, 200),
        group.creditCode,
        group.industry,
        group.grade,
        group.status,
        group.leadNode,
        group.version.toString(),
        group.updatedAt ? timestampDate(group.updatedAt) : message.occurredAt,
      ],
    );
  }
}
