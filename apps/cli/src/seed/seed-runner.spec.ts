import { planDemo } from './demo-plan';
import { NodeApi } from './node-api';
import { runSeed, statusPath } from './seed-runner';

/** An in-memory stand-in for the REST endpoints the seed calls, keyed like the real ones. */
class FakeFederation {
  groups = new Map<string, { groupCode: string; creditCode: string }>();
  replicaMisses = 2;
  managers = new Map<string, Map<string, { id: string; staffId: string }>>();
  customers = new Map<string, { id: string; creditCode: string; status: string; groupCode: string | null }>();
  agreements = new Set<string>();
  billingAccounts = new Set<string>();
  contacts = 0;
  visits = 0;
  refuseContactsOf: string | undefined;
  billingPolicy: Record<string, unknown> | undefined;
  private nextId = 1;

  readonly fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input);
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : {};
    const node = url.port;
    const [status, answer] = this.route(node, method, url.pathname, body);
    return new Response(JSON.stringify(answer), {
      status,
      headers: {
        'content-type': 'application/json',
        'x-total-count': Array.isArray(answer) ? String(answer.length) : '0',
      },
    });
  };

  private id(): string {
    return `00000000-0000-0000-0000-${String(this.nextId++).padStart(12, '0')}`;
  }

  private route(
    node: string,
    method: string,
    path: string,
    body: Record<string, unknown>,
  ): [number, unknown] {
    const key = `${method} ${path.replace(/[0-9a-f-]{36}/, ':id').replace(/G\d+$/, ':code')}`;
    switch (key) {
      case 'PUT /api/v1/billing-policy':
        if (node !== '1') return [404, { title: 'Not Found' }];
        this.billingPolicy = body;
        return [200, { version: '1', ...body }];
      case 'POST /api/v1/group-customers': {
        const creditCode = String(body.creditCode);
        if (this.groups.has(creditCode)) return [409, { title: 'Conflict' }];
        const group = { groupCode: `G${String(this.groups.size + 1).padStart(8, '0')}`, creditCode };
        this.groups.set(creditCode, group);
        return [201, group];
      }
      case 'GET /api/v1/group-customers':
        return [200, [...this.groups.values()]];
      case 'GET /api/v1/group-customers/:code':
        return this.replicaMisses-- > 0 ? [404, { title: 'Not Found' }] : [200, {}];
      case 'POST /api/v1/account-managers': {
        const city = this.managers.get(node) ?? new Map<string, { id: string; staffId: string }>();
        this.managers.set(node, city);
        const staffId = String(body.staffId);
        if (city.has(staffId)) return [409, { title: 'Conflict' }];
        if (body.title !== 'chief' && typeof body.supervisorId !== 'string')
          return [400, { title: 'no supervisor' }];
        const m = { id: this.id(), staffId };
        city.set(staffId, m);
        return [201, m];
      }
      case 'GET /api/v1/account-managers':
        return [200, [...(this.managers.get(node)?.values() ?? [])]];
      case 'POST /api/v1/customers': {
        const creditCode = String(body.creditCode);
        if (this.customers.has(creditCode)) return [409, { title: 'Conflict' }];
        const c = { id: this.id(), creditCode, status: 'prospect', groupCode: null };
        this.customers.set(creditCode, c);
        return [201, c];
      }
      case 'GET /api/v1/customers':
        return [200, [...this.customers.values()]];
      case 'POST /api/v1/customers/:id/status-changes': {
        const c = this.byId(path);
        if (!body.reason) return [400, { title: 'reason' }];
        c.status = String(body.status);
        return [201, c];
      }
      case 'PUT /api/v1/customers/:id/group':
        this.byId(path).groupCode = String(body.groupCode);
        return [200, {}];
      case 'POST /api/v1/customers/:id/contacts':
        if (this.byId(path).creditCode === this.refuseContactsOf) {
          return [
            400,
            { detail: 'One or more fields are invalid.', errors: [{ field: 'mobile', message: 'bad' }] },
          ];
        }
        this.contacts++;
        return [201, {}];
      case 'POST /api/v1/service-agreements': {
        const no = String(body.agreementNo);
        if (this.agreements.has(no)) return [409, { title: 'Conflict' }];
        this.agreements.add(no);
        return [201, {}];
      }
      case 'POST /api/v1/customers/:id/billing-accounts': {
        const key = `${String(body.source)}/${String(body.accountNumber)}`;
        if (this.billingAccounts.has(key)) return [409, { title: 'Conflict' }];
        this.billingAccounts.add(key);
        return [201, {}];
      }
      case 'POST /api/v1/visits':
        this.visits++;
        return [201, {}];
      default:
        return [404, { title: `no route ${key}` }];
    }
  }

  private byId(path: string): { id: string; creditCode: string; status: string; groupCode: string | null } {
    const id = /[0-9a-f-]{36}/.exec(path)![0];
    return [...this.customers.values()].find((c) => c.id === id)!;
  }
}

