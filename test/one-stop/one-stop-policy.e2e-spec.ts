import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { DocumentResyncRequestSchema, OneStopPolicyPublishedSchema } from '@kaf/contracts';
import { fieldsOf, type Problem } from '../agreements/sales-builders';
import { tokenFor } from '../support/auth';
import { FederationFixture } from '../support/federation-fixture';
import { publishAs } from '../support/documents';
import { inboxPayloads } from '../support/inbox-injection';
import { metricValue } from '../support/metrics';
import { BOOT_BUDGET_MS, BOOT_HOOK_TIMEOUT_MS, type NodeProcess } from '../support/node-process';
import { waitFor } from '../support/wait';

interface Sla {
  product: string;
  endSegmentSeconds: number;
  transitSegmentSeconds: number;
}
interface Override {
  product?: string;
  aEndProvince?: string;
  zEndProvince?: string;
  aEndBp: number;
  zEndBp: number;
  transitBp: number;
}
interface PolicyView {
  version: string;
  slas: Sla[];
  transitShareBp: number;
  overrides: Override[];
  quoteReplySeconds: number;
  updatedAt: string | null;
  source: 'national' | 'published' | 'defaults';
}

const POLICY = '/api/v1/one-stop-policy';
const DAY = 86_400;

const SLAS: Sla[] = [
  { product: 'digital_circuit', endSegmentSeconds: 7 * DAY, transitSegmentSeconds: 5 * DAY },
  { product: 'ddn', endSegmentSeconds: 8 * DAY, transitSegmentSeconds: 5 * DAY },
  { product: 'mpls_vpn', endSegmentSeconds: 12 * DAY, transitSegmentSeconds: 9 * DAY },
  { product: 'ethernet_private_line', endSegmentSeconds: 3600, transitSegmentSeconds: 1800 },
];
const OVERRIDE: Override = {
  product: 'mpls_vpn',
  aEndProvince: '440000',
  zEndProvince: '330000',
  aEndBp: 4000,
  zEndBp: 4000,
  transitBp: 2000,
};
const aPolicy = (over: Record<string, unknown> = {}) => ({
  slas: SLAS,
  transitShareBp: 1500,
  overrides: [OVERRIDE],
  ...over,
});

/**
 * The national node, Guangdong and Shenzhen as real processes (Hangzhou boots later): HQ sets the
 * one-stop policy at CN, every province and city keeps the highest version published, and a node
 * without one asks CN at boot.
 */
