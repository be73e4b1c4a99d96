import { fromBinary } from '@bufbuild/protobuf';
import { CustomerSnapshotSchema } from '@kaf/contracts';
import { EnvelopeSchema } from '@kaf/messaging/testing';
import { tokenFor } from '../support/auth';
import { FederationFixture } from '../support/federation-fixture';
import { BOOT_HOOK_TIMEOUT_MS, type HttpResponse, type NodeProcess } from '../support/node-process';
import { readRecords } from '../support/topic-reader';
import { waitFor } from '../support/wait';
import { creditCode, customerBody } from './customer-builders';
import { expectEvery } from '../support/expectations';

interface Customer {
  id: string;
  cityCode: string;
  name: string;
  creditCode: string;
  classes: string[];
  grade: string;
  status: string;
  statusReason: string | null;
  address: string | null;
  gridCode: string | null;
  managerId: string | null;
  managerStaffId: string | null;
  groupCode: string | null;
  version: string;
}
interface Problem {
  status: number;
  detail?: string;
  errors?: { field: string }[];
}

const fieldsOf = (res: HttpResponse<unknown>): string[] =>
  ((res.body as Problem).errors ?? []).map((e) => e.field);

/**
 * One province (440000) and two of its cities as real processes: the customer file at a city,
 * its lifecycle and assignments, and the province's read model fed by snapshots.
 */
