import { tokenFor } from '../support/auth';
import { FederationFixture } from '../support/federation-fixture';
import { BOOT_BUDGET_MS, BOOT_HOOK_TIMEOUT_MS, type NodeProcess } from '../support/node-process';
import { receiptsAt } from '../support/documents';
import { waitFor } from '../support/wait';
import { badCheckCharacter, creditCode, groupBody, snapshot, snapshotOutboxRow } from './group-builders';

interface GroupView {
  groupCode: string;
  name: string;
  creditCode: string;
  industry: string;
  grade: string;
  status: string;
  leadNode: string;
  version: string;
  updatedAt: string;
}
interface GroupDetail extends GroupView {
  createdAt: string;
  memberCount: number;
  membersByProvince: { provinceCode: string; provinceName: string; memberCount: number }[];
}
interface MemberView {
  customerId: string;
  cityCode: string;
  provinceCode: string;
  version: string;
  [field: string]: unknown;
}
interface Problem {
  status: number;
  detail?: string;
  errors?: { field: string; message: string }[];
}

const MERGE_PATCH = { 'content-type': 'application/merge-patch+json' };
const MEMBER_FIELDS = [
  'cityCode',
  'classes',
  'creditCode',
  'customerId',
  'grade',
  'industry',
  'name',
  'provinceCode',
  'status',
  'updatedAt',
  'version',
].sort();

/**
 * The national node, Guangdong and two of its cities as real processes: the registry is written
 * at CN only, every city keeps a replica (also after losing it), and CN learns member lists from
 * the cities' customer snapshots, keeping the highest version of each customer.
 */
