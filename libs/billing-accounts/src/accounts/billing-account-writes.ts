import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@kaf/audit';
import type { Principal } from '@kaf/auth';
import { ConflictError } from '@kaf/platform';
import type { EntityManager } from 'typeorm';
import { BillingAccountSnapshotPublisher } from '../snapshots/billing-account-snapshot.publisher';
import { BillingAccountChanges } from './billing-account-changes';
import type { BillingAccountHolderEntity } from './billing-account-holder.entity';
import type { BillingAccountEntity } from './billing-account.entity';
import { type AccountWithHolders, BillingAccountRepository } from './billing-account.repository';
import { type BillingAccountView, toBillingAccountView } from './billing-account.view';

const UNIQUE_VIOLATION = '23505';

/**
 * The one write path of accounts (REST and import): the rows, the audit entries, the snapshots to
 * the province and the change listeners, all in the caller's transaction.
 */
@Injectable()
export class BillingAccountWrites {
  constructor(
    private readonly accounts: BillingAccountRepository,
    private readonly audit: AuditTrail,
    private readonly snapshots: BillingAccountSnapshotPublisher,
    private readonly changes: BillingAccountChanges,
  ) {}

  /** New accounts with their first holder rows; a number taken meanwhile is a 409. */
  async create(
    tx: EntityManager,
    principal: Principal,
    action: string,
    created: readonly { account: BillingAccountEntity; holder: BillingAccountHolderEntity }[],
    auditExtra: Record<string, unknown> = {},
  ): Promise<BillingAccountView[]> {
    try {
      await this.accounts.insert(
        tx,
        created.map((c) => c.account),
        created.map((c) => c.holder),
      );
    } catch (error) {
      const driver = (error as { driverError?: { code?: string } }).driverError;
      if (driver?.code === UNIQUE_VIOLATION) {
        throw new ConflictError(
          'accountNumber: an account of this number was registered concurrently; retry',
        );
      }
      throw error;
    }
    const withHolders = created.map((c) => ({
      ...c.account,
      holders: [{ fromMonth: c.holder.fromMonth, customerId: c.holder.customerId }],
    }));
    const views = withHolders.map(toBillingAccountView);
    await this.audit.recordMany(
      tx,
      principal,
      views.map((v) => ({
        action,
        resourceType: 'billing_account',
        resourceId: v.id,
        after: { ...v, ...auditExtra },
      })),
    );
    await this.announce(tx, principal, withHolders);
    return views;
  }

  /** Saves a changed account (its holder rows already written): version + 1, audit, snapshot. */
  async commit(
    tx: EntityManager,
    principal: Principal,
    action: string,
    before: AccountWithHolders,
    after: AccountWithHolders,
  ): Promise<BillingAccountView> {
    after.version = before.version + 1;
    after.updatedAt = new Date();
    await this.accounts.update(tx, after, {
      openedOn: after.openedOn,
      closedOn: after.closedOn,
      paidByAccount: after.paidByAccount,
      customerId: after.customerId,
    });
    const view = toBillingAccountView(after);
    await this.audit.record(tx, principal, {
      action,
      resourceType: 'billing_account',
      resourceId: after.id,
      before: toBillingAccountView(before),
      after: view,
    });
    await this.announce(tx, principal, [after]);
    return view;
  }

  private async announce(
    tx: EntityManager,
    principal: Principal,
    accounts: readonly AccountWithHolders[],
  ): Promise<void> {
    await this.snapshots.publish(tx, accounts);
    await this.changes.notify(
      tx,
      principal,
      accounts.map((a) => ({ source: a.source, accountNumber: a.accountNumber })),
    );
  }
}
