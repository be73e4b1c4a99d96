import { Inject, Injectable } from '@nestjs/common';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { type CustomerSnapshot, CustomerSnapshotSchema } from '@kaf/contracts';
import { NODE_IDENTITY, type NodeIdentity, TOPOLOGY, type Topology } from '@kaf/federation';
import { type OutgoingMessage, OutboxWriter } from '@kaf/messaging';
import { type EntityManager, MoreThan, Not, IsNull, type FindOptionsWhere } from 'typeorm';
import { CustomerEntity } from '../profile/customer.entity';

/** The business state a snapshot carries; never a contact or any personal data. */
export type SnapshotSource = Pick<
  CustomerEntity,
  | 'id'
  | 'cityCode'
  | 'version'
  | 'name'
  | 'creditCode'
  | 'industry'
  | 'classes'
  | 'grade'
  | 'status'
  | 'managerId'
  | 'managerStaffId'
  | 'groupCode'
  | 'gridCode'
  | 'updatedAt'
> & {
  /** Set in the change that takes the customer out of a group (or moves it to another). */
  previousGroupCode?: string | null;
};

const CHUNK = 1000;

/**
 * Reports customers upward through the outbox, in the caller's transaction: to the parent
 * province always, and to the national node while the customer is in a group or just left one.
 */
@Injectable()
export class CustomerSnapshotPublisher {
  private readonly nationalCode: string | undefined;

  constructor(
    private readonly outbox: OutboxWriter,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    @Inject(TOPOLOGY) topology: Topology,
  ) {
    this.nationalCode = topology.nodes().find((n) => n.tier === 'national')?.code;
  }

  async publish(tx: EntityManager, customers: readonly SnapshotSource[]): Promise<void> {
    const messages: OutgoingMessage<typeof CustomerSnapshotSchema>[] = [];
    for (const customer of customers) {
      const payload = toSnapshot(customer);
      for (const target of this.targetsOf(customer)) {
        messages.push({ schema: CustomerSnapshotSchema, payload, target, key: customer.id });
      }
    }
    for (let i = 0; i < messages.length; i += CHUNK) {
      await this.outbox.writeMany(tx, messages.slice(i, i + CHUNK));
    }
  }

  /**
   * Sends every customer's current snapshot to `requester` again, chunk by chunk. The national
   * node keeps group members only, so it gets only the customers that are in a group.
   */
  async resend(tx: EntityManager, requester: string): Promise<number> {
    const repo = tx.getRepository(CustomerEntity);
    const onlyGroupMembers = requester === this.nationalCode;
    let after: string | undefined;
    let sent = 0;
    for (;;) {
      const where: FindOptionsWhere<CustomerEntity> = {
        cityCode: this.identity.code,
        ...(after ? { id: MoreThan(after) } : {}),
        ...(onlyGroupMembers ? { groupCode: Not(IsNull()) } : {}),
      };
      const rows = await repo.find({ where, order: { id: 'ASC' }, take: CHUNK });
      if (rows.length === 0) return sent;
      await this.outbox.writeMany(
        tx,
        rows.map((c) => ({
          schema: CustomerSnapshotSchema,
          payload: toSnapshot(c),
          target: requester,
          key: c.id,
        })),
      );
      sent += rows.length;
      after = rows[rows.length - 1]!.id;
    }
  }

  private targetsOf(customer: SnapshotSource): string[] {
    const targets: string[] = [];
    if (this.identity.parentCode) targets.push(this.identity.parentCode);
    const groupRelated = customer.groupCode !== null || !!customer.previousGroupCode;
    if (groupRelated && this.nationalCode && !targets.includes(this.nationalCode)) {
      targets.push(this.nationalCode);
    }
    return targets;
  }
}

export function toSnapshot(c: SnapshotSource): CustomerSnapshot {
  return create(CustomerSnapshotSchema, {
    customerId: c.id,
    cityCode: c.cityCode,
    version: BigInt(c.version),
    name: c.name,
    creditCode: c.creditCode,
    industry: c.industry,
    classes: [...c.classes],
    grade: c.grade,
    status: c.status,
    managerId: c.managerId ?? '',
    managerStaffId: c.managerStaffId ?? '',
    groupCode: c.groupCode ?? '',
    gridCode: c.gridCode ?? '',
    updatedAt: timestampFromDate(c.updatedAt),
    previousGroupCode: c.previousGroupCode ?? '',
  });
}
