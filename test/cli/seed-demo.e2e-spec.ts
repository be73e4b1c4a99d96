import { shanghaiDate } from '@kaf/platform';
import { planDemo } from '@kaf/cli/seed/demo-plan';
import { NodeApi } from '@kaf/cli/seed/node-api';
import { runSeed } from '@kaf/cli/seed/seed-runner';
import { tokenFor } from '../support/auth';
import { FederationFixture } from '../support/federation-fixture';
import { BOOT_HOOK_TIMEOUT_MS, type NodeProcess } from '../support/node-process';

const TODAY = shanghaiDate(new Date());

interface CustomerView {
  id: string;
  creditCode: string;
  status: string;
  groupCode: string | null;
  managerStaffId: string | null;
}

describe('seed demo against real nodes', () => {
  const fed = new FederationFixture();
  let cn: NodeProcess;
  let city: NodeProcess;
  const plan = planDemo({
    seed: 'e2e',
    today: TODAY,
    provinces: ['440000'],
    cities: [{ code: '440300', name: '深圳市 Shenzhen' }],
    customersPerCity: 10,
    accountManagersPerCity: 3,
  });
  const planned = plan.cities[0]!;

  const seed = async () =>
    runSeed(
      plan,
      {
        national: new NodeApi('CN', cn.url, await tokenFor({ roles: 'hq_admin', node: 'CN' })),
        cities: new Map([
          [
            '440300',
            new NodeApi('440300', city.url, await tokenFor({ roles: 'city_admin', node: '440300' })),
          ],
        ]),
      },
      { replicaTimeoutMs: 60_000, concurrency: 4, progress: () => undefined },
    );

  const total = async (path: string, token?: string): Promise<number> => {
    const res = await city.request('GET', path, {
      token: token ?? (await tokenFor({ roles: 'city_admin', node: '440300' })),
    });
    expect(res.status).toBe(200);
    return Number(res.headers.get('x-total-count'));
  };

  beforeAll(async () => {
    cn = await fed.addNode('CN', 'national');
    // The city learns the national group registry through its province.
    const province = await fed.addNode('440000', 'province');
    city = await fed.addNode('440300', 'city');
    await Promise.all([cn, province, city].map((n) => n.startAndWaitReady()));
  }, BOOT_HOOK_TIMEOUT_MS);
  afterAll(() => fed.dispose());

  it('writes the whole plan through the REST APIs', async () => {
    const counts = await seed();
    expect(counts.errors).toEqual([]);
    expect(counts.total('customers')).toEqual({ created: 10, existing: 0 });
    expect(await total('/api/v1/account-managers')).toBe(5);
    expect(await total('/api/v1/customers')).toBe(10);
    expect(await total('/api/v1/service-agreements')).toBe(
      planned.customers.flatMap((c) => c.agreements).length,
    );
    expect(await total('/api/v1/visits')).toBe(planned.customers.flatMap((c) => c.visits).length);

    const customers = await city.get<CustomerView[]>(
      '/api/v1/customers?limit=50',
      await tokenFor({ roles: 'city_admin', node: '440300' }),
    );
    for (const c of planned.customers) {
      const seeded = customers.find((x) => x.creditCode === c.creditCode)!;
      expect(seeded).toMatchObject({ status: c.status, managerStaffId: c.managerStaffId });
      expect(seeded.groupCode !== null).toBe(c.group !== undefined);
    }

    // Every customer holds its planned accounts of the demo billing system, by number.
    for (const c of planned.customers) {
      const id = customers.find((x) => x.creditCode === c.creditCode)!.id;
      const accounts = await city.get<{ accountNumber: string; source: string }[]>(
        `/api/v1/customers/${id}/billing-accounts`,
        await tokenFor({ roles: 'city_admin', node: '440300' }),
      );
      expect(accounts.map((a) => `${a.source}/${a.accountNumber}`).sort()).toEqual(
        c.billingAccounts.map((a) => `${a.source}/${a.accountNumber}`).sort(),
      );
    }

    // The renewal window holds exactly the agreements planned to end within 30 days.
    const in31 = new Date(Date.parse(`${TODAY}T00:00:00Z`) + 31 * 864e5).toISOString().slice(0, 10);
    expect(await total(`/api/v1/service-agreements?status=active&endingBefore=${in31}`)).toBe(2);

    // An account manager's token sees their own portfolio only.
    const staffId = planned.managers[2]!.staffId;
    const own = planned.customers.filter((c) => c.managerStaffId === staffId).length;
    expect(
      await total(
        '/api/v1/customers',
        await tokenFor({ roles: 'account_manager', node: '440300', subject: staffId }),
      ),
    ).toBe(own);
  });

  it('adds nothing when run again', async () => {
    const before = [
      await total('/api/v1/customers'),
      await total('/api/v1/service-agreements'),
      await total('/api/v1/visits'),
    ];
    const again = await seed();
    expect(again.errors).toEqual([]);
    expect(again.total('customers')).toEqual({ created: 0, existing: 10 });
    expect(again.total('group customers')).toEqual({ created: 0, existing: 3 });
    expect(again.total('billing accounts').created).toBe(0);
    expect([
      await total('/api/v1/customers'),
      await total('/api/v1/service-agreements'),
      await total('/api/v1/visits'),
    ]).toEqual(before);
  });
});
