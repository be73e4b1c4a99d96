import { randomUUID } from 'node:crypto';
import { Partitioners, type Producer } from 'kafkajs';
import { aCustomerOf, aSalesTeam, type Manager } from '../agreements/sales-builders';
import { tokenFor } from '../support/auth';
import { FederationFixture, kafkaClient } from '../support/federation-fixture';
import { metricValue } from '../support/metrics';
import { BOOT_BUDGET_MS, BOOT_HOOK_TIMEOUT_MS, type NodeProcess } from '../support/node-process';
import { billingMonth } from '../support/usage-events';
import { waitFor } from '../support/wait';

const CITY = '440300';
const SOURCE = 'boss-billing';
const TYPE = 'cn.kaf.billing.usage.v1';

interface UsageData {
  customerId: string;
  product: string;
  billingMonth: string;
  occurredAt: string;
  amountFen: string;
  quantity?: string;
  unit?: string;
  supersedes?: string;
}

interface CloudEvent {
  specversion: string;
  id: string;
  source: string;
  type: string;
  time?: string;
  datacontenttype?: string;
  data: UsageData;
}

interface ParkedView {
  id: string;
  topic: string;
  partition: number;
  offset: string;
  index: number;
  source: string | null;
  eventId: string | null;
  reason: string;
  payload: string;
  replayedAt: string | null;
  replayStatus: string | null;
}

const month = billingMonth;

let sequence = 0;
function anEvent(customerId: string, data: Partial<UsageData> = {}, source = SOURCE): CloudEvent {
  const billingMonth = data.billingMonth ?? month();
  return {
    specversion: '1.0',
    id: `KE-${Date.now().toString(36)}-${(sequence++).toString(36)}`,
    source,
    type: TYPE,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    data: {
      customerId,
      product: 'sd_wan',
      billingMonth,
      occurredAt: `${billingMonth}-01T08:00:00+08:00`,
      amountFen: '125000',
      quantity: '10',
      unit: 'Mbps',
      ...data,
    },
  };
}

/**
 * The Kafka door of a city's usage ledger (440300): CloudEvents on `<ns>.440300.billing-usage`,
 * keyed by customer id, booked as the REST door books them; what cannot be booked is parked,
 * never dropped, and the partition moves on; a SIGKILL mid-stream loses and doubles nothing.
 */
