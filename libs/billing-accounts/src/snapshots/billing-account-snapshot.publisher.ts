import { Inject, Injectable } from '@nestjs/common';
import { create } from '@bufbuild/protobuf';
import { type BillingAccountSnapshot, BillingAccountSnapshotSchema } from '@kaf/contracts';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { OutboxWriter } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import { type AccountWithHolders, BillingAccountRepository } from '../accounts/billing-account.repository';

const CHUNK = 1000;

/**
 * Reports accounts to the parent province through the outbox, in the caller's transaction, so
 * the province can route the billing system's feed to the city that holds each account. Keyed
 * by the account's id, so the province receives one account's versions in order.
 */
@Injectable()
export class BillingAccountSnapshotPublisher {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly accounts: BillingAccountRepository,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
  ) {}

  async publish(tx: EntityManager, accounts: readonly AccountWithHolders[], target?: string): Promise<void> {
    const to = target ?? this.identity.parentCode;
    if (!to) return;
    for (let i = 0; i < accounts.length; i += CHUNK) {
      await this.outbox.writeMany(
        tx,
        accounts.slice(i, i + CHUNK).map((a) => ({
          schema: BillingAccountSnapshotSchema,
          payload: toAccountSnapshot(a),
          target: to,
          key: a.id,
        })),
      );
    }
  }

  /** Sends every account's current snapshot to `requester` again; the count sent. */
  async resend(tx: EntityManager, requester: string): Promise<number> {
    let after: string | undefined;
    let sent = 0;
    for (;;) {
      const page = await this.accounts.pageAfter(tx, after, CHUNK);
      if (page.length === 0) return sent;
      await this.publish(tx, page, requester);
      sent += page.length;
      after = page[page.length - 1]!.id;
    }
  }
}

/** The account's business state; no personal data (a customer id is an internal key). */
export function toAccountSnapshot(a: AccountWithHolders): BillingAccountSnapshot {
  return create(BillingAccountSnapshotSchema, {
    accountId: a.id,
    cityCode: a.cityCode,
    version: BigInt(a.version),
    source: a.source,
    accountNumber: a.accountNumber,
    openedOn: a.openedOn,
    closedOn: a.closedOn ?? '',
    paidByAccount: a.paidByAccount ?? '',
    holders: a.holders.map((h) => ({ fromMonth: h.fromMonth, customerId: h.customerId })),
  });
}
