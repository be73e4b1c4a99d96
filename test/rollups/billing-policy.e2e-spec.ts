import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { BillingPolicyPublishedSchema } from '@kaf/contracts';
import { tokenFor } from '../support/auth';
import { FederationFixture } from '../support/federation-fixture';
import { BOOT_BUDGET_MS, BOOT_HOOK_TIMEOUT_MS, type NodeProcess } from '../support/node-process';
import { waitFor } from '../support/wait';
import { appliedVersions, publishAs, receiptsAt } from '../support/documents';

interface PolicyView {
  version: string;
  highValueMinMonthlyFen: string;
  churnDropPercent: number;
  updatedAt: string | null;
  source: 'national' | 'published' | 'defaults';
}
interface Problem {
  status: number;
  errors?: { field: string; message: string }[];
}

const POLICY = '/api/v1/billing-policy';
/** The nodes' configured defaults (USAGE_HIGH_VALUE_MIN_MONTHLY_FEN, USAGE_CHURN_DROP_PERCENT). */
const DEFAULTS = {
  version: '0',
  highValueMinMonthlyFen: '5000000',
  churnDropPercent: 30,
  source: 'defaults',
};

/**
 * The national node, Guangdong and Shenzhen as real processes: HQ sets the billing policy at CN,
 * every province and city keeps the highest version published (cities through their province),
 * CN and the province list the version each node applied, a node that boots without one asks its
 * parent, and a changed high-value threshold marks every slice of the province dirty.
 */
