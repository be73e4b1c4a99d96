import { Inject, Injectable } from '@nestjs/common';
import type { AccessScope } from '@kaf/auth';
import { CustomerDirectory } from '@kaf/customers';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { ConflictError, FieldValidationException, NotFoundError, uuidv7 } from '@kaf/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { datesProblem, monthOfDay, transferProblem } from '../domain/account-months';
import type { BillingAccountHolderEntity } from './billing-account-holder.entity';
import type { BillingAccountEntity } from './billing-account.entity';
import type {
  CreateBillingAccountDto,
  TransferBillingAccountDto,
  UpdateBillingAccountDto,
} from './billing-account.dto';
import { BillingAccountViewExtensions } from './billing-account-view-extensions';
import { BillingAccountWrites } from './billing-account-writes';
import { type AccountWithHolders, BillingAccountRepository } from './billing-account.repository';
import { type BillingAccountView, toBillingAccountView } from './billing-account.view';

/**
 * Billing accounts of a customer. Every call first resolves the customer within the caller's
 * scope, so an account manager reaches only the accounts of their own portfolio.
 */
@Injectable()
export class BillingAccountsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly customers: CustomerDirectory,
    private readonly accounts: BillingAccountRepository,
    private readonly writes: BillingAccountWrites,
    private readonly extensions: BillingAccountViewExtensions,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
  ) {}

  /** The accounts the customer holds or has held, each with its holders and every extension. */
  async list(
    scope: AccessScope,
    customerId: string,
    page: { limit: number; offset: number },
  ): Promise<{ items: BillingAccountView[]; total: number }> {
    await this.customers.requireInScope(scope, customerId, 'customerId');
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const { rows, total } = await this.accounts.pageOfCustomer(tx, customerId, page);
      const ids = rows.map((r) => r.id);
      const holders = await this.accounts.holdersOf(tx, ids);
      const extensions = await this.extensions.valuesOf(tx, ids);
      const items = rows.map((r) => {
        const view = toBillingAccountView({ ...r, holders: holders.get(r.id) ?? [] });
        for (const [name, values] of extensions) view[name] = values.get(r.id) ?? null;
        return view;
      });
      return { items, total };
    });
  }

  async create(
    scope: AccessScope,
    customerId: string,
    dto: CreateBillingAccountDto,
  ): Promise<BillingAccountView> {
    const closedOn = dto.closedOn ?? null;
    const paidByAccount = dto.paidByAccount ?? null;
    const problem = datesProblem(dto.openedOn, closedOn, monthOfDay(dto.openedOn));
    if (problem) throw new FieldValidationException([problem]);
    if (paidByAccount === dto.accountNumber) {
      throw new FieldValidationException([{ field: 'paidByAccount', message: 'must name another account' }]);
    }
    return this.dataSource.transaction(async (tx) => {
      await this.customers.requireInScope(scope, customerId, 'customerId', tx);
      const taken = await this.accounts.existingNumbers(tx, dto.source, [dto.accountNumber]);
      if (taken.size > 0) {
        throw new ConflictError(
          `accountNumber: ${dto.accountNumber} is already an account of ${dto.source} in this city`,
        );
      }
      const [view] = await this.writes.create(tx, scope.principal, 'billing-account.create', [
        this.newAccount(customerId, { ...dto, closedOn, paidByAccount }),
      ]);
      return view!;
    });
  }

  async update(
    scope: AccessScope,
    customerId: string,
    accountId: string,
    dto: UpdateBillingAccountDto,
  ): Promise<BillingAccountView> {
    return this.dataSource.transaction(async (tx) => {
      const current = await this.lock(tx, scope, customerId, accountId);
      const next: AccountWithHolders = {
        ...current,
        holders: [...current.holders],
        openedOn: dto.openedOn ?? current.openedOn,
        closedOn: dto.closedOn === undefined ? current.closedOn : dto.closedOn,
        paidByAccount: dto.paidByAccount === undefined ? current.paidByAccount : dto.paidByAccount,
      };
      if (
        next.openedOn === current.openedOn &&
        next.closedOn === current.closedOn &&
        next.paidByAccount === current.paidByAccount
      ) {
        return toBillingAccountView(current);
      }
      if (next.paidByAccount === current.accountNumber) {
        throw new FieldValidationException([
          { field: 'paidByAccount', message: 'must name another account' },
        ]);
      }
      const first = current.holders[0]!;
      const openedMonth = monthOfDay(next.openedOn);
      const second = current.holders[1];
      if (second && openedMonth >= second.fromMonth) {
        throw new FieldValidationException([
          {
            field: 'openedOn',
            message: `must be before the month the account changed holder (${second.fromMonth})`,
          },
        ]);
      }
      const latest = second ? current.holders[current.holders.length - 1]!.fromMonth : openedMonth;
      const problem = datesProblem(next.openedOn, next.closedOn, latest);
      if (problem) throw new FieldValidationException([problem]);
      if (openedMonth !== first.fromMonth) {
        await this.accounts.moveFirstHolder(tx, current.id, first.fromMonth, openedMonth);
        next.holders[0] = { ...first, fromMonth: openedMonth };
      }
      return this.writes.commit(tx, scope.principal, 'billing-account.update', current, next);
    });
  }

  async transfer(
    scope: AccessScope,
    customerId: string,
    accountId: string,
    dto: TransferBillingAccountDto,
  ): Promise<BillingAccountView> {
    return this.dataSource.transaction(async (tx) => {
      const current = await this.lock(tx, scope, customerId, accountId);
      if (dto.toCustomerId === customerId) {
        throw new FieldValidationException([{ field: 'toCustomerId', message: 'already holds the account' }]);
      }
      try {
        await this.customers.requireInScope(scope, dto.toCustomerId, 'toCustomerId', tx);
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
        throw new FieldValidationException([
          { field: 'toCustomerId', message: `${dto.toCustomerId} is not a customer of this city in reach` },
        ]);
      }
      const latest = current.holders[current.holders.length - 1]!;
      const problem = transferProblem(current, latest.fromMonth, dto.fromMonth);
      if (problem) throw new FieldValidationException([{ field: 'fromMonth', message: problem }]);
      const holder = { accountId, fromMonth: dto.fromMonth, customerId: dto.toCustomerId };
      const holders = current.holders.filter((h) => h.fromMonth !== dto.fromMonth);
      if (holders.length < current.holders.length) {
        await this.accounts.replaceHolder(tx, holder);
      } else {
        await this.accounts.addHolder(tx, holder);
      }
      const next: AccountWithHolders = {
        ...current,
        customerId: dto.toCustomerId,
        holders: [...holders, { fromMonth: dto.fromMonth, customerId: dto.toCustomerId }],
      };
      return this.writes.commit(tx, scope.principal, 'billing-account.transfer', current, next);
    });
  }

  /** A new account row of this city and its first holder row (from the opening month). */
  newAccount(
    customerId: string,
    fields: {
      source: string;
      accountNumber: string;
      openedOn: string;
      closedOn: string | null;
      paidByAccount: string | null;
    },
  ): { account: BillingAccountEntity; holder: BillingAccountHolderEntity } {
    const now = new Date();
    const id = uuidv7();
    return {
      account: {
        id,
        cityCode: this.identity.code,
        customerId,
        source: fields.source,
        accountNumber: fields.accountNumber,
        openedOn: fields.openedOn,
        closedOn: fields.closedOn,
        paidByAccount: fields.paidByAccount,
        version: 1,
        createdAt: now,
        updatedAt: now,
      },
      holder: { accountId: id, fromMonth: monthOfDay(fields.openedOn), customerId },
    };
  }

  /** The customer in scope (share-locked) and its account, row-locked; 404 otherwise. */
  private async lock(
    tx: EntityManager,
    scope: AccessScope,
    customerId: string,
    accountId: string,
  ): Promise<AccountWithHolders> {
    await this.customers.requireInScope(scope, customerId, 'customerId', tx);
    const account = await this.accounts.lockHeldBy(tx, accountId, customerId);
    if (!account)
      throw new NotFoundError(`accountId: billing account ${accountId} not found for this customer`);
    return account;
  }
}
