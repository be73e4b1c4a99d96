import { Partitioners, type Producer } from 'kafkajs';
import { aCustomerOf, aSalesTeam } from '../agreements/sales-builders';
import { tokenFor } from '../support/auth';
import { expectEvery } from '../support/expectations';
import { type FederationFixture, kafkaClient } from '../support/federation-fixture';
import { BOOT_BUDGET_MS, type NodeProcess } from '../support/node-process';
import { billingMonth } from '../support/usage-events';
import { waitFor } from '../support/wait';

const PROVINCE = '440000';
const GUANGZHOU = '440100';
const SHENZHEN = '440300';
const SOURCE = 'gd-boss';
const TYPE = 'cn.kaf.billing.usage.v1';
const OPENED_ON = '2024-01-01';

interface RestUsage {
  eventId: string;
  billingAccount?: string;
  customerId?: string;
  product: string;
  billingMonth: string;
  occurredAt: string;
  amountFen: string;
  supersedes?: string;
}

interface RouteResult {
  routed: number;
  rejected: number;
  results: {
    index: number;
    eventId: string | null;
    status: 'routed' | 'rejected';
    cityCode?: string;
    reason?: string;
  }[];
}

interface ParkedView {
  id: string;
  eventId: string | null;
  billingAccount: string | null;
  reason: string;
  replayedAt: string | null;
  replayStatus: string | null;
}

let sequence = 0;
const nextId = (): string => `PD-${Date.now().toString(36)}-${(sequence++).toString(36)}`;

function aUsage(billingAccount: string, amountFen: number, extra: Partial<RestUsage> = {}): RestUsage {
  const month = extra.billingMonth ?? billingMonth();
  return {
    eventId: nextId(),
    billingAccount,
    product: 'sd_wan',
    billingMonth: month,
    occurredAt: `${month}-02T09:00:00+08:00`,
    amountFen: String(amountFen),
    ...extra,
  };
}

/** The REST event as the CloudEvent a billing system puts on the province's topic. */
function asCloudEvent(event: RestUsage): object {
  const { eventId, ...data } = event;
  return {
    specversion: '1.0',
    id: eventId,
    source: SOURCE,
    type: TYPE,
    datacontenttype: 'application/json',
    data,
  };
}

/**
 * The province-wide billing door (440000 over 440100 and 440300): one feed for the whole province,
 * keyed by the billing system's account numbers, routed to the city that holds each account
 * through the outbox; what cannot be routed is parked at the province and routed when the account
 * appears; a city killed mid-feed loses nothing and books nothing twice. Runs on the federation of
 * test/billing/province-billing.e2e-spec.ts, its nodes started.
 */
