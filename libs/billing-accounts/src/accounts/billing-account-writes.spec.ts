import type { AuditTrail } from '@kaf/audit';
import type { Principal } from '@kaf/auth';
import type { EntityManager } from 'typeorm';
import type { BillingAccountSnapshotPublisher } from '../snapshots/billing-account-snapshot.publisher';
import { BillingAccountChanges } from './billing-account-changes';
import { BillingAccountViewExtensions } from './billing-account-view-extensions';
import { BillingAccountWrites } from './billing-account-writes';
import type { BillingAccountRepository } from './billing-account.repository';

const tx = {} as EntityManager;
const principal = { subject: 'admin', roles: ['city_admin'], nodeCode: '440300' } as unknown as Principal;

function account(n: number) {
  const id = `0190e000-0000-7000-8000-00000000000${n}`;
  return {
    account: {
      id,
      cityCode: '440300',
      customerId: 'c-1',
      source: 'boss',
      accountNumber: `4403-000000${n}`,
      openedOn: '2026-01-15',
      closedOn: null,
      paidByAccount: null,
      version: 1,
      createdAt: new Date(),
      updatedAt: new Date(),
    },
    holder: { accountId: id, fromMonth: '2026-01', customerId: 'c-1' },
  };
}

describe('billing account writes', () => {
  it('writes, audits, reports and tells the listeners, in that order and in the one transaction', async () => {
    const steps: string[] = [];
    const changes = new BillingAccountChanges();
    const heard: unknown[] = [];
    changes.onChanged(async (t, _principal, accounts) => {
      expect(t).toBe(tx);
      heard.push(...accounts);
      steps.push('listener');
    });
    const writes = new BillingAccountWrites(
      { insert: async () => void steps.push('insert') } as unknown as BillingAccountRepository,
      { recordMany: async () => void steps.push('audit') } as unknown as AuditTrail,
      { publish: async () => void steps.push('snapshot') } as unknown as BillingAccountSnapshotPublisher,
      changes,
    );
    const views = await writes.create(tx, principal, 'billing-account.import', [account(1), account(2)]);
    expect(steps).toEqual(['insert', 'audit', 'snapshot', 'listener']);
    expect(heard).toEqual([
      { source: 'boss', accountNumber: '4403-0000001' },
      { source: 'boss', accountNumber: '4403-0000002' },
    ]);
    expect(views.map((v) => v.holders)).toEqual([
      [{ fromMonth: '2026-01', customerId: 'c-1' }],
      [{ fromMonth: '2026-01', customerId: 'c-1' }],
    ]);
  });

  it('fails the write, so its transaction rolls back, when a listener throws', async () => {
    const changes = new BillingAccountChanges();
    changes.onChanged(() => Promise.reject(new Error('parked events could not be booked')));
    const writes = new BillingAccountWrites(
      { insert: async () => undefined } as unknown as BillingAccountRepository,
      { recordMany: async () => undefined } as unknown as AuditTrail,
      { publish: async () => undefined } as unknown as BillingAccountSnapshotPublisher,
      changes,
    );
    await expect(writes.create(tx, principal, 'billing-account.create', [account(1)])).rejects.toThrow(
      'parked events could not be booked',
    );
  });
});

describe('billing account view extensions', () => {
  it('asks each provider once per page and refuses a name registered twice', async () => {
    const extensions = new BillingAccountViewExtensions();
    const asked: (readonly string[])[] = [];
    extensions.register('balance', async (_tx, ids) => {
      asked.push(ids);
      return new Map([[ids[0]!, { owedFen: '100' }]]);
    });
    expect(() => extensions.register('balance', async () => new Map())).toThrow(/twice/);
    const values = await extensions.valuesOf(tx, ['a', 'b']);
    expect(asked).toEqual([['a', 'b']]);
    expect(values.get('balance')?.get('a')).toEqual({ owedFen: '100' });
    expect((await extensions.valuesOf(tx, [])).size).toBe(0);
  });
});
