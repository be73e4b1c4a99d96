import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { type BillingAccountSnapshot, BillingAccountSnapshotSchema } from '@kaf/contracts';
import { FederatedHandlers, NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { BillingAccountChanges } from '../accounts/billing-account-changes';
import { type InboundMessage, PermanentMessageError } from '@kaf/messaging';
import { isBillingMonth, isCalendarDate } from '@kaf/platform';
import type { EntityManager } from 'typeorm';
import { ReportedBillingAccountRepository } from './reported-billing-account.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Keeps the province's copy of its cities' billing accounts. Only the city holding an account
 * may report it; the highest version wins, so duplicates, replays and resyncs are harmless. A
 * copy that changed is announced through `BillingAccountChanges` in the inbox transaction.
 */
@Injectable()
export class BillingAccountSnapshotHandler implements OnModuleInit {
  constructor(
    private readonly handlers: FederatedHandlers,
    private readonly reported: ReportedBillingAccountRepository,
    private readonly changes: BillingAccountChanges,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
  ) {}

  onModuleInit(): void {
    this.handlers.on(BillingAccountSnapshotSchema, 'child', (snapshot, message, tx) =>
      this.handle(snapshot, message, tx),
    );
  }

  async handle(snapshot: BillingAccountSnapshot, message: InboundMessage, tx: EntityManager): Promise<void> {
    if (snapshot.cityCode !== message.source) {
      throw new PermanentMessageError(
        `billing account snapshot for city ${snapshot.cityCode} sent by ${message.source}`,
      );
    }
    const problem = malformation(snapshot);
    if (problem) {
      throw new PermanentMessageError(
        `billing account snapshot ${JSON.stringify(snapshot.accountId)} v${snapshot.version} is malformed: ${problem}`,
      );
    }
    const changed = await this.reported.upsert(tx, {
      accountId: snapshot.accountId,
      cityCode: snapshot.cityCode,
      version: Number(snapshot.version),
      source: snapshot.source,
      accountNumber: snapshot.accountNumber,
      openedOn: snapshot.openedOn,
      closedOn: snapshot.closedOn || null,
      paidByAccount: snapshot.paidByAccount || null,
      holders: snapshot.holders.map((h) => ({ fromMonth: h.fromMonth, customerId: h.customerId })),
    });
    if (!changed) return;
    // What this province parked for the account can now be routed; the city that reported it is the author.
    const reporter = { subject: `node:${snapshot.cityCode}`, roles: [], nodeCode: this.identity.code };
    await this.changes.notify(tx, reporter, [
      { source: snapshot.source, accountNumber: snapshot.accountNumber },
    ]);
  }
}

function malformation(s: BillingAccountSnapshot): string | undefined {
  if (!UUID.test(s.accountId)) return 'accountId';
  if (s.version < 1n || s.version > 2_147_483_647n) return 'version';
  if (s.source.length === 0 || s.source.length > 256) return 'source';
  if (s.accountNumber.length === 0 || s.accountNumber.length > 64) return 'accountNumber';
  if (!isCalendarDate(s.openedOn)) return 'openedOn';
  if (s.closedOn !== '' && (!isCalendarDate(s.closedOn) || s.closedOn < s.openedOn)) return 'closedOn';
  if (s.paidByAccount.length > 64) return 'paidByAccount';
  if (s.holders.some((h) => !isBillingMonth(h.fromMonth) || !UUID.test(h.customerId))) return 'holders';
  return undefined;
}