export const provinceDoorCases = (fed: FederationFixture): void =>
  describe('the province-wide billing door', () => {
    let province: NodeProcess;
    const cities = new Map<string, NodeProcess>();
    const customerOf = new Map<string, string>();
    let provinceToken: string;
    let producer: Producer;

    /** Opens `accountNumber` for the city's customer and waits until the province routes it there. */
    async function openAccount(city: string, accountNumber: string): Promise<void> {
      const node = cities.get(city)!;
      const res = await node.request('POST', `/api/v1/customers/${customerOf.get(city)}/billing-accounts`, {
        token: await tokenFor({ roles: 'city_admin', node: city }),
        body: { source: SOURCE, accountNumber, openedOn: OPENED_ON },
      });
      expect(res.status).toBe(201);
    }

    async function routesTo(accountNumber: string): Promise<string | undefined> {
      const rows = await province.get<{ cityCode: string }[]>(
        `/api/v1/billing-accounts?source=${SOURCE}&accountNumber=${encodeURIComponent(accountNumber)}`,
        await tokenFor({ roles: 'province_admin', node: PROVINCE }),
      );
      return rows[0]?.cityCode;
    }

    async function postToProvince(events: RestUsage[]): Promise<RouteResult> {
      const res = await province.request<RouteResult>('POST', '/api/v1/usage-batches', {
        token: provinceToken,
        body: { events },
      });
      expect(res.status).toBe(200);
      return res.body;
    }

    /** The city's ledger for this source: event ids in force and their sum, per customer. */
    async function ledgerOf(city: string): Promise<{ events: number; fen: bigint; ids: Set<string> }> {
      const rows = await cities
        .get(city)!
        .sql<{ event_id: string; amount_fen: string }>(
          `SELECT event_id, amount_fen FROM billing_usage_event WHERE source = $1 AND superseded_by IS NULL`,
          [SOURCE],
        );
      return {
        events: rows.length,
        fen: rows.reduce((sum, r) => sum + BigInt(r.amount_fen), 0n),
        ids: new Set(rows.map((r) => r.event_id)),
      };
    }

    beforeAll(async () => {
      province = fed.node(PROVINCE);
      for (const code of [GUANGZHOU, SHENZHEN]) cities.set(code, fed.node(code));
      for (const [code, node] of cities) {
        const { a } = await aSalesTeam(node);
        customerOf.set(code, await aCustomerOf(node, a));
      }
      provinceToken = await tokenFor({ roles: 'billing_system', node: PROVINCE, subject: SOURCE });
      await openAccount(GUANGZHOU, 'GZ-0001');
      await openAccount(SHENZHEN, 'SZ-0001');
      await waitFor(
        'both accounts routable at the province',
        async () => [await routesTo('GZ-0001'), await routesTo('SZ-0001')],
        (r) => r[0] === GUANGZHOU && r[1] === SHENZHEN,
      );
      producer = kafkaClient().producer({
        createPartitioner: Partitioners.DefaultPartitioner,
        allowAutoTopicCreation: false,
      });
      await producer.connect();
    }, 180_000);

    afterAll(async () => {
      await producer?.disconnect();
    }, 120_000);

    it('takes a billing system token only at the node it is bound to', async () => {
      const event = aUsage('SZ-0001', 100);
      const provinceTokenAtCity = await cities.get(SHENZHEN)!.request('POST', '/api/v1/usage-batches', {
        token: provinceToken,
        body: { events: [event] },
      });
      const cityTokenAtProvince = await province.request('POST', '/api/v1/usage-batches', {
        token: await tokenFor({ roles: 'billing_system', node: SHENZHEN, subject: SOURCE }),
        body: { events: [event] },
      });
      expect([provinceTokenAtCity.status, cityTokenAtProvince.status]).toEqual([403, 403]);
    });

    it('routes a REST batch to the cities that hold its accounts, once each, corrections included', async () => {
      const before = { gz: await ledgerOf(GUANGZHOU), sz: await ledgerOf(SHENZHEN) };
      const gz1 = aUsage('GZ-0001', 10_000);
      const sz1 = aUsage('SZ-0001', 20_000);
      const sz2 = aUsage('SZ-0001', 30_000);
      const correction = aUsage('SZ-0001', 25_000, { supersedes: sz2.eventId });
      const unknown = aUsage('ZZ-9999', 1);
      const { billingAccount: _account, ...byCustomer } = aUsage('SZ-0001', 1);
      const result = await postToProvince([
        gz1,
        sz1,
        sz2,
        correction,
        unknown,
        { ...byCustomer, customerId: customerOf.get(SHENZHEN)! },
      ]);
      expect(result.results.map((r) => [r.status, r.cityCode ?? r.reason?.split(':')[0]])).toEqual([
        ['routed', GUANGZHOU],
        ['routed', SHENZHEN],
        ['routed', SHENZHEN],
        ['routed', SHENZHEN],
        ['rejected', 'billingAccount'],
        ['rejected', 'billingAccount'],
      ]);
      // The same batch again: routed again, and a duplicate at the city.
      const again = await postToProvince([gz1, sz1]);
      expect(again.routed).toBe(2);

      const gz = await waitFor(
        'Guangzhou booked',
        () => ledgerOf(GUANGZHOU),
        (l) => l.ids.has(gz1.eventId),
      );
      const sz = await waitFor(
        'Shenzhen booked',
        () => ledgerOf(SHENZHEN),
        (l) => l.ids.has(correction.eventId),
      );
      expect([gz.events - before.gz.events, gz.fen - before.gz.fen]).toEqual([1, 10_000n]);
      expect([sz.events - before.sz.events, sz.fen - before.sz.fen]).toEqual([2, 45_000n]);
      const audit = await province.sql<{ action: string; after: { routed: number; rejected: number } }>(
        `SELECT action, after FROM audit_entry WHERE action = 'usage-batch.route' ORDER BY occurred_at`,
      );
      expect(audit.slice(-2).map((a) => [a.after.routed, a.after.rejected])).toEqual([
        [4, 2],
        [2, 0],
      ]);
    });

    it('parks what it cannot route from its topic, and routes it when the account appears', async () => {
      const early = aUsage('SZ-0002', 7_000);
      const gz = aUsage('GZ-0001', 3_000);
      await producer.send({
        topic: `${fed.namespace}.${PROVINCE}.billing-usage`,
        acks: -1,
        messages: [{ key: 'SZ-0002', value: JSON.stringify([asCloudEvent(early), asCloudEvent(gz)]) }],
      });
      const opsToken = await tokenFor({ roles: 'province_admin', node: PROVINCE });
      const parked = await waitFor(
        'the unknown account parked at the province',
        () => province.get<ParkedView[]>(`/api/v1/usage-parked-events?eventId=${early.eventId}`, opsToken),
        (rows) => rows.length === 1,
      );
      expect(parked[0]).toMatchObject({
        billingAccount: 'SZ-0002',
        replayedAt: null,
        reason: expect.stringMatching(/^data\.billingAccount: /),
      });
      await waitFor(
        'the routable event booked in Guangzhou',
        () => ledgerOf(GUANGZHOU),
        (l) => l.ids.has(gz.eventId),
      );
      expect((await ledgerOf(SHENZHEN)).ids.has(early.eventId)).toBe(false);

      await openAccount(SHENZHEN, 'SZ-0002');
      await waitFor(
        'the parked event booked in Shenzhen',
        () => ledgerOf(SHENZHEN),
        (l) => l.ids.has(early.eventId),
      );
      const replayed = await province.get<ParkedView[]>(
        `/api/v1/usage-parked-events?eventId=${early.eventId}`,
        opsToken,
      );
      expect(replayed[0]).toMatchObject({ replayStatus: 'routed' });
    });

    it('parks at a city what the city cannot book from its own topic, and books it when the account opens', async () => {
      const city = cities.get(GUANGZHOU)!;
      const event = aUsage('GZ-0002', 4_400);
      await producer.send({
        topic: `${fed.namespace}.${GUANGZHOU}.billing-usage`,
        acks: -1,
        messages: [{ key: 'GZ-0002', value: JSON.stringify(asCloudEvent(event)) }],
      });
      const ops = await tokenFor({ roles: 'city_admin', node: GUANGZHOU });
      await waitFor(
        'parked at the city',
        () => city.get<ParkedView[]>(`/api/v1/usage-parked-events?eventId=${event.eventId}`, ops),
        (rows) => rows.length === 1,
      );
      await openAccount(GUANGZHOU, 'GZ-0002');
      // Booked in the transaction that opened the account: no wait.
      expect((await ledgerOf(GUANGZHOU)).ids.has(event.eventId)).toBe(true);
      const [row] = await city.get<ParkedView[]>(`/api/v1/usage-parked-events?eventId=${event.eventId}`, ops);
      expect(row).toMatchObject({ replayStatus: 'accepted' });
    });

    it(
      'loses nothing and books nothing twice when a city is killed mid-feed',
      async () => {
        const shenzhen = cities.get(SHENZHEN)!;
        const before = { gz: await ledgerOf(GUANGZHOU), sz: await ledgerOf(SHENZHEN) };
        const sent: RestUsage[] = [];
        const feed = async (batches: number): Promise<void> => {
          for (let b = 0; b < batches; b++) {
            const batch = Array.from({ length: 50 }, (_, i) =>
              aUsage(i % 2 === 0 ? 'GZ-0001' : 'SZ-0001', 100 + i),
            );
            sent.push(...batch);
            const result = await postToProvince(batch);
            expect(result.routed).toBe(50);
          }
        };
        await feed(4);
        await shenzhen.kill();
        await feed(4);
        await shenzhen.startAndWaitReady();
        await feed(2);
        const expected = (account: string) => sent.filter((e) => e.billingAccount === account);
        const sum = (events: RestUsage[]) => events.reduce((s, e) => s + BigInt(e.amountFen), 0n);
        const gz = await waitFor(
          'Guangzhou has every event',
          () => ledgerOf(GUANGZHOU),
          (l) => l.events - before.gz.events === expected('GZ-0001').length,
          120_000,
        );
        const sz = await waitFor(
          'Shenzhen has every event',
          () => ledgerOf(SHENZHEN),
          (l) => l.events - before.sz.events === expected('SZ-0001').length,
          120_000,
        );
        expect(gz.fen - before.gz.fen).toBe(sum(expected('GZ-0001')));
        expect(sz.fen - before.sz.fen).toBe(sum(expected('SZ-0001')));
        expectEvery(
          sent.filter((e) => e.billingAccount === 'SZ-0001'),
          (e) => sz.ids.has(e.eventId),
          'booked in Shenzhen',
        );
      },
      BOOT_BUDGET_MS + 180_000,
    );
  });
