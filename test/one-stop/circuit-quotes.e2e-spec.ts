import { randomUUID } from 'node:crypto';
import { create } from '@bufbuild/protobuf';
import Redis from 'ioredis';
import {
  CircuitQuoteReplySchema,
  CircuitQuoteRequestSchema,
  OneStopPolicyPublishedSchema,
} from '@kaf/contracts';
import { aCustomerOf, aSalesTeam, fieldsOf, type Manager, type Problem } from '../agreements/sales-builders';
import { tokenFor } from '../support/auth';
import { publishAs } from '../support/documents';
import { FederationFixture } from '../support/federation-fixture';
import { inboxPayloads, sendAs } from '../support/inbox-injection';
import { metricValue } from '../support/metrics';
import { BOOT_HOOK_TIMEOUT_MS, type NodeProcess } from '../support/node-process';
import { waitFor } from '../support/wait';
import { expectEvery } from '../support/expectations';
import { anOrder } from './circuit-orders-support';

interface Tariff {
  nodeCode: string;
  product: string;
  version: string;
  oneTimeFen: string;
  monthlyBaseFen: string;
  monthlyPerMbpsFen: string;
  maxBandwidthMbps: number;
  changeOneTimeFen?: string;
  updatedAt: string;
}
interface Line {
  role: string;
  nodeCode: string;
  feasible: boolean | null;
  reason: string | null;
  oneTimeFen: string | null;
  monthlyFen: string | null;
  tariffVersion: string | null;
  answeredAt: string | null;
}
interface Quote {
  id: string;
  customerId: string;
  action: string;
  circuitId: string | null;
  product: string;
  bandwidthMbps: number;
  aEndNodeCode: string;
  zEndNodeCode: string;
  answerBy: string;
  createdAt: string;
  state: string;
  stateReason: string | null;
  lines: Line[];
  oneTimeTotalFen: string | null;
  monthlyTotalFen: string | null;
  validUntil: string | null;
  expired: boolean;
  orderId: string | null;
}

interface PolicyBody {
  slas: { product: string; endSegmentSeconds: number; transitSegmentSeconds: number }[];
  transitShareBp: number;
  quoteReplySeconds: number;
}

const TARIFFS = '/api/v1/circuit-tariffs';
const QUOTES = '/api/v1/circuit-quotes';
const POLICY = '/api/v1/one-stop-policy';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** The quote answer time the suite sets in the policy to see a silent node time a quote out. */
const REPLY_SECONDS = 5;

/** The tariffs the suite sets: [node, product, terms]. Hangzhou has no ddn tariff and a narrow maximum. */
const SET: [string, string, Omit<Tariff, 'nodeCode' | 'product' | 'version' | 'updatedAt'>][] = [
  [
    '440300',
    'mpls_vpn',
    { oneTimeFen: '500000', monthlyBaseFen: '200000', monthlyPerMbpsFen: '3000', maxBandwidthMbps: 10_000 },
  ],
  [
    '440300',
    'ddn',
    { oneTimeFen: '300000', monthlyBaseFen: '150000', monthlyPerMbpsFen: '0', maxBandwidthMbps: 2 },
  ],
  [
    '330100',
    'mpls_vpn',
    { oneTimeFen: '450001', monthlyBaseFen: '180000', monthlyPerMbpsFen: '2999', maxBandwidthMbps: 1_000 },
  ],
  [
    'CN',
    'mpls_vpn',
    { oneTimeFen: '0', monthlyBaseFen: '1000000', monthlyPerMbpsFen: '1234', maxBandwidthMbps: 100_000 },
  ],
  ['CN', 'ddn', { oneTimeFen: '0', monthlyBaseFen: '90000', monthlyPerMbpsFen: '0', maxBandwidthMbps: 2 }],
];

/**
 * A Shenzhen customer's quote for a circuit to Hangzhou: Shenzhen (home city and A-end),
 * Hangzhou (Z-end) and the national node (transit between Guangdong and Zhejiang) run as real
 * processes and answer from their own tariffs; Ningbo (330200) has no process, so its line waits
 * and the suite plays it (and impostors) through its inbox topics, or leaves it silent until the
 * quote times out.
 */
