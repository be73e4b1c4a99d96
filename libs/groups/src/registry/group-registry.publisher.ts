import { Inject, Injectable } from '@nestjs/common';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { GroupCustomerPublishedSchema } from '@kaf/contracts';
import { TOPOLOGY, type Topology } from '@kaf/federation';
import { type OutgoingMessage, OutboxWriter } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import type { GroupCustomerEntity } from './group-customer.entity';

/** Bounds one outbox INSERT when the whole registry is re-sent. */
const WRITE_CHUNK = 5000;

/**
 * Publishes the absolute state of registry entries through the outbox, in the caller's
 * transaction: every city keeps a replica so that it can attach its customers to groups.
 */
@Injectable()
export class GroupRegistryPublisher {
  constructor(
    private readonly outbox: OutboxWriter,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  /** Every city node of the federation. */
  cities(): string[] {
    return this.topology
      .nodes()
      .filter((n) => n.tier === 'city')
      .map((n) => n.code);
  }

  async publish(
    tx: EntityManager,
    groups: readonly GroupCustomerEntity[],
    targets: readonly string[] = this.cities(),
  ): Promise<void> {
    const messages: OutgoingMessage<typeof GroupCustomerPublishedSchema>[] = [];
    for (const group of groups) {
      const payload = create(GroupCustomerPublishedSchema, {
        groupCode: group.groupCode,
        version: BigInt(group.version),
        name: group.name,
        creditCode: group.creditCode,
        industry: group.industry,
        grade: group.grade,
        status: group.status,
        leadNode: group.leadNode,
        updatedAt: timestampFromDate(group.updatedAt),
      });
      for (const target of targets)
        messages.push({ schema: GroupCustomerPublishedSchema, payload, target, key: group.groupCode });
    }
    for (let i = 0; i < messages.length; i += WRITE_CHUNK)
      await this.outbox.writeMany(tx, messages.slice(i, i + WRITE_CHUNK));
  }
}