describe('customers', () => {
  const fed = new FederationFixture();
  let province: NodeProcess;
  let shenzhen: NodeProcess;
  let guangzhou: NodeProcess;
  let admin: string;
  const managers: Record<'chief' | 'am1' | 'am2', { id: string; staffId: string }> = {} as never;

  const create = async (body: object, token = admin, node = shenzhen) =>
    node.request<Customer>('POST', '/api/v1/customers', { token, body });
  const created = async (body: object = customerBody(), token = admin): Promise<Customer> => {
    const res = await create(body, token);
    expect(res.status).toBe(201);
    return res.body;
  };
  const customerCount = (code = '440300') => fed.count(code, 'SELECT count(*) AS n FROM customer');

  beforeAll(async () => {
    province = await fed.addNode('440000', 'province');
    shenzhen = await fed.addNode('440300', 'city');
    guangzhou = await fed.addNode('440100', 'city');
    await Promise.all([province, shenzhen, guangzhou].map((n) => n.startAndWaitReady()));
    admin = await tokenFor({ roles: 'city_admin', node: '440300' });
    const addManager = async (staffId: string, title: string, supervisorId?: string) => {
      const res = await shenzhen.request<{ id: string }>('POST', '/api/v1/account-managers', {
        token: admin,
        body: { staffId, name: staffId, title, ...(supervisorId ? { supervisorId } : {}) },
      });
      expect(res.status).toBe(201);
      return { id: res.body.id, staffId };
    };
    managers.chief = await addManager('E440300100', 'chief');
    managers.am1 = await addManager('E440300101', 'account_manager', managers.chief.id);
    managers.am2 = await addManager('E440300102', 'account_manager', managers.chief.id);
  }, BOOT_HOOK_TIMEOUT_MS);

  afterAll(() => fed.dispose(), 120_000);

  it('registers a customer as a prospect of this city, at version 1', async () => {
    const body = customerBody({ classes: ['strategic', 'important'], gridCode: 'SZ-NS-01' });
    const customer = await created({ ...body, creditCode: body.creditCode.toLowerCase() });
    expect(customer).toMatchObject({
      cityCode: '440300',
      creditCode: body.creditCode,
      classes: ['important', 'strategic'],
      status: 'prospect',
      version: '1',
      managerId: null,
      createdBy: 'city_admin@440300',
    });
    expect(await shenzhen.get(`/api/v1/customers/${customer.id}`, admin)).toEqual(customer);
  });

  it.each([
    ['creditCode', { creditCode: '91440300MA5D7XKX0A' }],
    ['creditCode', { creditCode: 12 }],
    ['industry', { industry: 'Z' }],
    ['name', { name: 'x'.repeat(201) }],
    ['name', { name: 42 }],
    ['grade', { grade: 'D' }],
    ['classes', { classes: ['group_member'] }],
    ['classes', { classes: 'important' }],
    ['gridCode', { gridCode: 'not a grid' }],
    ['managerId', { managerId: 'nobody' }],
    ['status', { status: 'active' }],
    ['cityCode', { cityCode: '440100' }],
  ])('refuses a bad %s with a 400 naming it and writes nothing', async (field, override) => {
    const before = await customerCount();
    const res = await create(customerBody(override));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(fieldsOf(res)).toContain(field);
    expect(await customerCount()).toBe(before);
  });

  it('refuses a manager who does not exist, naming managerId', async () => {
    const res = await create(customerBody({ managerId: '0190e000-0000-7000-8000-000000000000' }));
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toEqual(['managerId']);
  });

  it('refuses a second customer with the same credit code in the city (409), not in another city', async () => {
    const code = creditCode();
    await created(customerBody({ creditCode: code }));
    const dup = await create(customerBody({ creditCode: code }));
    expect(dup.status).toBe(409);
    expect((dup.body as unknown as Problem).detail).toContain('creditCode');
    const gzAdmin = await tokenFor({ roles: 'city_admin', node: '440100' });
    expect((await create(customerBody({ creditCode: code }), gzAdmin, guangzhou)).status).toBe(201);
  });

  it('lists with filters, sort, fields and paging headers', async () => {
    const tag = `列表${Date.now()}`;
    const made = [
      await created(customerBody({ name: `${tag} C`, industry: 'C', grade: 'A', classes: ['important'] })),
      await created(customerBody({ name: `${tag} A`, industry: 'C', grade: 'C' })),
      await created(customerBody({ name: `${tag} B`, industry: 'K', grade: 'A', gridCode: 'GRID-7' })),
    ];
    const list = (query: string) =>
      shenzhen.request<Customer[]>('GET', `/api/v1/customers?q=${encodeURIComponent(tag)}&${query}`, {
        token: admin,
      });

    const byName = await list('sort=name');
    expect(byName.body.map((c) => c.name)).toEqual([`${tag} A`, `${tag} B`, `${tag} C`]);
    expect((await list('sort=grade,-name')).body.map((c) => c.name)).toEqual([
      `${tag} C`,
      `${tag} B`,
      `${tag} A`,
    ]);
    expect((await list('industry=C&grade=A')).body.map((c) => c.id)).toEqual([made[0]!.id]);
    expect((await list('class=important')).body.map((c) => c.id)).toEqual([made[0]!.id]);
    expect((await list('gridCode=GRID-7')).body.map((c) => c.id)).toEqual([made[2]!.id]);

    const page = await list('sort=name&limit=2&offset=1');
    expect(page.headers.get('x-total-count')).toBe('3');
    expect(page.headers.get('x-result-count')).toBe('2');
    expect(page.body.map((c) => c.name)).toEqual([`${tag} B`, `${tag} C`]);

    const slim = await list('fields=name,grade&sort=name&limit=1');
    expect(slim.body).toEqual([{ id: made[1]!.id, name: `${tag} A`, grade: 'C' }]);

    const byCode = await shenzhen.request<Customer[]>(
      'GET',
      `/api/v1/customers?q=${made[2]!.creditCode.slice(4, 16)}`,
      { token: admin },
    );
    expect(byCode.body.map((c) => c.id)).toEqual([made[2]!.id]);
    const wildcard = await shenzhen.request<Customer[]>('GET', '/api/v1/customers?q=%25', { token: admin });
    expect(wildcard.body).toEqual([]);

    for (const [query, field] of [
      ['sort=secret', 'sort'],
      ['fields=name,secret', 'fields'],
      ['grade=Z', 'grade'],
      ['limit=0', 'limit'],
      ['managerId=x', 'managerId'],
    ]) {
      const bad = await list(query!);
      expect(bad.status).toBe(400);
      expect(fieldsOf(bad)).toContain(field);
    }
  });

  it('applies a JSON merge-patch: absent stays, null removes optional fields, required ones refuse null', async () => {
    const customer = await created(customerBody({ address: '深南大道 1 号', gridCode: 'SZ-1' }));
    const patch = (body: unknown, contentType = 'application/merge-patch+json') =>
      shenzhen.request<Customer>('PATCH', `/api/v1/customers/${customer.id}`, {
        token: admin,
        rawBody: JSON.stringify(body),
        headers: { 'content-type': contentType },
      });

    const changed = await patch({ name: '新名称', address: null });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: '新名称', address: null, gridCode: 'SZ-1', version: '2' });
    expect((await patch({ grade: 'A' }, 'application/json')).body.version).toBe('3');

    for (const [body, field] of [
      [{ grade: null }, 'grade'],
      [{ name: null }, 'name'],
      [{ status: 'active' }, 'status'],
      [{ managerId: managers.am1.id }, 'managerId'],
      [{ groupCode: 'G00000001' }, 'groupCode'],
      [{ classes: ['important', 'group_member'] }, 'classes'],
      [{ version: '9' }, 'version'],
      [{}, 'body'],
    ] as const) {
      const res = await patch(body);
      expect(res.status).toBe(400);
      expect(fieldsOf(res)).toContain(field);
    }
    expect(await shenzhen.get(`/api/v1/customers/${customer.id}`, admin)).toMatchObject({ version: '3' });
  });

  it('moves through the lifecycle, refusing disallowed moves (409) and recording history', async () => {
    const customer = await created();
    const move = (status: string, reason?: string) =>
      shenzhen.request<Customer>('POST', `/api/v1/customers/${customer.id}/status-changes`, {
        token: admin,
        body: { status, ...(reason ? { reason } : {}) },
      });
    expect((await move('active')).status).toBe(201);
    const noReason = await move('suspended');
    expect(noReason.status).toBe(400);
    expect(fieldsOf(noReason)).toEqual(['reason']);
    expect((await move('suspended', '欠费')).body).toMatchObject({
      status: 'suspended',
      statusReason: '欠费',
    });
    const refused = await move('prospect');
    expect(refused.status).toBe(409);
    expect((refused.body as unknown as Problem).detail).toContain('status');
    expect((await move('churned', '转网')).status).toBe(201);
    expect((await move('prospect')).body).toMatchObject({ status: 'prospect', version: '5' });

    const history = await shenzhen.request<
      { fromStatus: string | null; toStatus: string; reason: string | null }[]
    >('GET', `/api/v1/customers/${customer.id}/status-history`, { token: admin });
    expect(history.headers.get('x-total-count')).toBe('5');
    expect(history.body.map((h) => [h.fromStatus, h.toStatus, h.reason])).toEqual([
      [null, 'prospect', null],
      ['prospect', 'active', null],
      ['active', 'suspended', '欠费'],
      ['suspended', 'churned', '转网'],
      ['churned', 'prospect', null],
    ]);
  });

  it('confines an account manager to their own portfolio', async () => {
    const am1 = await tokenFor({ roles: 'account_manager', node: '440300', subject: managers.am1.staffId });
    const am2 = await tokenFor({ roles: 'account_manager', node: '440300', subject: managers.am2.staffId });
    const stranger = await tokenFor({ roles: 'account_manager', node: '440300', subject: 'E440300999' });

    const own = await created(customerBody(), am1);
    expect(own).toMatchObject({ managerId: managers.am1.id, managerStaffId: managers.am1.staffId });
    expect((await create(customerBody({ managerId: managers.am2.id }), am1)).status).toBe(403);
    expect((await create(customerBody(), stranger)).status).toBe(403);

    expect((await shenzhen.request('GET', `/api/v1/customers/${own.id}`, { token: am2 })).status).toBe(404);
    const patchByOther = await shenzhen.request('PATCH', `/api/v1/customers/${own.id}`, {
      token: am2,
      body: { name: 'hijack' },
    });
    expect(patchByOther.status).toBe(404);
    const seenByAm1 = await shenzhen.request<Customer[]>('GET', '/api/v1/customers?limit=500', {
      token: am1,
    });
    expectEvery(
      seenByAm1.body,
      (c) => c.managerStaffId === managers.am1.staffId,
      'customers seen by am1, theirs',
    );
    const seenByAm2 = await shenzhen.request<Customer[]>('GET', '/api/v1/customers?limit=500', {
      token: am2,
    });
    expect(seenByAm2.body.map((c) => c.id)).not.toContain(own.id);
  });

  it("answers 404 at a city for another city's customer id", async () => {
    const customer = await created();
    const gzAdmin = await tokenFor({ roles: 'city_admin', node: '440100' });
    const res = await guangzhou.request('GET', `/api/v1/customers/${customer.id}`, { token: gzAdmin });
    expect(res.status).toBe(404);
  });

  it('transfers a portfolio and records the assignment history under one transfer id', async () => {
    const am1 = await tokenFor({ roles: 'account_manager', node: '440300', subject: managers.am1.staffId });
    const am2 = await tokenFor({ roles: 'account_manager', node: '440300', subject: managers.am2.staffId });
    await created(customerBody(), am1);
    const single = await created();
    const assigned = await shenzhen.request<Customer>('PUT', `/api/v1/customers/${single.id}/manager`, {
      token: admin,
      body: { managerId: managers.am1.id, reason: '划转' },
    });
    expect(assigned.body).toMatchObject({ managerId: managers.am1.id, version: '2' });

    const portfolio = (
      await shenzhen.request<Customer[]>('GET', '/api/v1/customers?limit=500', { token: am1 })
    ).body;
    const transfer = await shenzhen.request<{ id: string; moved: number; customerIds: string[] }>(
      'POST',
      '/api/v1/portfolio-transfers',
      {
        token: admin,
        body: { fromManagerId: managers.am1.id, toManagerId: managers.am2.id, reason: '离职交接' },
      },
    );
    expect(transfer.status).toBe(201);
    expect(transfer.body.moved).toBe(portfolio.length);
    expect(transfer.body.customerIds.sort()).toEqual(portfolio.map((c) => c.id).sort());

    expect((await shenzhen.request<Customer[]>('GET', '/api/v1/customers', { token: am1 })).body).toEqual([]);
    const now = await shenzhen.request<Customer>('GET', `/api/v1/customers/${single.id}`, { token: am2 });
    expect(now.body).toMatchObject({ managerStaffId: managers.am2.staffId, version: '3' });
    const history = await shenzhen.get<
      { fromManagerId: string | null; toManagerId: string; transferId: string | null }[]
    >(`/api/v1/customers/${single.id}/assignment-history`, admin);
    expect(history.map((h) => [h.fromManagerId, h.toManagerId, h.transferId])).toEqual([
      [null, managers.am1.id, null],
      [managers.am1.id, managers.am2.id, transfer.body.id],
    ]);
    expect(
      await fed.count('440300', 'SELECT count(*) AS n FROM customer_assignment WHERE transfer_id = $1', [
        transfer.body.id,
      ]),
    ).toBe(portfolio.length);

    const wrong = await shenzhen.request('POST', '/api/v1/portfolio-transfers', {
      token: admin,
      body: { fromManagerId: managers.am1.id, toManagerId: managers.am2.id, customerIds: [single.id] },
    });
    expect(wrong.status).toBe(400);
    expect(fieldsOf(wrong)).toEqual(['customerIds']);
    const forbidden = await shenzhen.request('POST', '/api/v1/portfolio-transfers', {
      token: am2,
      body: { fromManagerId: managers.am2.id, toManagerId: managers.am1.id },
    });
    expect(forbidden.status).toBe(403);
  });

  it('joins and leaves a group, telling the national node both times', async () => {
    await fed.sql(
      '440300',
      `INSERT INTO group_customer_replica (group_code, name, credit_code, industry, grade, status, lead_node, version, updated_at)
       VALUES ('G00000042', '某集团', $1, 'I', 'A', 'active', '440300', 1, now())`,
      [creditCode('110000')],
    );
    const customer = await created(customerBody({ classes: ['important'] }));
    const join = (groupCode: string) =>
      shenzhen.request<Customer>('PUT', `/api/v1/customers/${customer.id}/group`, {
        token: admin,
        body: { groupCode },
      });
    const unknown = await join('G99999999');
    expect(unknown.status).toBe(400);
    expect(fieldsOf(unknown)).toEqual(['groupCode']);
    expect((await join('G00000042')).body).toMatchObject({
      groupCode: 'G00000042',
      classes: ['important', 'group_member'],
    });
    const left = await shenzhen.request<Customer>('DELETE', `/api/v1/customers/${customer.id}/group`, {
      token: admin,
    });
    expect(left.body).toMatchObject({ groupCode: null, classes: ['important'], version: '3' });

    await waitFor(
      'the snapshots to leave the outbox',
      () => fed.count('440300', 'SELECT count(*) AS n FROM messaging_outbox WHERE key = $1', [customer.id]),
      (n) => n === 0,
    );
    const records = await readRecords(`${fed.namespace}.CN.in`, (r) => r.key?.toString() === customer.id, 2);
    const snapshots = records
      .map((r) => fromBinary(CustomerSnapshotSchema, fromBinary(EnvelopeSchema, r.value).payload))
      .sort((a, b) => Number(a.version - b.version));
    expect(snapshots.map((s) => [s.version, s.groupCode, s.previousGroupCode])).toEqual([
      [2n, 'G00000042', ''],
      [3n, '', 'G00000042'],
    ]);
  });

  it('reports the latest version to the province, which shows only its own cities', async () => {
    const customer = await created();
    await shenzhen.request('PATCH', `/api/v1/customers/${customer.id}`, {
      token: admin,
      body: { grade: 'A' },
    });
    await shenzhen.request('POST', `/api/v1/customers/${customer.id}/status-changes`, {
      token: admin,
      body: { status: 'active' },
    });
    const analyst = await tokenFor({ roles: 'province_analyst', node: '440000' });
    const reported = await waitFor(
      'version 3 at 440000',
      () => province.request<Customer>('GET', `/api/v1/customers/${customer.id}`, { token: analyst }),
      (r) => r.status === 200 && r.body.version === '3',
    );
    expect(reported.body).toMatchObject({
      cityCode: '440300',
      grade: 'A',
      status: 'active',
      creditCode: customer.creditCode,
    });
    expect(reported.body).not.toHaveProperty('address');

    await fed.sql(
      '440000',
      `INSERT INTO reported_customer (id, city_code, version, name, credit_code, industry, grade, status, updated_at)
       VALUES ('0190e000-0000-7000-8000-0000000330a1', '330100', 1, 'foreign', $1, 'I', 'A', 'active', now())`,
      [creditCode('330100')],
    );
    const all = await province.request<Customer[]>('GET', '/api/v1/customers?limit=500', { token: analyst });
    expect(all.status).toBe(200);
    const cities = new Set(all.body.map((c) => c.cityCode));
    expect(cities.has('440300')).toBe(true);
    expectEvery(cities, (c) => c === '440300' || c === '440100', "cities of the province's customers");
    expect(
      (
        await province.request('GET', '/api/v1/customers/0190e000-0000-7000-8000-0000000330a1', {
          token: analyst,
        })
      ).status,
    ).toBe(404);
    const gz = await province.request<Customer[]>('GET', '/api/v1/customers?cityCode=440100', {
      token: analyst,
    });
    expectEvery(gz.body, (c) => c.cityCode === '440100', 'customers listed for cityCode=440100');
    expect(
      (await province.request('PATCH', `/api/v1/customers/${customer.id}`, { token: analyst, body: {} }))
        .status,
    ).toBe(404);
  });

  it('records an audit entry for every write', async () => {
    const customer = await created();
    await shenzhen.request('PATCH', `/api/v1/customers/${customer.id}`, {
      token: admin,
      body: { grade: 'C' },
    });
    await shenzhen.request('POST', `/api/v1/customers/${customer.id}/status-changes`, {
      token: admin,
      body: { status: 'active' },
    });
    const entries = await shenzhen.get<{ action: string; after: { version: string } }[]>(
      `/api/v1/audit-entries?resourceType=customer&resourceId=${customer.id}`,
      admin,
    );
    expect(entries.map((e) => [e.action, e.after.version])).toEqual([
      ['customer.status-change', '3'],
      ['customer.update', '2'],
      ['customer.create', '1'],
    ]);
  });

  it('re-sends every snapshot when the province asks for a resync', async () => {
    const provinceAdmin = await tokenFor({ roles: 'province_admin', node: '440000' });
    const cityCustomers = await customerCount();
    await waitFor(
      'the province to catch up with 440300',
      () => fed.count('440000', `SELECT count(*) AS n FROM reported_customer WHERE city_code = '440300'`),
      (n) => n === cityCustomers,
    );
    await fed.sql('440000', `DELETE FROM reported_customer WHERE city_code = '440300'`);

    const bad = await province.request('POST', '/api/v1/customer-resyncs', {
      token: provinceAdmin,
      body: { cityCode: '330100' },
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual(['cityCode']);
    const res = await province.request('POST', '/api/v1/customer-resyncs', {
      token: provinceAdmin,
      body: { cityCode: '440300' },
    });
    expect(res.status).toBe(202);
    await waitFor(
      'all 440300 customers back at 440000',
      () => fed.count('440000', `SELECT count(*) AS n FROM reported_customer WHERE city_code = '440300'`),
      (n) => n === cityCustomers,
    );
    const [latest] = await fed.sql<{ id: string; version: string }>(
      '440300',
      'SELECT id, version::text AS version FROM customer ORDER BY version DESC LIMIT 1',
    );
    const [copy] = await fed.sql<{ version: string }>(
      '440000',
      'SELECT version::text AS version FROM reported_customer WHERE id = $1',
      [latest!.id],
    );
    expect(copy?.version).toBe(latest!.version);
  });
});