describe('the national billing policy', () => {
  const fed = new FederationFixture();
  let national: NodeProcess;
  let province: NodeProcess;
  let city: NodeProcess;
  const hqAdmin = () => tokenFor({ roles: 'hq_admin', node: 'CN', subject: 'HQ0001' });

  beforeAll(async () => {
    national = await fed.addNode('CN', 'national');
    // The slice builder would drain usage_slice_dirty, which this suite inspects: hold it back.
    province = await fed.addNode('440000', 'province', { USAGE_SLICE_INTERVAL_MS: '600000' });
    city = await fed.addNode('440300', 'city');
    await Promise.all([national, province, city].map((n) => n.startAndWaitReady()));
  }, BOOT_HOOK_TIMEOUT_MS);

  afterAll(() => fed.dispose(), 120_000);

  const put = async (body: unknown, token?: string | null) =>
    national.request<PolicyView & Problem>('PUT', POLICY, {
      body,
      token: token === undefined ? await hqAdmin() : token,
    });
  const policyAt = async (node: NodeProcess): Promise<PolicyView> =>
    node.get<PolicyView>(POLICY, await tokenFor({ roles: 'hq_analyst', node: 'CN' }));
  const waitForVersion = (node: NodeProcess, version: string) =>
    waitFor(
      `policy v${version} at ${node.spec.code}`,
      () => policyAt(node),
      (p) => p.version === version,
      60_000,
    );

  it('serves the configured defaults everywhere until HQ sets a policy', async () => {
    for (const node of [national, province, city])
      expect(await policyAt(node)).toMatchObject({ ...DEFAULTS, updatedAt: null });
    // The city's administrator reads the policy in force at the city.
    const cityAdmin = await tokenFor({ roles: 'city_admin', node: '440300' });
    expect((await city.get<PolicyView>(POLICY, cityAdmin)).version).toBe('0');
  });

  it('refuses malformed policies naming the field, writing nothing', async () => {
    const cases: [unknown, string][] = [
      [{ highValueMinMonthlyFen: 8000000, churnDropPercent: 25 }, 'highValueMinMonthlyFen'],
      [{ highValueMinMonthlyFen: '-1', churnDropPercent: 25 }, 'highValueMinMonthlyFen'],
      [{ highValueMinMonthlyFen: '80000.5', churnDropPercent: 25 }, 'highValueMinMonthlyFen'],
      [{ highValueMinMonthlyFen: '1000000000000001', churnDropPercent: 25 }, 'highValueMinMonthlyFen'],
      [{ highValueMinMonthlyFen: '08000000', churnDropPercent: 25 }, 'highValueMinMonthlyFen'],
      [{ churnDropPercent: 25 }, 'highValueMinMonthlyFen'],
      [{ highValueMinMonthlyFen: '8000000', churnDropPercent: 0 }, 'churnDropPercent'],
      [{ highValueMinMonthlyFen: '8000000', churnDropPercent: 100 }, 'churnDropPercent'],
      [{ highValueMinMonthlyFen: '8000000', churnDropPercent: 12.5 }, 'churnDropPercent'],
      [{ highValueMinMonthlyFen: '8000000', churnDropPercent: '25' }, 'churnDropPercent'],
      [{ highValueMinMonthlyFen: '8000000', churnDropPercent: 25, version: '7' }, 'version'],
    ];
    for (const [body, field] of cases) {
      const res = await put(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors?.map((e) => e.field)).toContain(field);
    }
    expect(await fed.count('CN', 'SELECT count(*)::int AS n FROM billing_policy')).toBe(0);
    expect(
      await fed.count(
        'CN',
        `SELECT count(*)::int AS n FROM audit_entry WHERE resource_type = 'billing-policy'`,
      ),
    ).toBe(0);
  });

  it('lets only HQ administrators set it, and analysts of every tier read it', async () => {
    const body = { highValueMinMonthlyFen: '8000000', churnDropPercent: 25 };
    expect((await put(body, null)).status).toBe(401);
    expect((await put(body, await tokenFor({ roles: 'hq_analyst', node: 'CN' }))).status).toBe(403);
    expect((await put(body, await tokenFor({ roles: 'province_admin', node: '440000' }))).status).toBe(403);
    expect((await put(body, await tokenFor({ roles: 'node_admin', node: 'CN' }))).status).toBe(403);
    const accountManager = await tokenFor({
      roles: 'account_manager',
      node: '440300',
      subject: 'E440300-001',
    });
    expect((await city.request('GET', POLICY, { token: accountManager })).status).toBe(403);
    const provinceAnalyst = await tokenFor({ roles: 'province_analyst', node: '440000' });
    expect((await province.request('GET', POLICY, { token: provinceAnalyst })).status).toBe(200);
    // A city keeps no policy of its own (a province's own is test/documents/province-overrides).
    expect((await city.request('PUT', POLICY, { token: await hqAdmin(), body })).status).toBe(404);
    expect(await fed.count('CN', 'SELECT count(*)::int AS n FROM billing_policy')).toBe(0);
  });

  it('publishes every new version to the province and the city, which keep the highest', async () => {
    // Detail the province holds: Shenzhen and Guangzhou, two months (the slice builder's input).
    await fed.sql(
      '440000',
      `INSERT INTO city_customer_usage
         (customer_id, product, billing_month, city_code, revenue_fen, quantity, event_count, version, changed_at)
       VALUES ('0190a1b2-0000-7000-8000-000000000001', 'cloud', '2026-04', '440300', 120000, 1, 3, 1, now()),
              ('0190a1b2-0000-7000-8000-000000000001', 'cloud', '2026-05', '440300', 90000, 1, 2, 1, now()),
              ('0190a1b2-0000-7000-8000-000000000002', 'mpls_vpn', '2026-05', '440100', 70000, 1, 1, 1, now())`,
    );

    const first = await put({ highValueMinMonthlyFen: '8000000', churnDropPercent: 25 });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      version: '1',
      highValueMinMonthlyFen: '8000000',
      churnDropPercent: 25,
      source: 'national',
    });
    const audited = await fed.sql<{
      actor_subject: string;
      after: { version: string; highValueMinMonthlyFen: string };
    }>('CN', `SELECT actor_subject, after FROM audit_entry WHERE action = 'billing-policy.update'`);
    expect(audited).toEqual([
      {
        actor_subject: 'HQ0001',
        after: expect.objectContaining({ version: '1', highValueMinMonthlyFen: '8000000' }),
      },
    ]);
    for (const node of [province, city]) {
      expect(await waitForVersion(node, '1')).toMatchObject({
        version: '1',
        highValueMinMonthlyFen: '8000000',
        churnDropPercent: 25,
        source: 'published',
        updatedAt: first.body.updatedAt,
      });
    }
    // The threshold moved from the defaults: every city and month with detail is dirty.
    expect(
      await fed.sql('440000', 'SELECT city_code, billing_month FROM usage_slice_dirty ORDER BY 1, 2'),
    ).toEqual([
      { city_code: '440100', billing_month: '2026-05' },
      { city_code: '440300', billing_month: '2026-04' },
      { city_code: '440300', billing_month: '2026-05' },
    ]);

    // The same figures again: no new version, nothing published.
    const same = await put({ highValueMinMonthlyFen: '8000000', churnDropPercent: 25 });
    expect(same.body.version).toBe('1');
    expect(await fed.count('CN', 'SELECT count(*)::int AS n FROM billing_policy')).toBe(1);

    await fed.sql('440000', 'DELETE FROM usage_slice_dirty');
    // Only the churn threshold changes: value classes stay, so no slice is marked.
    const second = await put({ highValueMinMonthlyFen: '8000000', churnDropPercent: 40 });
    expect(second.body.version).toBe('2');
    expect((await waitForVersion(province, '2')).churnDropPercent).toBe(40);
    expect((await waitForVersion(city, '2')).churnDropPercent).toBe(40);
    expect(await fed.count('440000', 'SELECT count(*)::int AS n FROM usage_slice_dirty')).toBe(0);
    expect(await policyAt(national)).toMatchObject({
      version: '2',
      highValueMinMonthlyFen: '8000000',
      churnDropPercent: 40,
    });
  });

  it('ignores an older version, and a policy from anyone but its parent or issued by a node not above it', async () => {
    const document = { name: 'billing-policy', issuer: 'CN', schema: BillingPolicyPublishedSchema };
    const body = (version: bigint, fen: bigint, percent: number) =>
      create(BillingPolicyPublishedSchema, {
        version,
        highValueMinMonthlyFen: fen,
        churnDropPercent: percent,
        updatedAt: timestampFromDate(new Date()),
      });
    // From its parent, issued by CN, but older than what the city holds: handled, changes nothing.
    const stale = await publishAs(fed.namespace, '440000', '440300', document, [
      { version: 1n, body: body(1n, 1n, 99) },
    ]);
    // Straight from CN, which is not the city's parent: refused before any handler runs.
    const bypass = await publishAs(fed.namespace, 'CN', '440300', document, [
      { version: 99n, body: body(99n, 2n, 1) },
    ]);
    // From the parent, but claiming another province issued it (only its own may override it).
    const forged = await publishAs(fed.namespace, '440000', '440300', { ...document, issuer: '330000' }, [
      { version: 98n, body: body(98n, 3n, 1) },
    ]);
    const rows = await waitFor(
      'the three messages through the city inbox',
      () =>
        fed.sql<{ message_id: string; outcome: string }>(
          '440300',
          'SELECT message_id, outcome FROM messaging_inbox WHERE message_id = ANY($1::uuid[])',
          [[stale, bypass, forged]],
        ),
      (r) => r.length === 3,
    );
    expect(Object.fromEntries(rows.map((r) => [r.message_id, r.outcome]))).toEqual({
      [stale]: 'handled',
      [bypass]: 'dead_lettered',
      [forged]: 'dead_lettered',
    });
    const reasons = await fed.sql<{ message_id: string; reason: string }>(
      '440300',
      'SELECT message_id, reason FROM messaging_dead_letter WHERE message_id = ANY($1::uuid[])',
      [[bypass, forged]],
    );
    expect(Object.fromEntries(reasons.map((r) => [r.message_id, r.reason]))).toEqual({
      [bypass]: expect.stringContaining('not the parent of this node'),
      [forged]: expect.stringContaining('not a national or province node above this one'),
    });
    expect(await policyAt(city)).toMatchObject({
      version: '2',
      highValueMinMonthlyFen: '8000000',
      churnDropPercent: 40,
    });
  });

  it('lists at CN and at the province the version every node of their subtree applied, and when', async () => {
    const atCn = await waitFor(
      'receipts of v2 at CN',
      () => receiptsAt(national, 'billing-policy'),
      (rows) => rows.filter((r) => r.appliedVersion === '2').length === 2,
    );
    // Every node of the topology is listed; the ones this suite never started have applied nothing.
    expect(atCn.map((r) => [r.node, r.tier, r.heldVersion, r.appliedVersion, r.upToDate])).toEqual([
      ['440000', 'province', '2', '2', true],
      ['440100', 'city', '2', null, false],
      ['440300', 'city', '2', '2', true],
      ['330000', 'province', '2', null, false],
      ['330100', 'city', '2', null, false],
      ['330200', 'city', '2', null, false],
    ]);
    for (const row of atCn.filter((r) => r.appliedAt))
      expect(Date.parse(row.appliedAt!)).toBeGreaterThan(Date.now() - 300_000);
    // The province sees itself and its cities, with the same times as CN was told.
    const atProvince = await receiptsAt(province, 'billing-policy');
    expect(atProvince.map((r) => [r.node, r.appliedVersion, r.appliedAt])).toEqual(
      atCn.filter((r) => r.node.startsWith('44')).map((r) => [r.node, r.appliedVersion, r.appliedAt]),
    );
    // The city has no subtree: it reports on itself only.
    expect((await receiptsAt(city, 'billing-policy')).map((r) => [r.node, r.appliedVersion])).toEqual([
      ['440300', '2'],
    ]);
    const held = await national.get<{ document: string; expectedReceipts: number; upToDate: number }[]>(
      '/api/v1/documents',
      await tokenFor({ roles: 'node_admin', node: 'CN' }),
    );
    expect(held.find((d) => d.document === 'billing-policy')).toMatchObject({
      expectedReceipts: 6,
      upToDate: 2,
    });
  });

  it(
    'reaches a city that was down when a version was published: it applies it when it comes back and its receipt reaches CN',
    async () => {
      await city.stop();
      const third = await put({ highValueMinMonthlyFen: '9000000', churnDropPercent: 40 });
      expect(third.body.version).toBe('3');
      await waitForVersion(province, '3');
      // CN knows the province has v3 and the city is still on v2.
      await waitFor(
        'the province receipt of v3 at CN',
        () => appliedVersions(national, 'billing-policy'),
        (v) => v['440000'] === '3',
      ).then((v) => expect([v['440000'], v['440300']]).toEqual(['3', '2']));
      expect(
        (await receiptsAt(national, 'billing-policy', '&behind=true&node=440300')).map((r) => [
          r.node,
          r.appliedVersion,
          r.upToDate,
        ]),
      ).toEqual([['440300', '2', false]]);

      await city.startAndWaitReady();
      expect((await waitForVersion(city, '3')).highValueMinMonthlyFen).toBe('9000000');
      expect(
        await waitFor(
          'the city receipt of v3 at CN',
          () => appliedVersions(national, 'billing-policy'),
          (v) => v['440300'] === '3',
        ),
      ).toMatchObject({ '440000': '3', '440300': '3' });
      expect(await appliedVersions(province, 'billing-policy')).toEqual({
        '440000': '3',
        '440100': null,
        '440300': '3',
      });
    },
    BOOT_BUDGET_MS + 120_000,
  );

  it(
    'reaches a node that boots without a policy: it asks its parent',
    async () => {
      const asked = () =>
        fed.count(
          '440000',
          `SELECT count(*)::int AS n FROM messaging_inbox WHERE type = 'kaf.federation.v1.DocumentResyncRequest' AND source = '440300'`,
        );
      // Its first boot found no policy and asked already (the province had none to give then).
      const before = await asked();
      expect(before).toBeGreaterThanOrEqual(1);
      // Shenzhen loses its copy (a rebuilt database) while its inbox has long moved past v3.
      await city.stop();
      await fed.sql('440300', `DELETE FROM document_version WHERE document = 'billing-policy'`);
      await city.startAndWaitReady();
      expect(await waitForVersion(city, '3')).toMatchObject({
        highValueMinMonthlyFen: '9000000',
        churnDropPercent: 40,
        source: 'published',
      });
      // Only a resync can bring v3 back: the city's inbox had moved past it before the copy was lost.
      expect(await asked()).toBeGreaterThan(before);
    },
    BOOT_BUDGET_MS + 90_000,
  );
});