describe('the national one-stop policy', () => {
  const fed = new FederationFixture();
  let national: NodeProcess;
  let province: NodeProcess;
  let city: NodeProcess;
  const hqAdmin = () => tokenFor({ roles: 'hq_admin', node: 'CN', subject: 'HQ0001' });

  beforeAll(async () => {
    national = await fed.addNode('CN', 'national');
    province = await fed.addNode('440000', 'province');
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
    node.get<PolicyView>(POLICY, await tokenFor({ roles: 'provisioning_engineer', node: node.spec.code }));
  const waitForVersion = (node: NodeProcess, version: string) =>
    waitFor(
      `one-stop policy v${version} at ${node.spec.code}`,
      () => policyAt(node),
      (p) => p.version === version,
      60_000,
    );
  /** Resync requests for this document that `code` sent to `parent`'s inbox. */
  const asked = async (parent: string, code: string) =>
    (await inboxPayloads(fed.namespace, parent, DocumentResyncRequestSchema)).filter(
      (m) => m.source === code && m.payload.document === 'one-stop-policy' && m.payload.requestedBy === code,
    ).length;

  it('serves the configured defaults everywhere until HQ sets a policy', async () => {
    for (const node of [national, province, city]) {
      const policy = await policyAt(node);
      expect(policy).toMatchObject({
        version: '0',
        transitShareBp: 1000,
        overrides: [],
        quoteReplySeconds: 3600,
        updatedAt: null,
        source: 'defaults',
      });
      expect(policy.slas.find((s) => s.product === 'mpls_vpn')).toEqual({
        product: 'mpls_vpn',
        endSegmentSeconds: 15 * DAY,
        transitSegmentSeconds: 10 * DAY,
      });
    }
    // Every one-stop role reads it where it works.
    const readers: [NodeProcess, Parameters<typeof tokenFor>[0]][] = [
      [city, { roles: 'account_manager', node: '440300', subject: 'E440300-001' }],
      [city, { roles: 'city_admin', node: '440300' }],
      [province, { roles: 'province_analyst', node: '440000' }],
      [national, { roles: 'hq_analyst', node: 'CN' }],
    ];
    for (const [node, spec] of readers) {
      expect([
        spec.roles,
        (await node.request('GET', POLICY, { token: await tokenFor(spec) })).status,
      ]).toEqual([spec.roles, 200]);
    }
    // The boot of each province and city found no policy and asked its parent, which had none to give.
    expect(await asked('CN', '440000')).toBe(1);
    expect(
      await waitFor(
        'the city’s request at the province',
        () => asked('440000', '440300'),
        (n) => n === 1,
      ),
    ).toBe(1);
  });

  it('refuses malformed policies naming the field, writing nothing', async () => {
    const [first, second, third] = SLAS as [Sla, Sla, Sla, Sla];
    const cases: [unknown, string[]][] = [
      [aPolicy({ slas: [first, second, third] }), ['slas']],
      [aPolicy({ slas: [first, second, third, { ...first }] }), ['slas.3.product', 'slas']],
      [aPolicy({ slas: [{ ...first, product: 'dark_fibre' }, second, third, SLAS[3]] }), ['slas.0.product']],
      [
        aPolicy({ slas: [{ ...first, endSegmentSeconds: 59 }, second, third, SLAS[3]] }),
        ['slas.0.endSegmentSeconds'],
      ],
      [
        aPolicy({ slas: [first, { ...second, transitSegmentSeconds: 365 * DAY + 1 }, third, SLAS[3]] }),
        ['slas.1.transitSegmentSeconds'],
      ],
      [
        aPolicy({ slas: [{ ...first, endSegmentSeconds: '600' }, second, third, SLAS[3]] }),
        ['slas.0.endSegmentSeconds'],
      ],
      [aPolicy({ slas: [{ ...first, hours: 3 }, second, third, SLAS[3]] }), ['slas.0.hours']],
      [aPolicy({ slas: 'all' }), ['slas']],
      [aPolicy({ transitShareBp: 10_001 }), ['transitShareBp']],
      [aPolicy({ transitShareBp: 12.5 }), ['transitShareBp']],
      [aPolicy({ overrides: [{ ...OVERRIDE, transitBp: 1000 }] }), ['overrides.0']],
      [aPolicy({ overrides: [OVERRIDE, { ...OVERRIDE }] }), ['overrides.1']],
      [aPolicy({ overrides: [{ ...OVERRIDE, aEndProvince: '110000' }] }), ['overrides.0.aEndProvince']],
      [aPolicy({ overrides: [{ ...OVERRIDE, zEndProvince: '330100' }] }), ['overrides.0.zEndProvince']],
      [aPolicy({ overrides: [{ ...OVERRIDE, product: 'dark_fibre' }] }), ['overrides.0.product']],
      [aPolicy({ overrides: [{ ...OVERRIDE, aEndBp: -1, zEndBp: 8001 }] }), ['overrides.0.aEndBp']],
      [aPolicy({ overrides: [{ ...OVERRIDE, share: 1 }] }), ['overrides.0.share']],
      [aPolicy({ version: '7' }), ['version']],
      [aPolicy({ quoteReplySeconds: 4 }), ['quoteReplySeconds']],
      [aPolicy({ quoteReplySeconds: 7 * DAY + 1 }), ['quoteReplySeconds']],
      [aPolicy({ quoteReplySeconds: '600' }), ['quoteReplySeconds']],
      [{ slas: SLAS }, ['transitShareBp']],
    ];
    for (const [body, fields] of cases) {
      const res = await put(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect({ body, fields: fieldsOf(res.body) }).toEqual({ body, fields: expect.arrayContaining(fields) });
    }
    expect(await fed.count('CN', 'SELECT count(*)::int AS n FROM one_stop_policy')).toBe(0);
    expect(
      await fed.count(
        'CN',
        `SELECT count(*)::int AS n FROM audit_entry WHERE resource_type = 'one-stop-policy'`,
      ),
    ).toBe(0);
  });

  it('lets only HQ administrators set it', async () => {
    const body = aPolicy();
    expect((await put(body, null)).status).toBe(401);
    expect((await put(body, await tokenFor({ roles: 'hq_analyst', node: 'CN' }))).status).toBe(403);
    expect((await put(body, await tokenFor({ roles: 'province_admin', node: '440000' }))).status).toBe(403);
    expect((await put(body, await tokenFor({ roles: 'node_admin', node: 'CN' }))).status).toBe(403);
    // Provinces and cities only read their replica.
    expect((await province.request('PUT', POLICY, { token: await hqAdmin(), body })).status).toBe(404);
    expect(await fed.count('CN', 'SELECT count(*)::int AS n FROM one_stop_policy')).toBe(0);
  });

  it('publishes every new version to the province and the city, which keep the highest', async () => {
    const first = await put(aPolicy());
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      version: '1',
      slas: SLAS,
      transitShareBp: 1500,
      overrides: [OVERRIDE],
      // Not given: the national node's configured default.
      quoteReplySeconds: 3600,
      source: 'national',
    });
    const audited = await fed.sql<{ actor_subject: string; before: PolicyView; after: PolicyView }>(
      'CN',
      `SELECT actor_subject, before, after FROM audit_entry WHERE action = 'one-stop-policy.update'`,
    );
    expect(audited).toEqual([
      {
        actor_subject: 'HQ0001',
        before: expect.objectContaining({ version: '0', source: 'defaults' }),
        after: expect.objectContaining({ version: '1', transitShareBp: 1500 }),
      },
    ]);
    for (const node of [province, city]) {
      expect(await waitForVersion(node, '1')).toEqual({ ...first.body, source: 'published' });
    }

    // The same policy again, its SLAs in another order: no new version, nothing published.
    const same = await put(aPolicy({ slas: [...SLAS].reverse() }));
    expect([same.status, same.body.version]).toEqual([200, '1']);
    expect(await fed.count('CN', 'SELECT count(*)::int AS n FROM one_stop_policy')).toBe(1);

    const second = await put(aPolicy({ transitShareBp: 2000, overrides: [], quoteReplySeconds: 600 }));
    expect(second.body.version).toBe('2');
    for (const node of [province, city]) {
      expect(await waitForVersion(node, '2')).toMatchObject({
        transitShareBp: 2000,
        overrides: [],
        quoteReplySeconds: 600,
        source: 'published',
      });
      expect(await metricValue(node, 'kaf_one_stop_policy_version')).toBe(2);
    }
    expect(await policyAt(national)).toMatchObject({
      version: '2',
      transitShareBp: 2000,
      source: 'national',
    });
    expect(await metricValue(national, 'kaf_one_stop_policy_version')).toBe(2);
  });

  it('changes nothing on a duplicated or older version, and refuses one from anyone but its parent or malformed', async () => {
    const published = (version: bigint, transitShareBp: number, overrides: Override[] = []) =>
      create(OneStopPolicyPublishedSchema, {
        version,
        slas: SLAS,
        transitShareBp,
        overrides: overrides.map((o) => ({ product: '', aEndProvince: '', zEndProvince: '', ...o })),
        updatedAt: timestampFromDate(new Date()),
      });
    const before = await policyAt(city);
    const document = { name: 'one-stop-policy', issuer: 'CN', schema: OneStopPolicyPublishedSchema };
    const from = (source: string, version: bigint, body: ReturnType<typeof published>) =>
      publishAs(fed.namespace, source, '440300', document, [{ version, body }]);
    const messages = {
      older: await from('440000', 1n, published(1n, 100)),
      sameVersion: await from('440000', 2n, published(2n, 300)),
      impostor: await from('CN', 99n, published(99n, 400)),
      malformed: await from('440000', 98n, published(98n, 500, [{ ...OVERRIDE, transitBp: 0 }])),
    };
    const outcomes = await waitFor(
      'the four messages through the city inbox',
      () =>
        fed.sql<{ message_id: string; outcome: string }>(
          '440300',
          'SELECT message_id, outcome FROM messaging_inbox WHERE message_id = ANY($1::uuid[])',
          [Object.values(messages)],
        ),
      (rows) => rows.length === 4,
    );
    const outcome = Object.fromEntries(outcomes.map((r) => [r.message_id, r.outcome]));
    expect(Object.fromEntries(Object.entries(messages).map(([k, id]) => [k, outcome[id]]))).toEqual({
      older: 'handled',
      sameVersion: 'handled',
      impostor: 'dead_lettered',
      malformed: 'dead_lettered',
    });
    expect(await policyAt(city)).toEqual(before);
    expect(
      await metricValue(city, 'kaf_document_versions_received_total', {
        document: 'one-stop-policy',
        outcome: 'stale',
      }),
    ).toBeGreaterThanOrEqual(2);
  });

  it(
    'reaches nodes that boot later, and one that lost its replica: each asks its parent',
    async () => {
      // Zhejiang and Hangzhou have never run: each boots without a policy and asks its parent.
      const zhejiang = await fed.addNode('330000', 'province');
      const hangzhou = await fed.addNode('330100', 'city');
      await Promise.all([zhejiang, hangzhou].map((n) => n.startAndWaitReady()));
      expect(await waitForVersion(zhejiang, '2')).toMatchObject({
        transitShareBp: 2000,
        source: 'published',
      });
      expect(await waitForVersion(hangzhou, '2')).toMatchObject({
        transitShareBp: 2000,
        source: 'published',
      });
      await waitFor(
        'Hangzhou’s request handled at Zhejiang',
        () => asked('330000', '330100'),
        (n) => n === 1,
      );

      // Shenzhen loses its replica (a rebuilt database) while its inbox has long moved past v2.
      await city.stop();
      await fed.sql('440300', `DELETE FROM document_version WHERE document = 'one-stop-policy'`);
      await city.startAndWaitReady();
      expect(await waitForVersion(city, '2')).toMatchObject({ transitShareBp: 2000, source: 'published' });
      expect(await asked('440000', '440300')).toBe(2);
      expect(await asked('CN', '330000')).toBe(1);
    },
    2 * BOOT_BUDGET_MS + 90_000,
  );
});
