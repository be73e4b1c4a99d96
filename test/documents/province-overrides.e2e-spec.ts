import { BillingPolicyPublishedSchema } from '@kaf/contracts';
import { tokenFor } from '../support/auth';
import { appliedVersions, publishAs, receiptsAt, type ReceiptView } from '../support/documents';
import { FederationFixture } from '../support/federation-fixture';
import { BOOT_HOOK_TIMEOUT_MS, type NodeProcess } from '../support/node-process';
import { waitFor } from '../support/wait';

interface PolicyView {
  version: string;
  highValueMinMonthlyFen: string;
  churnDropPercent: number;
  updatedAt: string | null;
  source: 'national' | 'published' | 'override' | 'defaults';
}
interface Problem {
  status: number;
  errors?: { field: string; message: string }[];
}

const POLICY = '/api/v1/billing-policy';

/**
 * The national node, Guangdong and Shenzhen as real processes. Guangdong sets its own billing
 * policy over the national one: it reaches Shenzhen through the same relay, with receipts to the
 * province; the override is in force at both whatever national version comes later (each still
 * receipted to CN); withdrawing it brings the national version back. Listeners at the province
 * (its slices' value classes) follow what is in force, not every version that arrives.
 */
describe('a province overriding a national document', () => {
  const fed = new FederationFixture();
  let national: NodeProcess;
  let province: NodeProcess;
  let city: NodeProcess;
  const provinceAdmin = () => tokenFor({ roles: 'province_admin', node: '440000', subject: 'GD0001' });

  beforeAll(async () => {
    national = await fed.addNode('CN', 'national');
    // The slice builder would drain usage_slice_dirty, which this suite inspects: hold it back.
    province = await fed.addNode('440000', 'province', { USAGE_SLICE_INTERVAL_MS: '600000' });
    city = await fed.addNode('440300', 'city');
    await Promise.all([national, province, city].map((n) => n.startAndWaitReady()));
  }, BOOT_HOOK_TIMEOUT_MS);

  afterAll(() => fed.dispose(), 120_000);

  const setNational = async (body: unknown) => {
    const res = await national.request<PolicyView>('PUT', POLICY, {
      body,
      token: await tokenFor({ roles: 'hq_admin', node: 'CN' }),
    });
    expect(res.status).toBe(200);
    return res.body;
  };
  const atProvince = async (method: 'PUT' | 'DELETE', body?: unknown, token?: string) =>
    province.request<PolicyView & Problem>(method, POLICY, {
      token: token ?? (await provinceAdmin()),
      ...(body === undefined ? {} : { body }),
    });
  const policyAt = async (node: NodeProcess): Promise<PolicyView> =>
    node.get<PolicyView>(POLICY, await tokenFor({ roles: 'hq_analyst', node: 'CN' }));
  const waitForPolicy = (node: NodeProcess, source: PolicyView['source'], version: string) =>
    waitFor(
      `${source} v${version} in force at ${node.spec.code}`,
      () => policyAt(node),
      (p) => p.source === source && p.version === version,
      60_000,
    );
  const dirtySlices = () => fed.count('440000', 'SELECT count(*)::int AS n FROM usage_slice_dirty');
  const provinceAudit = () =>
    fed.sql<{ action: string; actor_subject: string; resource_id: string; before: unknown; after: unknown }>(
      '440000',
      `SELECT action, actor_subject, resource_id, before, after FROM audit_entry
        WHERE resource_type = 'billing-policy' ORDER BY occurred_at`,
    );
  const byIssuer = (rows: ReceiptView[], issuer: string) =>
    rows.filter((r) => r.issuer === issuer).map((r) => [r.node, r.heldVersion, r.appliedVersion]);

  it('lets only staff of the province or above set it, refuses bad figures naming the field, and writes nothing then', async () => {
    const body = { highValueMinMonthlyFen: '6000000', churnDropPercent: 30 };
    const analyst = await tokenFor({ roles: 'province_analyst', node: '440000' });
    expect((await atProvince('PUT', body, analyst)).status).toBe(403);
    expect((await atProvince('DELETE', undefined, analyst)).status).toBe(403);
    // Another province's administrator does not reach Guangdong.
    const zhejiang = await tokenFor({ roles: 'province_admin', node: '330000' });
    expect((await atProvince('PUT', body, zhejiang)).status).toBe(403);
    // A city keeps no policy of its own.
    const cityAdmin = await tokenFor({ roles: 'city_admin', node: '440300' });
    expect((await city.request('PUT', POLICY, { token: cityAdmin, body })).status).toBe(404);

    for (const [bad, field] of [
      [{ highValueMinMonthlyFen: 6000000, churnDropPercent: 30 }, 'highValueMinMonthlyFen'],
      [{ highValueMinMonthlyFen: '6000000', churnDropPercent: 100 }, 'churnDropPercent'],
    ] as const) {
      const res = await atProvince('PUT', bad);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors?.map((e) => e.field)).toContain(field);
    }
    // Nothing of its own to withdraw yet.
    expect((await atProvince('DELETE')).status).toBe(404);
    expect(await provinceAudit()).toEqual([]);
    expect(
      await fed.count('440000', `SELECT count(*)::int AS n FROM document_version WHERE issuer = '440000'`),
    ).toBe(0);
  });

  it('reaches the city through the province and is in force at both, over the national version', async () => {
    await setNational({ highValueMinMonthlyFen: '8000000', churnDropPercent: 25 });
    await waitForPolicy(city, 'published', '1');
    // Detail the province holds: the slice builder's input, whose value classes follow the policy.
    await fed.sql(
      '440000',
      `INSERT INTO city_customer_usage
         (customer_id, product, billing_month, city_code, revenue_fen, quantity, event_count, version, changed_at)
       VALUES ('0190a1b2-0000-7000-8000-000000000001', 'cloud', '2026-05', '440300', 120000, 1, 3, 1, now())`,
    );
    await fed.sql('440000', 'DELETE FROM usage_slice_dirty');

    const set = await atProvince('PUT', { highValueMinMonthlyFen: '6000000', churnDropPercent: 30 });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({
      version: '1',
      highValueMinMonthlyFen: '6000000',
      churnDropPercent: 30,
      source: 'override',
    });
    expect(await provinceAudit()).toEqual([
      {
        action: 'billing-policy.override',
        actor_subject: 'GD0001',
        resource_id: '440000',
        before: null,
        after: expect.objectContaining({ version: '1', highValueMinMonthlyFen: '6000000' }),
      },
    ]);
    expect(await policyAt(province)).toMatchObject({
      version: '1',
      source: 'override',
      churnDropPercent: 30,
    });
    expect(await waitForPolicy(city, 'override', '1')).toMatchObject({
      highValueMinMonthlyFen: '6000000',
      churnDropPercent: 30,
      updatedAt: set.body.updatedAt,
    });
    // The province's own listeners saw the threshold in force move from 8,000,000 to 6,000,000.
    expect(await dirtySlices()).toBe(1);

    // The same figures again: no new version.
    expect(
      (await atProvince('PUT', { highValueMinMonthlyFen: '6000000', churnDropPercent: 30 })).body.version,
    ).toBe('1');
    // The province hears its city's receipt of its override; CN neither holds it nor hears of it.
    const receipts = await waitFor(
      "the city's receipt of the override at the province",
      () => receiptsAt(province, 'billing-policy'),
      (rows) => rows.some((r) => r.issuer === '440000' && r.node === '440300' && r.appliedVersion === '1'),
    );
    expect(byIssuer(receipts, '440000')).toEqual([
      ['440100', '1', null],
      ['440300', '1', '1'],
    ]);
    expect(byIssuer(receipts, 'CN')).toEqual([
      ['440000', '1', '1'],
      ['440100', '1', null],
      ['440300', '1', '1'],
    ]);
    expect(
      await fed.count('CN', `SELECT count(*)::int AS n FROM document_version WHERE issuer <> 'CN'`),
    ).toBe(0);
    expect(new Set((await receiptsAt(national, 'billing-policy')).map((r) => r.issuer))).toEqual(
      new Set(['CN']),
    );
  });

  it('stays in force when a later national version arrives, which the city still applies and receipts to CN', async () => {
    await fed.sql('440000', 'DELETE FROM usage_slice_dirty');
    const second = await setNational({ highValueMinMonthlyFen: '9000000', churnDropPercent: 40 });
    expect(second.version).toBe('2');
    expect(
      await waitFor(
        "the city's receipt of national v2 at CN",
        () => appliedVersions(national, 'billing-policy'),
        (v) => v['440300'] === '2',
      ),
    ).toMatchObject({ '440000': '2', '440300': '2' });
    for (const node of [province, city]) {
      expect(await policyAt(node)).toMatchObject({
        version: '1',
        highValueMinMonthlyFen: '6000000',
        churnDropPercent: 30,
        source: 'override',
      });
    }
    // Nothing changed in force at the province: no slice is re-derived.
    expect(await dirtySlices()).toBe(0);
    expect(
      await fed.sql(
        '440300',
        `SELECT issuer, version::text, withdrawn FROM document_version WHERE document = 'billing-policy' ORDER BY issuer`,
      ),
    ).toEqual([
      { issuer: '440000', version: '1', withdrawn: false },
      { issuer: 'CN', version: '2', withdrawn: false },
    ]);
  });

  it('falls back to the national version at the province and the city when the province withdraws it', async () => {
    const withdrawn = await atProvince('DELETE');
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({
      version: '2',
      highValueMinMonthlyFen: '9000000',
      churnDropPercent: 40,
      source: 'published',
    });
    expect((await provinceAudit()).map((e) => [e.action, e.before === null, e.after === null])).toEqual([
      ['billing-policy.override', true, false],
      ['billing-policy.withdraw', false, true],
    ]);
    expect(await waitForPolicy(city, 'published', '2')).toMatchObject({
      highValueMinMonthlyFen: '9000000',
      churnDropPercent: 40,
    });
    // The threshold in force at the province moved back up, from 6,000,000 to 9,000,000.
    expect(await dirtySlices()).toBe(1);
    // The withdrawal is a version of the province's, applied and receipted like any other.
    expect(
      await waitFor(
        "the city's receipt of the withdrawal at the province",
        async () => byIssuer(await receiptsAt(province, 'billing-policy'), '440000'),
        (rows) => rows.some(([node, , applied]) => node === '440300' && applied === '2'),
      ),
    ).toEqual([
      ['440100', '2', null],
      ['440300', '2', '2'],
    ]);
    expect((await atProvince('DELETE')).status).toBe(404);

    // Set again, it numbers on from the withdrawal and is in force again below.
    const again = await atProvince('PUT', { highValueMinMonthlyFen: '7000000', churnDropPercent: 35 });
    expect(again.body).toMatchObject({ version: '3', source: 'override' });
    expect((await waitForPolicy(city, 'override', '3')).highValueMinMonthlyFen).toBe('7000000');
  });

  it('refuses a withdrawal claimed by the national node, and an override from a province above another city', async () => {
    const document = { name: 'billing-policy', issuer: 'CN', schema: BillingPolicyPublishedSchema };
    const nationalWithdrawal = await publishAs(fed.namespace, '440000', '440300', document, [
      { version: 50n, withdrawn: true },
    ]);
    const foreign = await publishAs(fed.namespace, '440000', '440300', { ...document, issuer: '330000' }, [
      { version: 60n, withdrawn: true },
    ]);
    await waitFor(
      'both messages through the city inbox',
      () =>
        fed.sql<{ message_id: string }>(
          '440300',
          'SELECT message_id FROM messaging_inbox WHERE message_id = ANY($1::uuid[])',
          [[nationalWithdrawal, foreign]],
        ),
      (r) => r.length === 2,
    );
    const reasons = await fed.sql<{ message_id: string; reason: string }>(
      '440300',
      'SELECT message_id, reason FROM messaging_dead_letter WHERE message_id = ANY($1::uuid[])',
      [[nationalWithdrawal, foreign]],
    );
    expect(Object.fromEntries(reasons.map((r) => [r.message_id, r.reason]))).toEqual({
      [nationalWithdrawal]: expect.stringContaining('withdrawn by a national node'),
      [foreign]: expect.stringContaining('not a national or province node above this one'),
    });
    expect(await policyAt(city)).toMatchObject({ version: '3', source: 'override' });
  });
});