const plan = planDemo({
  seed: 'spec',
  today: '2025-03-10',
  provinces: ['440000'],
  cities: [{ code: '440300', name: '深圳市 Shenzhen' }],
  customersPerCity: 12,
  accountManagersPerCity: 3,
});
const customers = plan.cities[0]!.customers;

// Generous: these specs sign RSA tokens and poll, which a loaded build machine slows down.
jest.setTimeout(30_000);

describe('seeding through the REST APIs', () => {
  let fake: FakeFederation;
  const apis = () => ({
    national: new NodeApi('CN', 'http://127.0.0.1:1', 'token'),
    cities: new Map([['440300', new NodeApi('440300', 'http://127.0.0.1:2', 'token')]]),
  });
  const seed = () =>
    runSeed(plan, apis(), { replicaTimeoutMs: 5000, concurrency: 3, progress: () => undefined });

  beforeEach(() => {
    fake = new FakeFederation();
    jest.spyOn(globalThis, 'fetch').mockImplementation(fake.fetch);
  });
  afterEach(() => jest.restoreAllMocks());

  it('creates the whole plan, waiting for the groups to reach the city', async () => {
    const counts = await seed();
    expect(counts.errors).toEqual([]);
    expect(counts.total('group customers')).toEqual({ created: 3, existing: 0 });
    // The national billing policy, at the figures every node applies by default.
    expect(fake.billingPolicy).toEqual({ highValueMinMonthlyFen: '5000000', churnDropPercent: 30 });
    expect(counts.total('account managers')).toEqual({ created: 5, existing: 0 });
    expect(counts.total('customers')).toEqual({ created: 12, existing: 0 });
    const wanted = customers.map((c) => [c.creditCode, c.status]);
    expect([...fake.customers.values()].map((c) => [c.creditCode, c.status])).toEqual(
      expect.arrayContaining(wanted),
    );
    expect(counts.total('status changes').created).toBe(
      customers.reduce((n, c) => n + statusPath(c.status).length, 0),
    );
    const branches = customers.filter((c) => c.group !== undefined);
    expect(counts.total('group memberships').created).toBe(branches.length);
    expect(fake.contacts).toBe(customers.reduce((n, c) => n + c.contacts.length, 0));
    expect(fake.agreements.size).toBe(customers.reduce((n, c) => n + c.agreements.length, 0));
    expect(fake.visits).toBe(customers.reduce((n, c) => n + c.visits.length, 0));
    expect(fake.billingAccounts.size).toBe(customers.reduce((n, c) => n + c.billingAccounts.length, 0));
  });

  it('adds nothing when run again', async () => {
    await seed();
    const before = { customers: fake.customers.size, contacts: fake.contacts, visits: fake.visits };
    const again = await seed();
    expect(again.errors).toEqual([]);
    expect(again.total('group customers')).toEqual({ created: 0, existing: 3 });
    expect(again.total('account managers')).toEqual({ created: 0, existing: 5 });
    expect(again.total('customers')).toEqual({ created: 0, existing: 12 });
    expect(again.total('status changes').created).toBe(0);
    expect(again.total('group memberships').created).toBe(0);
    expect(again.total('agreements').created).toBe(0);
    expect(again.total('billing accounts')).toEqual({ created: 0, existing: fake.billingAccounts.size });
    expect({ customers: fake.customers.size, contacts: fake.contacts, visits: fake.visits }).toEqual(before);
  });

  it('reports a refused call by name and goes on with the other customers', async () => {
    const victim = customers.find((c) => c.contacts.length > 0)!;
    fake.refuseContactsOf = victim.creditCode;
    const counts = await seed();
    expect(counts.errors).toEqual([
      expect.stringMatching(
        new RegExp(
          `^440300 customer ${victim.creditCode}: 440300 POST /api/v1/customers/.+/contacts answered HTTP 400: .*mobile: bad`,
        ),
      ),
    ]);
    expect(counts.total('customers').created).toBe(12);
  });

  it('moves new customers along the allowed lifecycle', () => {
    expect(statusPath('prospect')).toEqual([]);
    expect(statusPath('active')).toEqual(['active']);
    expect(statusPath('suspended')).toEqual(['active', 'suspended']);
    expect(statusPath('churned')).toEqual(['active', 'churned']);
  });
});