describe('the national group-customer registry', () => {
  const fed = new FederationFixture();
  let national: NodeProcess;
  let shenzhen: NodeProcess;
  let guangzhou: NodeProcess;
  let guangdong: NodeProcess;
  const hqAdmin = () => tokenFor({ roles: 'hq_admin', node: 'CN', subject: 'HQ0001' });
  const hqAnalyst = () => tokenFor({ roles: 'hq_analyst', node: 'CN' });
  const cityAdmin = (node: string) => tokenFor({ roles: 'city_admin', node });

  beforeAll(async () => {
    national = await fed.addNode('CN', 'national');
    guangdong = await fed.addNode('440000', 'province');
    shenzhen = await fed.addNode('440300', 'city');
    guangzhou = await fed.addNode('440100', 'city');
    await Promise.all([national, guangdong, shenzhen, guangzhou].map((n) => n.startAndWaitReady()));
  }, BOOT_HOOK_TIMEOUT_MS);

  afterAll(() => fed.dispose(), 120_000);

  async function register(overrides: Parameters<typeof groupBody>[0] = {}): Promise<GroupDetail> {
    const res = await national.request<GroupDetail>('POST', '/api/v1/group-customers', {
      token: await hqAdmin(),
      body: groupBody(overrides),
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  async function patch(code: string, body: unknown, token?: string) {
    return national.request<GroupDetail & Problem>('PATCH', `/api/v1/group-customers/${code}`, {
      token: token ?? (await hqAdmin()),
      rawBody: JSON.stringify(body),
      headers: MERGE_PATCH,
    });
  }

  async function replicaOf(city: NodeProcess, code: string): Promise<GroupView | undefined> {
    const res = await city.request<GroupView>('GET', `/api/v1/group-customers/${code}`, {
      token: await cityAdmin(city.spec.code),
    });
    return res.status === 200 ? res.body : undefined;
  }

  const waitForReplicas = (code: string, done: (g: GroupView | undefined) => boolean) =>
    Promise.all(
      [shenzhen, guangzhou].map((city) =>
        waitFor(`${code} at ${city.spec.code}`, () => replicaOf(city, code), done, 30_000),
      ),
    );

  it('registers a group at CN with a national code, and every city receives it', async () => {
    const body = groupBody({ name: '中国某某控股集团有限公司', grade: 'A', industry: 'J' });
    const res = await national.request<GroupDetail>('POST', '/api/v1/group-customers', {
      token: await hqAdmin(),
      body,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      ...body,
      groupCode: expect.stringMatching(/^G\d{8}$/),
      status: 'active',
      version: '1',
      memberCount: 0,
      membersByProvince: [],
    });
    const replicas = await waitForReplicas(res.body.groupCode, (g) => g !== undefined);
    for (const replica of replicas) {
      expect(replica).toEqual({
        groupCode: res.body.groupCode,
        name: body.name,
        creditCode: body.creditCode,
        industry: 'J',
        grade: 'A',
        status: 'active',
        leadNode: '440000',
        version: '1',
        updatedAt: res.body.updatedAt,
      });
    }
    const second = await register({ leadNode: undefined });
    expect(second.leadNode).toBe('CN');
    expect(Number(second.groupCode.slice(1))).toBeGreaterThan(Number(res.body.groupCode.slice(1)));
  });

  it('propagates a patch and a dissolution with higher versions; a patch that changes nothing writes nothing', async () => {
    const group = await register({ grade: 'C' });
    await waitForReplicas(group.groupCode, (g) => g?.version === '1');

    const regraded = await patch(group.groupCode, { grade: 'B', name: '新名称集团' });
    expect(regraded.status).toBe(200);
    expect(regraded.body).toMatchObject({ grade: 'B', name: '新名称集团', version: '2', status: 'active' });

    const dissolved = await patch(group.groupCode, { status: 'dissolved' });
    expect(dissolved.body).toMatchObject({ status: 'dissolved', version: '3', grade: 'B' });
    const replicas = await waitForReplicas(group.groupCode, (g) => g?.version === '3');
    for (const replica of replicas) expect(replica).toMatchObject({ status: 'dissolved', grade: 'B' });

    const same = await patch(group.groupCode, { status: 'dissolved', grade: 'B' });
    expect(same.status).toBe(200);
    expect(same.body.version).toBe('3');
    const audited = await fed.count(
      'CN',
      `SELECT count(*)::int AS n FROM audit_entry WHERE resource_type = 'group-customer' AND resource_id = $1`,
      [group.groupCode],
    );
    expect(audited).toBe(3);

    const dissolvedList = await shenzhen.request<GroupView[]>(
      'GET',
      `/api/v1/group-customers?status=dissolved&q=${encodeURIComponent('新名称')}`,
      { token: await cityAdmin('440300') },
    );
    expect(dissolvedList.body.map((g) => g.groupCode)).toEqual([group.groupCode]);
    expect(dissolvedList.headers.get('x-total-count')).toBe('1');
  });

  it('refuses bad input with 400 naming the field, and a second registration of a parent company with 409', async () => {
    const token = await hqAdmin();
    const cases: [unknown, string][] = [
      [groupBody({ creditCode: badCheckCharacter(creditCode()) }), 'creditCode'],
      [groupBody({ creditCode: 'ABC' }), 'creditCode'],
      [groupBody({ industry: 'Z' }), 'industry'],
      [groupBody({ leadNode: '440999' }), 'leadNode'],
      [groupBody({ grade: 'D' }), 'grade'],
      [groupBody({ name: 'x'.repeat(201) }), 'name'],
      [{ ...groupBody(), groupCode: 'G99999999' }, 'groupCode'],
      [{ ...groupBody(), status: 'dissolved' }, 'status'],
    ];
    const before = await fed.count('CN', 'SELECT count(*)::int AS n FROM group_customer');
    for (const [body, field] of cases) {
      const res = await national.request<Problem>('POST', '/api/v1/group-customers', { token, body });
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.body.errors?.map((e) => e.field)).toContain(field);
    }
    expect(await fed.count('CN', 'SELECT count(*)::int AS n FROM group_customer')).toBe(before);

    const group = await register();
    const patches: [unknown, string][] = [
      [{ leadNode: 'XX0000' }, 'leadNode'],
      [{ industry: 'U' }, 'industry'],
      [{ name: null }, 'name'],
      [{ creditCode: creditCode() }, 'creditCode'],
      [{ status: 'merged' }, 'status'],
    ];
    for (const [body, field] of patches) {
      const res = await patch(group.groupCode, body);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.body.errors?.map((e) => e.field)).toContain(field);
    }
    const duplicate = await national.request<Problem>('POST', '/api/v1/group-customers', {
      token,
      body: groupBody({ creditCode: group.creditCode }),
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.detail).toMatch(/^creditCode: .*already registered as group G\d{8}/);
    expect((await patch('G00009999', { grade: 'A' })).status).toBe(404);
    const unchanged = await national.get<GroupDetail>(`/api/v1/group-customers/${group.groupCode}`, token);
    expect(unchanged.version).toBe('1');
  });

  it('lets HQ analysts read but not write, and city staff write nothing at CN', async () => {
    const group = await register();
    for (const token of [await hqAnalyst(), await cityAdmin('440300')]) {
      const created = await national.request('POST', '/api/v1/group-customers', { token, body: groupBody() });
      expect(created.status).toBe(403);
      expect((await patch(group.groupCode, { grade: 'C' }, token)).status).toBe(403);
    }
    const list = await national.request<GroupView[]>('GET', '/api/v1/group-customers?limit=2&offset=1', {
      token: await hqAnalyst(),
    });
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(2);
    expect(Number(list.headers.get('x-total-count'))).toBeGreaterThanOrEqual(4);
    expect(list.headers.get('x-result-count')).toBe('2');
    const detail = await national.get<GroupDetail>(
      `/api/v1/group-customers/${group.groupCode}`,
      await hqAnalyst(),
    );
    expect(detail.version).toBe('1');
    // The replica is read-only at a city, whoever asks.
    const atCity = await shenzhen.request('POST', '/api/v1/group-customers', {
      token: await hqAdmin(),
      body: groupBody(),
    });
    expect(atCity.status).toBe(404);
  });

  it('audits every registry write at CN, with who did it', async () => {
    const group = await register();
    await patch(group.groupCode, { grade: 'B' });
    await patch(group.groupCode, { status: 'dissolved' });
    const entries = await national.get<{ action: string; actor: string; after: { version: string } }[]>(
      `/api/v1/audit-entries?resourceType=group-customer&resourceId=${group.groupCode}`,
      await hqAdmin(),
    );
    expect(entries.map((e) => [e.action, e.actor, e.after.version])).toEqual([
      ['group-customer.dissolve', 'HQ0001', '3'],
      ['group-customer.update', 'HQ0001', '2'],
      ['group-customer.create', 'HQ0001', '1'],
    ]);
  });

  it(
    'lets a city that lost its replica catch up: on request, and by itself at boot',
    async () => {
      const total = await fed.count('CN', 'SELECT count(*)::int AS n FROM group_customer');
      // A rebuilt database: the city holds neither the document's versions nor their projection.
      const forget = (city: string) =>
        fed.sql(
          city,
          `DELETE FROM document_version WHERE document = 'group-registry'; DELETE FROM group_customer_replica`,
        );
      const replicaCount = (city: string) =>
        fed.count(city, 'SELECT count(*)::int AS n FROM group_customer_replica');
      await waitFor(
        '440100 has every group',
        () => replicaCount('440100'),
        (n) => n === total,
        30_000,
      );

      await forget('440100');
      const denied = await guangzhou.request('POST', '/api/v1/group-customers/resync', {
        token: await cityAdmin('440100'),
      });
      expect(denied.status).toBe(403);
      const asked = await guangzhou.request<{ sentTo: string }>('POST', '/api/v1/group-customers/resync');
      expect(asked.status).toBe(202);
      // Cities learn the registry through their province, which answers from what it holds.
      expect(asked.body.sentTo).toBe('440000');
      await waitFor(
        '440100 resynced on request',
        () => replicaCount('440100'),
        (n) => n === total,
        30_000,
      );

      await guangzhou.stop();
      await forget('440100');
      await guangzhou.startAndWaitReady();
      await waitFor(
        '440100 resynced at boot',
        () => replicaCount('440100'),
        (n) => n === total,
        30_000,
      );
      const [atCn] = await fed.sql<{ v: string }>(
        'CN',
        `SELECT string_agg(group_code || ':' || version, ',' ORDER BY group_code) AS v FROM group_customer`,
      );
      const [atCity] = await fed.sql<{ v: string }>(
        '440100',
        `SELECT string_agg(group_code || ':' || version, ',' ORDER BY group_code) AS v FROM group_customer_replica`,
      );
      expect(atCity?.v).toBe(atCn?.v);
    },
    2 * BOOT_BUDGET_MS,
  );

  it('lists at CN and at the province, per group, the version each city applied; the province itself is not asked', async () => {
    const groups = await fed.sql<{ group_code: string; version: string }>(
      'CN',
      'SELECT group_code, version::text FROM group_customer ORDER BY group_code',
    );
    // Every city of the topology is expected; Hangzhou and Ningbo never ran in this suite.
    const expected = groups.flatMap((g) => [
      [g.group_code, '440100', g.version, g.version, true],
      [g.group_code, '440300', g.version, g.version, true],
      [g.group_code, '330100', g.version, null, false],
      [g.group_code, '330200', g.version, null, false],
    ]);
    const running = (rows: { node: string; upToDate: boolean }[]) =>
      rows.filter((r) => r.node.startsWith('44') && r.upToDate).length === 2 * groups.length;
    const atCn = await waitFor(
      'every city receipt of every group at CN',
      () => receiptsAt(national, 'group-registry'),
      running,
    );
    expect(atCn.map((r) => [r.key, r.node, r.heldVersion, r.appliedVersion, r.upToDate])).toEqual(
      expect.arrayContaining(expected),
    );
    expect(atCn).toHaveLength(expected.length);
    // The province sees its own cities only.
    const atProvince = await waitFor(
      'its cities’ receipts at the province',
      () => receiptsAt(guangdong, 'group-registry'),
      running,
    );
    expect(atProvince.map((r) => [r.key, r.node, r.heldVersion, r.appliedVersion, r.upToDate])).toEqual(
      expect.arrayContaining(expected.filter((e) => String(e[1]).startsWith('44'))),
    );
    expect(atProvince).toHaveLength(2 * groups.length);
    // The province relays the registry but is not in its audience: it holds it without applying it.
    expect(
      await fed.count('440000', `SELECT count(*)::int AS n FROM document_receipt WHERE node = '440000'`),
    ).toBe(0);
    expect(
      await fed.count(
        '440000',
        `SELECT count(*)::int AS n FROM document_version WHERE document = 'group-registry'`,
      ),
    ).toBe(groups.length);
  });

  describe('member lists learnt from the cities', () => {
    const customerBody = (name: string) => ({
      name,
      creditCode: creditCode(),
      industry: 'C',
      grade: 'B',
    });

    async function createCustomer(city: NodeProcess, name: string): Promise<string> {
      const res = await city.request<{ id: string }>('POST', '/api/v1/customers', {
        token: await cityAdmin(city.spec.code),
        body: customerBody(name),
      });
      expect(res.status).toBe(201);
      return res.body.id;
    }

    async function setGroup(city: NodeProcess, id: string, groupCode: string | null) {
      return city.request<Problem>(groupCode ? 'PUT' : 'DELETE', `/api/v1/customers/${id}/group`, {
        token: await cityAdmin(city.spec.code),
        ...(groupCode ? { body: { groupCode } } : {}),
      });
    }

    const members = async (code: string, query = '') =>
      national.get<MemberView[]>(`/api/v1/group-customers/${code}/members${query}`, await hqAnalyst());

    it('shows customers attached at two cities at CN, with business fields only', async () => {
      const group = await register();
      await waitForReplicas(group.groupCode, (g) => g !== undefined);
      const inShenzhen = await createCustomer(shenzhen, '深圳成员公司');
      const inGuangzhou = await createCustomer(guangzhou, '广州成员公司');
      expect((await setGroup(shenzhen, inShenzhen, group.groupCode)).status).toBe(200);
      expect((await setGroup(guangzhou, inGuangzhou, group.groupCode)).status).toBe(200);

      const list = await waitFor(
        'both members at CN',
        () => members(group.groupCode),
        (l) => l.length === 2,
        30_000,
      );
      expect(list.map((m) => [m.customerId, m.cityCode, m.provinceCode]).sort()).toEqual(
        [
          [inShenzhen, '440300', '440000'],
          [inGuangzhou, '440100', '440000'],
        ].sort(),
      );
      for (const member of list) {
        expect(Object.keys(member).sort()).toEqual(MEMBER_FIELDS);
        expect(member.classes).toContain('group_member');
      }
      expect((await members(group.groupCode, '?cityCode=440100')).map((m) => m.customerId)).toEqual([
        inGuangzhou,
      ]);
      const detail = await national.get<GroupDetail>(
        `/api/v1/group-customers/${group.groupCode}`,
        await hqAnalyst(),
      );
      expect(detail.memberCount).toBe(2);
      expect(detail.membersByProvince).toEqual([
        { provinceCode: '440000', provinceName: expect.any(String), memberCount: 2 },
      ]);
    });

    it('refuses to attach a customer to a dissolved group, naming groupCode', async () => {
      const group = await register();
      await patch(group.groupCode, { status: 'dissolved' });
      await waitForReplicas(group.groupCode, (g) => g?.status === 'dissolved');
      const id = await createCustomer(shenzhen, '想加入的公司');
      const res = await setGroup(shenzhen, id, group.groupCode);
      expect(res.status).toBe(400);
      expect(res.body.errors?.map((e) => e.field)).toEqual(['groupCode']);
      expect((await setGroup(shenzhen, id, 'G77777777')).status).toBe(400);
    });

    it('drops a member that left, and a replayed older snapshot does not bring it back', async () => {
      const group = await register();
      await waitForReplicas(group.groupCode, (g) => g !== undefined);
      const leaving = await createCustomer(shenzhen, '将离开的公司');
      const staying = await createCustomer(guangzhou, '留下的公司');
      await setGroup(shenzhen, leaving, group.groupCode);
      await setGroup(guangzhou, staying, group.groupCode);
      const joined = await waitFor(
        'two members',
        () => members(group.groupCode),
        (l) => l.length === 2,
        30_000,
      );
      const whileMember = joined.find((m) => m.customerId === leaving)!;

      expect((await setGroup(shenzhen, leaving, null)).status).toBe(200);
      await waitFor(
        'the leaver gone at CN',
        () => members(group.groupCode),
        (l) => l.length === 1 && l[0]!.customerId === staying,
        30_000,
      );

      // The snapshot Shenzhen sent while the customer was a member, sent again as a new message
      // from Shenzhen's outbox: CN handles it (the inbox records it) and keeps the newer state.
      const replay = snapshotOutboxRow(
        fed.namespace,
        snapshot({
          customerId: leaving,
          cityCode: '440300',
          version: BigInt(whileMember.version),
          name: whileMember.name as string,
          groupCode: group.groupCode,
        }),
      );
      await fed.sql('440300', replay.sql, replay.params);
      await waitFor(
        'the replay handled at CN',
        () =>
          fed.count('CN', 'SELECT count(*)::int AS n FROM messaging_inbox WHERE message_id = $1', [
            replay.id,
          ]),
        (n) => n === 1,
        30_000,
      );
      expect((await members(group.groupCode)).map((m) => m.customerId)).toEqual([staying]);
      const [row] = await fed.sql<{ group_code: string | null; version: string }>(
        'CN',
        'SELECT group_code, version::text AS version FROM group_member WHERE customer_id = $1',
        [leaving],
      );
      expect(row?.group_code).toBeNull();
      expect(BigInt(row!.version)).toBeGreaterThan(BigInt(whileMember.version));
      expect(await fed.count('CN', 'SELECT count(*)::int AS n FROM messaging_dead_letter')).toBe(0);
    });
  });
});
