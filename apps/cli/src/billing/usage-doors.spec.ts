import type { LoadEvent } from './load-plan';
import { isUnroutable, type RestCity, sendRest } from './usage-doors';

const event = (n: number, billingAccount: string): LoadEvent => ({
  eventId: `e-${n}`,
  customerId: '0190a000-0000-7000-8000-000000000001',
  billingAccount,
  product: 'idc',
  billingMonth: '2026-05',
  occurredAt: '2026-05-02T10:00:00+08:00',
  amountFen: 100n,
  quantity: '1',
  unit: 'rack-day',
});

const PROVINCE: RestCity = { code: '440000', url: 'http://province.test', token: 't', province: {} };
const unroutableReason = (n: string): string =>
  `billingAccount: ${n} of boss is held by no city of this province in 2026-05`;

/** A province that routes account `late` only from the `routableFrom`-th request on. */
function fakeProvince(routableFrom: number): { bodies: string[][]; fetch: typeof fetch } {
  const bodies: string[][] = [];
  const fake = (_url: unknown, init?: RequestInit): Promise<Response> => {
    const events = (
      JSON.parse(init?.body as string) as { events: { eventId: string; billingAccount: string }[] }
    ).events;
    bodies.push(events.map((e) => e.eventId));
    const results = events.map((e, index) =>
      e.billingAccount === 'late' && bodies.length < routableFrom
        ? { index, eventId: e.eventId, status: 'rejected', reason: unroutableReason(e.billingAccount) }
        : e.billingAccount === 'bad'
          ? { index, eventId: e.eventId, status: 'rejected', reason: 'amountFen: must be a decimal string' }
          : { index, eventId: e.eventId, status: 'routed', cityCode: '440300' },
    );
    const routed = results.filter((r) => r.status === 'routed').length;
    return Promise.resolve(
      new Response(JSON.stringify({ routed, rejected: results.length - routed, results }), { status: 200 }),
    );
  };
  return { bodies, fetch: fake };
}

describe('sendRest at a province', () => {
  afterEach(() => jest.restoreAllMocks());

  it('sends the events of an account the province cannot route yet again, in order, until they are routed', async () => {
    const province = fakeProvince(3);
    jest.spyOn(globalThis, 'fetch').mockImplementation(province.fetch);
    const events = [event(1, 'late'), event(2, 'known'), event(3, 'late'), event(4, 'known')];
    const outcome = await sendRest(PROVINCE, events);
    expect(province.bodies).toEqual([
      ['e-1', 'e-2', 'e-3', 'e-4'],
      ['e-1', 'e-3'],
      ['e-1', 'e-3'],
    ]);
    expect(outcome).toMatchObject({ accepted: 4, duplicates: 0, rejected: 0, reasons: [], attempts: 3 });
  });

  it('gives up on unroutable events after the retry time, and never resends other refusals', async () => {
    const province = fakeProvince(Number.POSITIVE_INFINITY);
    jest.spyOn(globalThis, 'fetch').mockImplementation(province.fetch);
    const target = { ...PROVINCE, province: { unroutableRetryForMs: 0 } };
    const outcome = await sendRest(target, [event(1, 'late'), event(2, 'bad'), event(3, 'known')]);
    expect(province.bodies).toEqual([['e-1', 'e-2', 'e-3']]);
    expect(outcome.accepted).toBe(1);
    expect(outcome.rejected).toBe(2);
    expect(outcome.reasons).toEqual([
      'e-2: amountFen: must be a decimal string',
      'e-1: billingAccount late still not routable at 440000',
    ]);
  });

  it('tells an unroutable account from other refusals by the reason', () => {
    expect(isUnroutable(unroutableReason('4403-1'))).toBe(true);
    expect(isUnroutable('billingAccount: must be 1-64 of letters, digits, . _ and -')).toBe(false);
    expect(isUnroutable(undefined)).toBe(false);
  });
});