describe('usage events through the Kafka door', () => {
  const fed = new FederationFixture();
  let shenzhen: NodeProcess;
  let producer: Producer;
  let admin: string;
  let a: Manager;
  let customer1: string;
  let customer2: string;
  let topic: string;

  beforeAll(async () => {
    shenzhen = await fed.addNode(CITY, 'city', {
      BILLING_USAGE_PARTITIONS: '3',
      // Killed mid-stream below: its restart rejoins its consumer groups once the killed process's
      // session is over, after 10 s instead of 30 s.
      KAFKA_SESSION_TIMEOUT_MS: '10000',
    });
    await shenzhen.startAndWaitReady();
    topic = `${fed.namespace}.${CITY}.billing-usage`;
    admin = await tokenFor({ roles: 'city_admin', node: CITY });
    ({ a } = await aSalesTeam(shenzhen));
    customer1 = await aCustomerOf(shenzhen, a);
    customer2 = await aCustomerOf(shenzhen, a);
    producer = kafkaClient().producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
    });
    await producer.connect();
  }, BOOT_HOOK_TIMEOUT_MS);

  afterAll(async () => {
    await producer?.disconnect();
    await fed.dispose();
  }, 120_000);

  /** Publishes messages keyed by customer id: a value is one event, an array of them, or raw text. */
  async function publish(
    ...messages: { key: string; value: CloudEvent | CloudEvent[] | string }[]
  ): Promise<void> {
    await producer.send({
      topic,
      acks: -1,
      messages: messages.map((m) => ({
        key: m.key,
        value: typeof m.value === 'string' ? m.value : JSON.stringify(m.value),
      })),
    });
  }

  const ledgerRows = () => fed.count(CITY, 'SELECT count(*) AS n FROM billing_usage_event');
  const parkedRows = () => fed.count(CITY, 'SELECT count(*) AS n FROM billing_parked_event');
  const isBooked = (eventId: string) =>
    fed.count(CITY, 'SELECT count(*) AS n FROM billing_usage_event WHERE event_id = $1', [eventId]);
  /** Published last on a partition, booked only after everything before it there was handled. */
  const waitBooked = (event: CloudEvent) =>
    waitFor(
      `${event.id} booked`,
      () => isBooked(event.id),
      (n) => n === 1,
      60_000,
    );
  const cell = async (customerId: string, product: string, billingMonth = month()) => {
    const [row] = await fed.sql<{ revenue_fen: string; quantity: string; event_count: number }>(
      CITY,
      `SELECT revenue_fen::text, quantity::text, event_count FROM billing_monthly_usage
        WHERE customer_id = $1 AND product = $2 AND billing_month = $3`,
      [customerId, product, billingMonth],
    );
    return row;
  };
  const door = (outcome: string) => metricValue(shenzhen, 'kaf_billing_usage_door_events_total', { outcome });

  let batch: CloudEvent[];

  it('books single events and batch messages into the monthly cells, to the fen', async () => {
    const single = anEvent(customer1, { amountFen: '125000', quantity: '10' });
    batch = [
      anEvent(customer1, { product: 'iot', amountFen: '3000', quantity: '1200', unit: 'SIM' }),
      anEvent(customer2, { product: 'cloud', billingMonth: month(-1), amountFen: '-4500', quantity: '0.5' }),
      anEvent(customer1, { amountFen: '5', quantity: '1' }),
    ];
    await publish({ key: customer1, value: single }, { key: customer1, value: batch });
    await waitBooked(batch[2]!);
    expect(await ledgerRows()).toBe(4);
    expect(await cell(customer1, 'sd_wan')).toEqual({
      revenue_fen: '125005',
      quantity: '11',
      event_count: 2,
    });
    expect(await cell(customer1, 'iot')).toEqual({ revenue_fen: '3000', quantity: '1200', event_count: 1 });
    expect(await cell(customer2, 'cloud', month(-1))).toEqual({
      revenue_fen: '-4500',
      quantity: '0.5',
      event_count: 1,
    });
    const sources = await fed.sql<{ source: string }>(
      CITY,
      'SELECT DISTINCT source FROM billing_usage_event',
    );
    expect(sources).toEqual([{ source: SOURCE }]);
    expect(await door('booked')).toBe(4);
  });

  it('counts a re-published message and a re-used id once', async () => {
    const sameId = { ...anEvent(customer1, { amountFen: '999999' }), id: batch[0]!.id };
    const sentinel = anEvent(customer1, { product: 'idc', amountFen: '1' });
    await publish(
      { key: customer1, value: batch },
      { key: customer1, value: sameId },
      { key: customer1, value: sentinel },
    );
    await waitBooked(sentinel);
    expect(await ledgerRows()).toBe(5);
    expect(await cell(customer1, 'sd_wan')).toEqual({
      revenue_fen: '125005',
      quantity: '11',
      event_count: 2,
    });
    expect(await cell(customer1, 'iot')).toEqual({ revenue_fen: '3000', quantity: '1200', event_count: 1 });
    expect(await door('duplicate')).toBe(4);
    expect(await parkedRows()).toBe(0);
  });

  it('replaces a corrected event and books a late month', async () => {
    const original = anEvent(customer2, { product: 'mpls_vpn', amountFen: '100001', quantity: '4' });
    const correction = anEvent(customer2, {
      product: 'mpls_vpn',
      amountFen: '87654',
      quantity: '3',
      supersedes: original.id,
    });
    const late = anEvent(customer2, { product: 'idc', billingMonth: '2019-03', amountFen: '777' });
    await publish({ key: customer2, value: original }, { key: customer2, value: [correction, late] });
    await waitBooked(late);
    expect(await cell(customer2, 'mpls_vpn')).toEqual({
      revenue_fen: '87654',
      quantity: '3',
      event_count: 1,
    });
    expect(await cell(customer2, 'idc', '2019-03')).toEqual({
      revenue_fen: '777',
      quantity: '10',
      event_count: 1,
    });
    const [row] = await fed.sql<{ superseded_by: string }>(
      CITY,
      'SELECT superseded_by FROM billing_usage_event WHERE event_id = $1',
      [original.id],
    );
    expect(row!.superseded_by).toBe(correction.id);
  });

  let stranger: string;
  let strangerEvent: CloudEvent;
  let badAmount: CloudEvent;

  it('parks what cannot be booked, with reasons naming fields, and books what follows', async () => {
    stranger = randomUUID();
    strangerEvent = anEvent(stranger, { product: 'cloud', amountFen: '4321', quantity: '2' });
    badAmount = anEvent(customer1, { amountFen: '12.50' });
    const goodInBatch = anEvent(customer1, { product: 'voice_trunk', amountFen: '5005', quantity: '1' });
    const orphan = anEvent(customer1, { product: 'voice_trunk', supersedes: 'NO-SUCH-EVENT' });
    const sentinel = anEvent(customer1, { product: 'voice_trunk', amountFen: '7', quantity: '1' });
    const before = await ledgerRows();
    // All keyed by customer1, so all on one partition, in this order.
    await publish(
      { key: customer1, value: '{"specversion":"1.0","id":' },
      { key: customer1, value: { ...anEvent(customer1), specversion: '0.3' } },
      { key: customer1, value: { ...anEvent(customer1), type: 'cn.kaf.billing.usage.v0' } },
      { key: customer1, value: strangerEvent },
      { key: customer1, value: badAmount },
      { key: customer1, value: [goodInBatch, orphan] },
      { key: customer1, value: sentinel },
    );
    await waitBooked(sentinel);
    expect(await ledgerRows()).toBe(before + 2);
    expect(await cell(customer1, 'voice_trunk')).toEqual({
      revenue_fen: '5012',
      quantity: '2',
      event_count: 2,
    });

    const res = await shenzhen.request<ParkedView[]>('GET', '/api/v1/usage-parked-events?limit=50', {
      token: admin,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-total-count')).toBe('6');
    const parked = [...res.body].sort((x, y) => Number(x.offset) - Number(y.offset) || x.index - y.index);
    expect(new Set(parked.map((p) => p.partition)).size).toBe(1);
    expect(parked.map((p) => [p.index, p.reason.slice(0, p.reason.indexOf(':'))])).toEqual([
      [0, 'message'],
      [0, 'specversion'],
      [0, 'type'],
      [0, 'data.customerId'],
      [0, 'data.amountFen'],
      [1, 'data.supersedes'],
    ]);
    expect(parked[0]!.reason).toMatch(/^message: is not valid JSON/);
    expect(parked[0]!.payload).toBe('{"specversion":"1.0","id":');
    expect(parked[3]!.reason).toBe(`data.customerId: ${stranger} is not a customer of this city`);
    expect(parked[3]).toMatchObject({ source: SOURCE, eventId: strangerEvent.id, topic, replayedAt: null });
    expect(parked[4]!.reason).toMatch(/^data\.amountFen: must be a whole number of fen/);
    expect(parked[5]!.reason).toBe('data.supersedes: no earlier event NO-SUCH-EVENT from this source');
    expect(JSON.parse(parked[5]!.payload)).toEqual(orphan);
    expect(await isBooked(strangerEvent.id)).toBe(0);
    expect(await isBooked(badAmount.id)).toBe(0);
    expect(await door('parked')).toBe(6);

    const one = await shenzhen.request<ParkedView[]>(
      'GET',
      `/api/v1/usage-parked-events?eventId=${strangerEvent.id}&replayed=false`,
      { token: admin },
    );
    expect(one.body.map((p) => p.eventId)).toEqual([strangerEvent.id]);
    const notAllowed = await shenzhen.request('GET', '/api/v1/usage-parked-events', {
      token: await tokenFor({ roles: 'billing_system', node: CITY, subject: SOURCE }),
    });
    expect(notAllowed.status).toBe(403);
    const badFilter = await shenzhen.request('GET', '/api/v1/usage-parked-events?replayed=maybe', {
      token: admin,
    });
    expect(badFilter.status).toBe(400);
  });

  it('replays a parked event once its customer exists, once only', async () => {
    const [parked] = (
      await shenzhen.request<ParkedView[]>('GET', `/api/v1/usage-parked-events?eventId=${strangerEvent.id}`, {
        token: admin,
      })
    ).body;
    const early = await shenzhen.request<{ status: string; reason?: string }>(
      'POST',
      `/api/v1/usage-parked-events/${parked!.id}/replay`,
      { token: admin },
    );
    expect(early.status).toBe(200);
    expect(early.body).toMatchObject({ status: 'rejected', reason: /^data\.customerId: / });

    // The customer record arrives under the id the billing system already used.
    const created = await aCustomerOf(shenzhen, a);
    await fed.sql(CITY, 'UPDATE customer SET id = $1 WHERE id = $2', [stranger, created]);

    const replay = await shenzhen.request<{ status: string; parkedEvent: ParkedView }>(
      'POST',
      `/api/v1/usage-parked-events/${parked!.id}/replay`,
      { token: admin },
    );
    expect(replay.status).toBe(200);
    expect(replay.body.status).toBe('accepted');
    expect(replay.body.parkedEvent).toMatchObject({ id: parked!.id, replayStatus: 'accepted' });
    expect(replay.body.parkedEvent.replayedAt).not.toBeNull();
    expect(await cell(stranger, 'cloud')).toEqual({ revenue_fen: '4321', quantity: '2', event_count: 1 });

    const again = await shenzhen.request('POST', `/api/v1/usage-parked-events/${parked!.id}/replay`, {
      token: admin,
    });
    expect(again.status).toBe(409);
    expect(await cell(stranger, 'cloud')).toEqual({ revenue_fen: '4321', quantity: '2', event_count: 1 });

    const [bad] = (
      await shenzhen.request<ParkedView[]>('GET', `/api/v1/usage-parked-events?eventId=${badAmount.id}`, {
        token: admin,
      })
    ).body;
    const stillBad = await shenzhen.request<{ status: string; reason: string }>(
      'POST',
      `/api/v1/usage-parked-events/${bad!.id}/replay`,
      { token: admin },
    );
    expect(stillBad.body).toMatchObject({ status: 'rejected', reason: /^data\.amountFen: / });
    const missing = await shenzhen.request('POST', `/api/v1/usage-parked-events/${randomUUID()}/replay`, {
      token: admin,
    });
    expect(missing.status).toBe(404);
    const malformed = await shenzhen.request('POST', '/api/v1/usage-parked-events/nope/replay', {
      token: admin,
    });
    expect(malformed.status).toBe(400);
    const remaining = await shenzhen.request('GET', '/api/v1/usage-parked-events?replayed=false', {
      token: admin,
    });
    expect(remaining.headers.get('x-total-count')).toBe('5');

    // Every answered replay is audited with its verdict; the refused ones (409, 404) are not.
    const audits = await fed.sql<{
      resource_id: string;
      after: { status: string; replayStatus: string | null };
    }>(
      CITY,
      `SELECT resource_id, after FROM audit_entry
        WHERE action = 'usage-parked-event.replay' AND resource_type = 'usage-parked-event'
        ORDER BY occurred_at, id`,
    );
    expect(audits.map((a) => [a.resource_id, a.after.status, a.after.replayStatus])).toEqual([
      [parked!.id, 'rejected', null],
      [parked!.id, 'accepted', 'accepted'],
      [bad!.id, 'rejected', null],
    ]);
  });

  it(
    'keeps totals exact when the city node is killed mid-stream and restarted',
    async () => {
      const customers = [
        customer1,
        customer2,
        await aCustomerOf(shenzhen, a),
        await aCustomerOf(shenzhen, a),
      ];
      const before = await ledgerRows();
      const parkedBefore = await parkedRows();
      const [{ total: revenueBefore }] = (await fed.sql<{ total: string }>(
        CITY,
        'SELECT coalesce(sum(revenue_fen), 0)::text AS total FROM billing_monthly_usage',
      )) as [{ total: string }];
      const messages: { key: string; value: CloudEvent[] }[] = [];
      let expectedRevenue = BigInt(revenueBefore);
      for (let m = 0; m < 60; m++) {
        const customerId = customers[m % customers.length]!;
        const events = Array.from({ length: 500 }, (_, i) =>
          anEvent(
            customerId,
            { product: 'dedicated_internet', amountFen: String(100 + ((m * 500 + i) % 997)), quantity: '1' },
            `boss-${m % 2}`,
          ),
        );
        for (const e of events) expectedRevenue += BigInt(e.data.amountFen);
        // One bad event per message: parked once, however often the message is delivered.
        messages.push({ key: customerId, value: [...events, anEvent(customerId, { amountFen: '1.5' })] });
      }
      const total = before + 60 * 500;
      for (let i = 0; i < messages.length; i += 10) await publish(...messages.slice(i, i + 10));
      await waitFor('some of the stream booked', ledgerRows, (n) => n > before, 60_000, 20);
      const killed = await shenzhen.kill();
      expect(killed.signal).toBe('SIGKILL');
      const atKill = await ledgerRows();
      await shenzhen.startAndWaitReady();
      await waitFor('the whole stream booked', ledgerRows, (n) => n >= total, 120_000);
      await waitFor('the bad events parked', parkedRows, (n) => n >= parkedBefore + 60, 60_000);
      expect(await ledgerRows()).toBe(total);
      expect(await parkedRows()).toBe(parkedBefore + 60);
      expect(atKill).toBeLessThan(total);
      const [sums] = await fed.sql<{ revenue: string; events: string }>(
        CITY,
        'SELECT sum(revenue_fen)::text AS revenue, sum(event_count)::text AS events FROM billing_monthly_usage',
      );
      expect(sums!.revenue).toBe(expectedRevenue.toString());
      const inForce = await fed.count(
        CITY,
        'SELECT count(*) AS n FROM billing_usage_event WHERE superseded_by IS NULL',
      );
      expect(Number(sums!.events)).toBe(inForce);
    },
    BOOT_BUDGET_MS + 60_000,
  );

  it('keeps every cell equal to the sum of its events in force', async () => {
    const drift = await fed.sql(
      CITY,
      `WITH truth AS (
         SELECT customer_id, product, billing_month, sum(amount_fen) AS revenue, sum(coalesce(quantity, 0)) AS quantity,
                count(*)::int AS events
           FROM billing_usage_event WHERE superseded_by IS NULL
          GROUP BY customer_id, product, billing_month
       )
       SELECT * FROM truth t FULL JOIN billing_monthly_usage c USING (customer_id, product, billing_month)
        WHERE t.revenue IS DISTINCT FROM c.revenue_fen OR t.quantity IS DISTINCT FROM c.quantity
           OR t.events IS DISTINCT FROM c.event_count`,
    );
    expect(drift).toEqual([]);
  });
});