describe('circuit tariffs and quotes before order', () => {
  const fed = new FederationFixture();
  let national: NodeProcess;
  let shenzhen: NodeProcess;
  let hangzhou: NodeProcess;
  let me: Manager;
  let colleague: Manager;
  let customerId: string;
  const admin = (node: string) =>
    tokenFor({ roles: node === 'CN' ? 'hq_admin' : 'city_admin', node, subject: `admin@${node}` });

  beforeAll(async () => {
    national = await fed.addNode('CN', 'national');
    shenzhen = await fed.addNode('440300', 'city');
    hangzhou = await fed.addNode('330100', 'city');
    await Promise.all([national, shenzhen, hangzhou].map((n) => n.startAndWaitReady()));
    const team = await aSalesTeam(shenzhen);
    me = team.a;
    colleague = team.b;
    customerId = await aCustomerOf(shenzhen, me);
  }, BOOT_HOOK_TIMEOUT_MS);

  afterAll(() => fed.dispose(), 120_000);

  const nodeOf = (code: string) => ({ CN: national, '440300': shenzhen, '330100': hangzhou })[code]!;
  const putTariff = async (code: string, product: string, body: unknown, token?: string | null) =>
    nodeOf(code).request<Tariff & Problem>('PUT', `${TARIFFS}/${product}`, {
      token: token === undefined ? await admin(code) : token,
      body,
    });
  const ask = (body: Record<string, unknown>, token = me.token) =>
    shenzhen.request<Quote & Problem>('POST', QUOTES, {
      token,
      body: {
        customerId,
        product: 'mpls_vpn',
        bandwidthMbps: 100,
        aEndNodeCode: '440300',
        zEndNodeCode: '330100',
        ...body,
      },
    });
  const quote = (id: string, token = me.token) => shenzhen.get<Quote>(`${QUOTES}/${id}`, token);
  const settled = (id: string) =>
    waitFor(
      `quote ${id} settled`,
      () => quote(id),
      (q) => q.state !== 'requested',
      60_000,
    );
  const inboxOutcome = (node: string, id: string) =>
    waitFor(
      `message ${id} through ${node}'s inbox`,
      () =>
        fed.sql<{ outcome: string }>(node, 'SELECT outcome FROM messaging_inbox WHERE message_id = $1', [id]),
      (rows) => rows.length === 1,
    ).then((rows) => rows[0]!.outcome);
  /** The charges of a SET tariff for a bandwidth, as the nodes must compute them. */
  const charges = (code: string, product: string, mbps: number) => {
    const terms = SET.find(([n, p]) => n === code && p === product)![2];
    return {
      oneTimeFen: terms.oneTimeFen,
      monthlyFen: (BigInt(terms.monthlyBaseFen) + BigInt(terms.monthlyPerMbpsFen) * BigInt(mbps)).toString(),
    };
  };

  it('sets a tariff per product at every node, a new version only when the terms change, audited', async () => {
    for (const [code, product, terms] of SET) {
      const res = await putTariff(code, product, terms);
      expect([code, product, res.status]).toEqual([code, product, 200]);
      expect(res.body).toMatchObject({ nodeCode: code, product, version: '1', ...terms });
    }
    // The same terms again: nothing new. Changed terms: version 2; then back, version 3.
    const mpls = SET[0]![2];
    expect((await putTariff('440300', 'mpls_vpn', mpls)).body.version).toBe('1');
    expect((await putTariff('440300', 'mpls_vpn', { ...mpls, oneTimeFen: '1' })).body.version).toBe('2');
    expect((await putTariff('440300', 'mpls_vpn', mpls)).body).toMatchObject({
      version: '3',
      oneTimeFen: '500000',
    });
    const audited = await fed.sql<{
      resource_id: string;
      actor_subject: string;
      before: { version: string } | null;
    }>(
      '440300',
      `SELECT resource_id, actor_subject, before FROM audit_entry WHERE action = 'circuit-tariff.update' ORDER BY id`,
    );
    expect(audited.map((a) => [a.resource_id, a.before?.version ?? null])).toEqual([
      ['mpls_vpn', null],
      ['ddn', null],
      ['mpls_vpn', '1'],
      ['mpls_vpn', '2'],
    ]);
    expectEvery(audited, (a) => a.actor_subject === 'admin@440300', 'tariff updates audited as the admin');

    // Engineers and account managers read the tariffs in force; the list pages.
    const engineer = await tokenFor({ roles: 'provisioning_engineer', node: '440300' });
    const list = await shenzhen.request<Tariff[]>('GET', `${TARIFFS}?limit=1`, { token: engineer });
    expect(list.status).toBe(200);
    expect(list.headers.get('x-total-count')).toBe('2');
    expect(list.body.map((t) => [t.product, t.version])).toEqual([['ddn', '1']]);
    const all = await shenzhen.request<Tariff[]>('GET', TARIFFS, { token: me.token });
    expect(all.body.map((t) => [t.product, t.version])).toEqual([
      ['ddn', '1'],
      ['mpls_vpn', '3'],
    ]);
    expect(
      (
        await national.get<Tariff>(
          `${TARIFFS}/ddn`,
          await tokenFor({ roles: 'provisioning_engineer', node: 'CN' }),
        )
      ).maxBandwidthMbps,
    ).toBe(2);
    expect((await hangzhou.request('GET', `${TARIFFS}/ddn`, { token: await admin('330100') })).status).toBe(
      404,
    );
  });

  it('lets only administrators of the node or above set its tariff', async () => {
    const body = SET[0]![2];
    expect(
      (
        await putTariff(
          '440300',
          'ethernet_private_line',
          body,
          await tokenFor({ roles: 'provisioning_engineer', node: '440300' }),
        )
      ).status,
    ).toBe(403);
    expect((await putTariff('440300', 'ethernet_private_line', body, me.token)).status).toBe(403);
    // A city's administrator reaches the national node, but its tariff is not theirs to set.
    expect((await putTariff('CN', 'ethernet_private_line', body, await admin('440300'))).status).toBe(403);
    expect((await putTariff('440300', 'ethernet_private_line', body, null)).status).toBe(401);
    for (const code of ['CN', '440300'])
      expect(
        await fed.count(
          code,
          `SELECT count(*)::int AS n FROM circuit_tariff WHERE product = 'ethernet_private_line'`,
        ),
      ).toBe(0);
  });

  it('refuses malformed tariffs naming the field, writing nothing', async () => {
    const ok = {
      oneTimeFen: '500000',
      monthlyBaseFen: '200000',
      monthlyPerMbpsFen: '3000',
      maxBandwidthMbps: 1000,
    };
    const cases: [string, unknown, string][] = [
      ['dark_fibre', ok, 'product'],
      ['ethernet_private_line', { ...ok, oneTimeFen: 500000 }, 'oneTimeFen'],
      ['ethernet_private_line', { ...ok, oneTimeFen: '-1' }, 'oneTimeFen'],
      ['ethernet_private_line', { ...ok, monthlyBaseFen: '2000.5' }, 'monthlyBaseFen'],
      ['ethernet_private_line', { ...ok, monthlyBaseFen: '0200000' }, 'monthlyBaseFen'],
      ['ethernet_private_line', { ...ok, monthlyPerMbpsFen: '10000000000001' }, 'monthlyPerMbpsFen'],
      // 10^13 fen per Mbps over 1,000 Mbps would be 10^16 fen a month.
      ['ethernet_private_line', { ...ok, monthlyPerMbpsFen: '10000000000000' }, 'monthlyPerMbpsFen'],
      ['ethernet_private_line', { ...ok, maxBandwidthMbps: 0 }, 'maxBandwidthMbps'],
      ['ethernet_private_line', { ...ok, maxBandwidthMbps: 100_001 }, 'maxBandwidthMbps'],
      ['ethernet_private_line', { ...ok, maxBandwidthMbps: 10.5 }, 'maxBandwidthMbps'],
      ['ethernet_private_line', { ...ok, maxBandwidthMbps: '1000' }, 'maxBandwidthMbps'],
      [
        'ethernet_private_line',
        { oneTimeFen: '1', monthlyBaseFen: '1', maxBandwidthMbps: 1 },
        'monthlyPerMbpsFen',
      ],
      ['ethernet_private_line', { ...ok, version: '2' }, 'version'],
    ];
    const audits = () => fed.count('440300', 'SELECT count(*)::int AS n FROM audit_entry');
    const before = await audits();
    for (const [product, body, field] of cases) {
      const res = await putTariff('440300', product, body);
      expect({ product, body, status: res.status }).toEqual({ product, body, status: 400 });
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect({ body, fields: fieldsOf(res.body) }).toEqual({ body, fields: [field] });
    }
    expect(
      await fed.count(
        '440300',
        `SELECT count(*)::int AS n FROM circuit_tariff WHERE product = 'ethernet_private_line'`,
      ),
    ).toBe(0);
    expect(await audits()).toBe(before);
  });

  it('quotes a cross-province circuit with the sum of the three nodes’ charges', async () => {
    const asked = await ask({});
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({
      customerId,
      state: 'requested',
      oneTimeTotalFen: null,
      validUntil: null,
    });
    expect(asked.body.lines.map((l) => [l.role, l.nodeCode, l.feasible])).toEqual([
      ['a_end', '440300', null],
      ['z_end', '330100', null],
      ['transit', 'CN', null],
    ]);
    const q = await settled(asked.body.id);
    const expected = [
      ['a_end', '440300'],
      ['z_end', '330100'],
      ['transit', 'CN'],
    ].map(([role, code]) => ({
      role,
      nodeCode: code,
      feasible: true,
      reason: null,
      ...charges(code!, 'mpls_vpn', 100),
    }));
    expect(q.lines).toMatchObject(expected);
    expect(q.lines.map((l) => l.tariffVersion)).toEqual(['3', '1', '1']);
    // 500000 + 450001 + 0 one-time; (200000 + 300000) + (180000 + 299900) + (1000000 + 123400) monthly.
    expect(q).toMatchObject({
      state: 'quoted',
      oneTimeTotalFen: '950001',
      monthlyTotalFen: '2103300',
      expired: false,
    });
    const days = (Date.parse(q.validUntil!) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);

    // The account manager's lists; a colleague does not see another's customer's quotes.
    const mine = await shenzhen.request<Quote[]>('GET', `${QUOTES}?customerId=${customerId}&state=quoted`, {
      token: me.token,
    });
    expect(mine.headers.get('x-total-count')).toBe('1');
    expect(mine.body[0]!.id).toBe(q.id);
    expect((await shenzhen.request('GET', `${QUOTES}/${q.id}`, { token: colleague.token })).status).toBe(404);
    const theirs = await shenzhen.request<Quote[]>('GET', QUOTES, { token: colleague.token });
    expect(theirs.headers.get('x-total-count')).toBe('0');
    expect(
      await fed.count(
        '440300',
        `SELECT count(*)::int AS n FROM audit_entry WHERE action = 'circuit-quote.create' AND resource_id = $1`,
        [q.id],
      ),
    ).toBe(1);
    expect(
      await metricValue(shenzhen, 'kaf_circuit_quotes_settled_total', { state: 'quoted' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      await metricValue(national, 'kaf_circuit_quote_replies_total', { feasible: 'true' }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('is infeasible when the Z-end has no tariff for the product, or the bandwidth is above its maximum', async () => {
    const noTariff = await settled((await ask({ product: 'ddn', bandwidthMbps: 2 })).body.id);
    expect(noTariff).toMatchObject({
      state: 'infeasible',
      stateReason: 'z_end 330100: no circuit tariff for ddn at node 330100',
      oneTimeTotalFen: null,
      monthlyTotalFen: null,
      validUntil: null,
    });
    expect(noTariff.lines.map((l) => l.feasible)).toEqual([true, false, true]);

    const tooWide = await settled((await ask({ bandwidthMbps: 2000 })).body.id);
    expect(tooWide.state).toBe('infeasible');
    expect(tooWide.stateReason).toBe(
      "z_end 330100: bandwidth 2000 Mbps is above node 330100's maximum of 1000 Mbps for mpls_vpn",
    );
    // Wider still: two nodes refuse, and the quote names both.
    const wider = await settled((await ask({ product: 'ddn', bandwidthMbps: 3 })).body.id);
    expect(wider.stateReason).toBe(
      "a_end 440300: bandwidth 3 Mbps is above node 440300's maximum of 2 Mbps for ddn; z_end 330100: no circuit tariff for ddn at node 330100; transit CN: bandwidth 3 Mbps is above node CN's maximum of 2 Mbps for ddn",
    );
    const accept = await shenzhen.request<Problem>('POST', `${QUOTES}/${tooWide.id}/accept`, {
      token: me.token,
    });
    expect(accept.status).toBe(409);
    expect(accept.body.detail).toMatch(/^state: .* is infeasible/);
  });

  it('accepts a quoted quote once, never an expired one', async () => {
    const q = await settled((await ask({ bandwidthMbps: 10 })).body.id);
    const accepted = await shenzhen.request<Quote>('POST', `${QUOTES}/${q.id}/accept`, { token: me.token });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ state: 'accepted', monthlyTotalFen: q.monthlyTotalFen });
    const again = await shenzhen.request<Problem>('POST', `${QUOTES}/${q.id}/accept`, { token: me.token });
    expect([again.status, again.body.detail]).toEqual([409, expect.stringMatching(/^state: .* is accepted/)]);
    expect(
      (await shenzhen.request('POST', `${QUOTES}/${q.id}/accept`, { token: colleague.token })).status,
    ).toBe(404);
    const audit = await fed.sql<{ before: { state: string }; after: { state: string } }>(
      '440300',
      `SELECT before, after FROM audit_entry WHERE action = 'circuit-quote.accept' AND resource_id = $1`,
      [q.id],
    );
    expect(audit.map((a) => [a.before.state, a.after.state])).toEqual([['quoted', 'accepted']]);

    const stale = await settled((await ask({ bandwidthMbps: 20 })).body.id);
    await fed.sql(
      '440300',
      `UPDATE circuit_quote SET valid_until = now() - interval '1 second' WHERE id = $1`,
      [stale.id],
    );
    expect((await quote(stale.id)).expired).toBe(true);
    const late = await shenzhen.request<Problem>('POST', `${QUOTES}/${stale.id}/accept`, { token: me.token });
    expect([late.status, late.body.detail]).toEqual([
      409,
      expect.stringMatching(/^validUntil: .* expired at /),
    ]);
    expect((await quote(stale.id)).state).toBe('quoted');
  });

  it('refuses malformed quote requests naming the field, writing nothing', async () => {
    const count = () => fed.count('440300', 'SELECT count(*)::int AS n FROM circuit_quote');
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [{ customerId: 'nope' }, 'customerId'],
      [{ product: 'dark_fibre' }, 'product'],
      [{ bandwidthMbps: 0 }, 'bandwidthMbps'],
      [{ bandwidthMbps: 100_001 }, 'bandwidthMbps'],
      [{ bandwidthMbps: '100' }, 'bandwidthMbps'],
      [{ aEndNodeCode: '440000' }, 'aEndNodeCode'],
      [{ zEndNodeCode: '999900' }, 'zEndNodeCode'],
      [{ zEndNodeCode: 'CN' }, 'zEndNodeCode'],
      [{ notes: 'x' }, 'notes'],
    ];
    for (const [body, field] of cases) {
      const res = await ask(body);
      expect({ body, status: res.status, fields: fieldsOf(res.body) }).toEqual({
        body,
        status: 400,
        fields: [field],
      });
    }
    const unknown = await ask({ customerId: randomUUID() });
    expect([unknown.status, unknown.body.detail]).toEqual([404, expect.stringMatching(/^customerId: /)]);
    // A colleague's customer is out of an account manager's reach.
    expect((await ask({}, colleague.token)).status).toBe(404);
    expect(await count()).toBe(before);
  });

  it('takes a line’s answer only from its node, and keeps the first answer', async () => {
    // Ningbo has no process: its line waits for the answer the suite gives in its place.
    const asked = await ask({ zEndNodeCode: '330200' });
    const id = asked.body.id;
    await waitFor(
      'a_end and transit answered',
      () => quote(id),
      (q) => q.lines.filter((l) => l.feasible !== null).length === 2,
    );
    const requests = await waitFor(
      'the request in Ningbo’s inbox',
      () => inboxPayloads(fed.namespace, '330200', CircuitQuoteRequestSchema),
      (rs) => rs.some((r) => r.payload.quoteId === id),
    );
    expect(requests.find((r) => r.payload.quoteId === id)).toMatchObject({
      source: '440300',
      payload: {
        role: 'z_end',
        homeNode: '440300',
        product: 'mpls_vpn',
        bandwidthMbps: 100,
        aEndNode: '440300',
        zEndNode: '330200',
      },
    });

    const reply = (nodeCode: string, monthlyFen: bigint) =>
      create(CircuitQuoteReplySchema, {
        quoteId: id,
        role: 'z_end',
        nodeCode,
        feasible: true,
        oneTimeFen: 1n,
        monthlyFen,
        tariffVersion: 7n,
      });
    const impostors = [
      await sendAs(fed.namespace, '330100', '440300', CircuitQuoteReplySchema, reply('330100', 5n), id),
      await sendAs(fed.namespace, '440100', '440300', CircuitQuoteReplySchema, reply('330200', 5n), id),
      await sendAs(
        fed.namespace,
        '330200',
        '440300',
        CircuitQuoteReplySchema,
        { ...reply('330200', 5n), role: 'middle' },
        id,
      ),
    ];
    for (const m of impostors) expect(await inboxOutcome('440300', m)).toBe('dead_lettered');
    expect((await quote(id)).state).toBe('requested');

    const first = await sendAs(
      fed.namespace,
      '330200',
      '440300',
      CircuitQuoteReplySchema,
      reply('330200', 400_000n),
      id,
    );
    expect(await inboxOutcome('440300', first)).toBe('handled');
    const second = await sendAs(
      fed.namespace,
      '330200',
      '440300',
      CircuitQuoteReplySchema,
      reply('330200', 1n),
      id,
    );
    expect(await inboxOutcome('440300', second)).toBe('handled');
    const q = await quote(id);
    expect(q.lines.find((l) => l.role === 'z_end')).toMatchObject({
      nodeCode: '330200',
      feasible: true,
      oneTimeFen: '1',
      monthlyFen: '400000',
      tariffVersion: '7',
    });
    const a = charges('440300', 'mpls_vpn', 100);
    const t = charges('CN', 'mpls_vpn', 100);
    expect(q).toMatchObject({
      state: 'quoted',
      oneTimeTotalFen: (BigInt(a.oneTimeFen) + 1n + BigInt(t.oneTimeFen)).toString(),
      monthlyTotalFen: (BigInt(a.monthlyFen) + 400_000n + BigInt(t.monthlyFen)).toString(),
    });
  });

  it('answers only the home city asking, and refuses a segment that is not its node’s', async () => {
    // Guangzhou (no process) plays the home city; the answers arrive in its inbox topic.
    const question = (over: Record<string, unknown>) =>
      create(CircuitQuoteRequestSchema, {
        quoteId: randomUUID(),
        role: 'z_end',
        homeNode: '440100',
        product: 'mpls_vpn',
        bandwidthMbps: 50,
        aEndNode: '440100',
        zEndNode: '330100',
        ...over,
      });
    const own = question({});
    const notOwn = question({ role: 'a_end' });
    const transit = question({ role: 'transit' });
    for (const q of [own, notOwn, transit])
      await sendAs(fed.namespace, '440100', '330100', CircuitQuoteRequestSchema, q, q.quoteId);
    const replies = await waitFor(
      'three answers in Guangzhou’s inbox',
      () => inboxPayloads(fed.namespace, '440100', CircuitQuoteReplySchema),
      (rs) => rs.length >= 3,
    );
    const answer = (quoteId: string) => replies.find((r) => r.payload.quoteId === quoteId)!;
    expect(answer(own.quoteId)).toMatchObject({
      source: '330100',
      payload: {
        role: 'z_end',
        nodeCode: '330100',
        feasible: true,
        oneTimeFen: 450001n,
        monthlyFen: 180000n + 2999n * 50n,
        tariffVersion: 1n,
      },
    });
    expect(answer(notOwn.quoteId).payload).toMatchObject({
      feasible: false,
      reason: 'node 330100 does not carry the a_end segment of a circuit 440100 → 330100; 440100 does',
      monthlyFen: 0n,
    });
    expect(answer(transit.quoteId).payload.reason).toBe(
      'node 330100 does not carry the transit segment of a circuit 440100 → 330100; CN does',
    );

    // Someone else's quote, or a province asking: dead-lettered, never answered.
    const forged = await sendAs(
      fed.namespace,
      '440100',
      '330100',
      CircuitQuoteRequestSchema,
      question({ homeNode: '440300' }),
    );
    const province = await sendAs(
      fed.namespace,
      '440000',
      'CN',
      CircuitQuoteRequestSchema,
      question({ role: 'transit', homeNode: '440000' }),
    );
    expect(await inboxOutcome('330100', forged)).toBe('dead_lettered');
    expect(await inboxOutcome('CN', province)).toBe('dead_lettered');
  });

  describe('a bandwidth change of a circuit in service', () => {
    const circuitId = randomUUID();
    const ceasedId = randomUUID();
    /** The change charges the nodes add to their tariffs (the other terms as SET). */
    const CHANGE: [string, string][] = [
      ['440300', '60000'],
      ['330100', '45000'],
      ['CN', '0'],
    ];

    beforeAll(async () => {
      // Circuits the customer has in service (and one ceased), as completed orders leave them.
      for (const [id, state, ceasedOn] of [
        [circuitId, 'inService', null],
        [ceasedId, 'ceased', '2026-01-31'],
      ] as const) {
        await fed.sql(
          '440300',
          `INSERT INTO customer_circuit
             (circuit_id, order_id, customer_id, product, bandwidth_mbps, a_end_node, z_end_node, transit_node,
              circuit_ids, monthly_charge_fen, one_time_charge_fen, completion_date, completed_at, state, ceased_on)
           VALUES ($1, $1, $2, 'mpls_vpn', 100, '440300', '330100', 'CN', ARRAY['a_end=440300-CIR-1'],
                   '2103300', '950001', '2026-01-05', '2026-01-05T02:00:00Z', $3, $4)`,
          [id, customerId, state, ceasedOn],
        );
      }
      for (const [code, changeOneTimeFen] of CHANGE) {
        const terms = SET.find(([n, p]) => n === code && p === 'mpls_vpn')![2];
        const res = await putTariff(code, 'mpls_vpn', { ...terms, changeOneTimeFen });
        expect([code, res.status, res.body.changeOneTimeFen]).toEqual([code, 200, changeOneTimeFen]);
      }
    });

    const modify = (body: Record<string, unknown>, token = me.token) =>
      shenzhen.request<Quote & Problem>('POST', QUOTES, {
        token,
        body: { customerId, action: 'modify', circuitId, bandwidthMbps: 400, ...body },
      });

    it('prices the new bandwidth a month and each node’s change charge once, from the circuit’s own product and ends', async () => {
      const asked = await modify({});
      expect(asked.status).toBe(201);
      expect(asked.body).toMatchObject({
        action: 'modify',
        circuitId,
        product: 'mpls_vpn',
        bandwidthMbps: 400,
        aEndNodeCode: '440300',
        zEndNodeCode: '330100',
      });
      const q = await settled(asked.body.id);
      const monthly = (code: string) => charges(code, 'mpls_vpn', 400).monthlyFen;
      expect(q.lines.map((l) => [l.role, l.nodeCode, l.feasible, l.oneTimeFen, l.monthlyFen])).toEqual([
        ['a_end', '440300', true, '60000', monthly('440300')],
        ['z_end', '330100', true, '45000', monthly('330100')],
        ['transit', 'CN', true, '0', monthly('CN')],
      ]);
      // (200000 + 1200000) + (180000 + 1199600) + (1000000 + 493600) monthly; 60000 + 45000 once.
      expect(q).toMatchObject({ state: 'quoted', oneTimeTotalFen: '105000', monthlyTotalFen: '4273200' });
      // The other nodes' tariffs changed by a change charge only: a new quote for a new circuit is as before.
      expect((await settled((await ask({})).body.id)).oneTimeTotalFen).toBe('950001');
    });

    it('is infeasible when the new bandwidth is beyond a carrying node’s maximum, naming it', async () => {
      const q = await settled((await modify({ bandwidthMbps: 2000 })).body.id);
      expect(q).toMatchObject({
        state: 'infeasible',
        action: 'modify',
        stateReason:
          "z_end 330100: bandwidth 2000 Mbps is above node 330100's maximum of 1000 Mbps for mpls_vpn",
      });
    });

    it('refuses a change of a circuit that is not the customer’s, not in service, or not a change, naming why', async () => {
      const count = () => fed.count('440300', 'SELECT count(*)::int AS n FROM circuit_quote');
      const before = await count();
      const cases: [Record<string, unknown>, number, string][] = [
        [{ circuitId: undefined }, 400, 'circuitId'],
        [{ circuitId: 'nope' }, 400, 'circuitId'],
        [{ product: 'ddn' }, 400, 'product'],
        [{ zEndNodeCode: '330200' }, 400, 'zEndNodeCode'],
        [
          { action: 'add', product: 'mpls_vpn', aEndNodeCode: '440300', zEndNodeCode: '330100' },
          400,
          'circuitId',
        ],
        [{ action: 'delete' }, 400, 'action'],
        [{ bandwidthMbps: 100 }, 400, 'bandwidthMbps'],
      ];
      for (const [body, status, field] of cases) {
        const res = await modify(body);
        expect({ body, status: res.status, fields: fieldsOf(res.body) }).toEqual({
          body,
          status,
          fields: [field],
        });
      }
      const unknown = await modify({ circuitId: randomUUID() });
      expect([unknown.status, unknown.body.detail]).toEqual([404, expect.stringMatching(/^circuitId: /)]);
      // A colleague does not reach the customer, hence not its circuit.
      expect((await modify({}, colleague.token)).status).toBe(404);
      const ceased = await modify({ circuitId: ceasedId });
      expect([ceased.status, ceased.body.detail]).toEqual([
        409,
        expect.stringMatching(/^circuitId: circuit .* is ceased .*not in service/),
      ]);
      expect(await count()).toBe(before);
    });
  });

  describe('quotes a silent node does not answer in time', () => {
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 2 });
    const hq = () => tokenFor({ roles: 'hq_admin', node: 'CN', subject: 'hq@CN' });
    const timeOuts = (id: string) =>
      fed.sql<{ actor_subject: string; before: { state: string }; after: { state: string } }>(
        '440300',
        `SELECT actor_subject, before, after FROM audit_entry WHERE action = 'circuit-quote.time-out' AND resource_id = $1`,
        [id],
      );
    const timedOut = (id: string) =>
      waitFor(
        `quote ${id} timed out`,
        () => quote(id),
        (q) => q.state !== 'requested',
        (REPLY_SECONDS + 30) * 1000,
      );

    beforeAll(async () => {
      // HQ sets a short answer time; the suite plays Guangdong (no process) relaying the policy to
      // Shenzhen, which times its quotes by it once it holds it.
      const current = await national.get<
        PolicyBody & { version: string; updatedAt: unknown; source: string }
      >(POLICY, await hq());
      const { version: _v, updatedAt: _u, source: _s, ...body } = current;
      const put = await national.request<PolicyBody & { version: string }>('PUT', POLICY, {
        token: await hq(),
        body: { ...body, quoteReplySeconds: REPLY_SECONDS },
      });
      expect([put.status, put.body.quoteReplySeconds]).toEqual([200, REPLY_SECONDS]);
      await publishAs(
        fed.namespace,
        '440000',
        '440300',
        { name: 'one-stop-policy', issuer: 'CN', schema: OneStopPolicyPublishedSchema },
        [
          {
            version: BigInt(put.body.version),
            body: create(OneStopPolicyPublishedSchema, {
              version: BigInt(put.body.version),
              slas: put.body.slas,
              transitShareBp: put.body.transitShareBp,
              overrides: [],
              quoteReplySeconds: put.body.quoteReplySeconds,
            }),
          },
        ],
      );
      await waitFor(
        'the policy at Shenzhen',
        () => shenzhen.get<{ quoteReplySeconds: number }>(POLICY, me.token),
        (p) => p.quoteReplySeconds === REPLY_SECONDS,
      );
    });

    afterAll(() => redis.disconnect());

    it('makes the quote infeasible naming the silent node, once, ignores its late answer and refuses an order naming it', async () => {
      const asked = await ask({ zEndNodeCode: '330200' });
      expect(asked.status).toBe(201);
      expect(Date.parse(asked.body.answerBy) - Date.parse(asked.body.createdAt)).toBeGreaterThanOrEqual(
        REPLY_SECONDS * 1000 - 1000,
      );
      expect(Date.parse(asked.body.answerBy) - Date.parse(asked.body.createdAt)).toBeLessThanOrEqual(
        REPLY_SECONDS * 1000 + 1000,
      );
      const q = await timedOut(asked.body.id);
      expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(asked.body.answerBy));
      expect(q).toMatchObject({
        state: 'infeasible',
        stateReason: `z_end 330200: no answer within ${REPLY_SECONDS} s`,
        oneTimeTotalFen: null,
        validUntil: null,
      });
      expect(q.lines.map((l) => [l.role, l.feasible])).toEqual([
        ['a_end', true],
        ['z_end', null],
        ['transit', true],
      ]);
      const audited = await timeOuts(q.id);
      expect(audited.map((a) => [a.actor_subject, a.before.state, a.after.state])).toEqual([
        ['node:440300', 'requested', 'infeasible'],
      ]);

      // Ningbo answers after all: the answer is taken in and counts for nothing.
      const lateBefore = await metricValue(shenzhen, 'kaf_circuit_quote_replies_received_total', {
        outcome: 'late',
      });
      const late = await sendAs(
        fed.namespace,
        '330200',
        '440300',
        CircuitQuoteReplySchema,
        create(CircuitQuoteReplySchema, {
          quoteId: q.id,
          role: 'z_end',
          nodeCode: '330200',
          feasible: true,
          oneTimeFen: 1n,
          monthlyFen: 1n,
          tariffVersion: 1n,
        }),
        q.id,
      );
      expect(await inboxOutcome('440300', late)).toBe('handled');
      expect(
        await metricValue(shenzhen, 'kaf_circuit_quote_replies_received_total', { outcome: 'late' }),
      ).toBe(lateBefore + 1);
      expect(await quote(q.id)).toEqual(q);

      // Neither accepted nor ordered.
      const accept = await shenzhen.request<Problem>('POST', `${QUOTES}/${q.id}/accept`, { token: me.token });
      expect([accept.status, accept.body.detail]).toEqual([
        409,
        expect.stringMatching(/^state: .* is infeasible/),
      ]);
      const {
        oneTimeChargeFen: _o,
        monthlyChargeFen: _m,
        ...order
      } = anOrder(customerId, {
        product: 'mpls_vpn',
        quoteId: q.id,
      });
      const ordered = await shenzhen.request<Problem>('POST', '/api/v1/circuit-orders', {
        token: me.token,
        body: {
          ...order,
          aEnd: { ...(order.aEnd as object), nodeCode: '440300' },
          zEnd: { ...(order.zEnd as object), nodeCode: '330200' },
        },
      });
      expect([ordered.status, ordered.body.detail]).toEqual([
        409,
        expect.stringMatching(/^quoteId: circuit quote .* is infeasible/),
      ]);
      expect(await timeOuts(q.id)).toHaveLength(1);
    });

    it('times a quote out from the database after a restart that lost its timer with Redis, once', async () => {
      const asked = await ask({ zEndNodeCode: '330200', bandwidthMbps: 50 });
      expect(asked.status).toBe(201);
      await waitFor(
        'a_end and transit answered',
        () => quote(asked.body.id),
        (q) => q.lines.filter((l) => l.feasible !== null).length === 2,
      );
      await shenzhen.stop();
      // Every quote timer of Shenzhen is gone, as with a Redis that lost its keys.
      const prefix = `kaf:${fed.namespace}:440300:one-stop-quote-timeouts:`;
      let cursor = '0';
      let deleted = 0;
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length) deleted += await redis.del(...keys);
      } while (cursor !== '0');
      expect(deleted).toBeGreaterThan(0);
      const wait = Date.parse(asked.body.answerBy) - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      await shenzhen.startAndWaitReady();
      const q = await timedOut(asked.body.id);
      expect(q).toMatchObject({
        state: 'infeasible',
        stateReason: `z_end 330200: no answer within ${REPLY_SECONDS} s`,
      });
      expect(await timeOuts(q.id)).toHaveLength(1);
      expect(await metricValue(shenzhen, 'kaf_circuit_quotes_timed_out_total')).toBeGreaterThanOrEqual(1);
    });
  });
});
