import { create } from '@bufbuild/protobuf';
import { CustomerSnapshotSchema } from '@kaf/contracts';
import type { FederatedHandlers } from '@kaf/federation';
import type { InboundMessage } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import { CustomerSnapshotHandler } from './customer-snapshot.handler';
import { type ReportedCustomerChange, ReportedCustomerChanges } from './reported-customer-changes';

const CUSTOMER = '0190e000-0000-7000-8000-000000000001';
const message = { source: '440300', occurredAt: new Date() } as InboundMessage;
const snapshot = create(CustomerSnapshotSchema, {
  customerId: CUSTOMER,
  cityCode: '440300',
  version: 2n,
  name: 'n',
  industry: 'I',
  grade: 'B',
  status: 'active',
});

/** The handler against a transaction that answers the upsert with `written`. */
function handlerAnswering(written: Record<string, boolean>[]) {
  const seen: ReportedCustomerChange[][] = [];
  const changes = new ReportedCustomerChanges();
  changes.onChanged((_tx, c) => {
    seen.push([...c]);
    return Promise.resolve();
  });
  const tx = { query: () => Promise.resolve(written) } as unknown as EntityManager;
  const handler = new CustomerSnapshotHandler({} as FederatedHandlers, changes);
  return { handle: () => handler.handle(snapshot, message, tx), seen };
}

const row = (over: Record<string, boolean>) => ({
  first: false,
  industry: false,
  grade: false,
  group: false,
  status: false,
  ...over,
});

describe('province snapshot handler telling listeners what changed', () => {
  it('names the attributes that changed', async () => {
    const { handle, seen } = handlerAnswering([row({ grade: true, group: true })]);
    await handle();
    expect(seen).toEqual([
      [{ customerId: CUSTOMER, cityCode: '440300', attributes: ['grade', 'group'], first: false }],
    ]);
  });

  it('names every attribute for a first copy', async () => {
    const { handle, seen } = handlerAnswering([row({ first: true, industry: true })]);
    await handle();
    expect(seen[0]![0]).toMatchObject({ attributes: ['industry', 'grade', 'group', 'status'], first: true });
  });

  it('stays silent for a stale snapshot or one that changes no classifying attribute', async () => {
    for (const written of [[], [row({})]]) {
      const { handle, seen } = handlerAnswering(written);
      await handle();
      expect(seen).toEqual([]);
    }
  });
});
