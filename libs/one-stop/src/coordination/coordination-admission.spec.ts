import { create, type MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { CircuitOrderStatusSchema, CircuitSlaBreachedSchema } from '@kaf/contracts';
import { Topology } from '@kaf/federation';
import { admitOrderStatus, breachRefusal } from './coordination-admission';

const topology = Topology.parse({
  national: { code: 'CN', name: 'HQ' },
  provinces: [
    {
      code: '440000',
      name: 'GD',
      cities: [
        { code: '440100', name: 'GZ' },
        { code: '440300', name: 'SZ' },
      ],
    },
    { code: '330000', name: 'ZJ', cities: [{ code: '330100', name: 'HZ' }] },
  ],
});

const ORDER = '0190a1b2-0000-7000-8000-000000000001';
const SEGMENT = '0190a1b2-0000-7000-8000-000000000002';
const status = (over: MessageInitShape<typeof CircuitOrderStatusSchema> = {}) =>
  create(CircuitOrderStatusSchema, {
    orderId: ORDER,
    version: 1n,
    homeNode: '440300',
    customerId: '0190a1b2-0000-7000-8000-000000000003',
    customerName: '某某科技',
    product: 'mpls_vpn',
    bandwidthMbps: 100,
    aEndNode: '440300',
    zEndNode: '330100',
    transitNode: 'CN',
    state: 'acknowledged',
    requestedDate: '2026-07-01',
    monthlyChargeFen: 1_250_000n,
    changedAt: timestampFromDate(new Date()),
    segments: [{ segmentId: SEGMENT, role: 'a_end', nodeCode: '440300', attempt: 1, state: 'dispatched' }],
    ...over,
  });
const breach = (over: MessageInitShape<typeof CircuitSlaBreachedSchema> = {}) =>
  create(CircuitSlaBreachedSchema, {
    escalationId: '0190a1b2-0000-7000-8000-000000000009',
    orderId: ORDER,
    segmentId: SEGMENT,
    attempt: 1,
    role: 'z_end',
    nodeCode: '330100',
    segmentState: 'accepted',
    homeNode: '440300',
    breachedAt: timestampFromDate(new Date()),
    ...over,
  });
const refusalOf = (admission: ReturnType<typeof admitOrderStatus>) =>
  'refusal' in admission ? admission.refusal : undefined;

describe('admitOrderStatus', () => {
  it('admits a cross-province order at CN, from its home city, with the plan', () => {
    const admission = admitOrderStatus(status(), '440300', 'CN', topology);
    expect(admission).toMatchObject({
      plan: { coordinator: 'CN', aEndProvince: '440000', zEndProvince: '330000' },
    });
  });

  it('admits an in-province order at its province only', () => {
    const inProvince = status({ zEndNode: '440100', transitNode: '440000' });
    expect(refusalOf(admitOrderStatus(inProvince, '440300', '440000', topology))).toBeUndefined();
    expect(refusalOf(admitOrderStatus(inProvince, '440300', 'CN', topology))).toMatch(
      /coordinated by 440000/,
    );
    expect(refusalOf(admitOrderStatus(status(), '440300', '440000', topology))).toMatch(/coordinated by CN/);
  });

  it('refuses a status from anyone but the home city', () => {
    expect(refusalOf(admitOrderStatus(status(), '440100', 'CN', topology))).toMatch(/sent by 440100/);
    expect(refusalOf(admitOrderStatus(status({ homeNode: '440000' }), '440000', 'CN', topology))).toMatch(
      /not a city/,
    );
  });

  it('refuses fields the coordinator cannot store, naming them', () => {
    const cases: [Parameters<typeof status>[0], RegExp][] = [
      [{ orderId: 'x' }, /order_id/],
      [{ version: 0n }, /version/],
      [{ state: 'done' }, /state "done"/],
      [{ product: 'voice' }, /product/],
      [{ transitNode: '' }, /transit node/],
      [{ aEndNode: '440000' }, /not a city node/],
      [{ monthlyChargeFen: -1n }, /negative/],
      [{ requestedDate: '2026-02-30' }, /requested_date/],
      [{ changedAt: undefined }, /changed_at/],
      [
        { segments: [{ segmentId: SEGMENT, role: 'a_end', nodeCode: '440300', attempt: 1, state: 'lost' }] },
        /segment state/,
      ],
    ];
    for (const [over, pattern] of cases) {
      expect(refusalOf(admitOrderStatus(status(over), '440300', 'CN', topology))).toMatch(pattern);
    }
  });
});

describe('breachRefusal', () => {
  it('checks the sender against the stored order when its status has arrived', () => {
    expect(breachRefusal(breach(), '440300', 'CN', topology, { homeNode: '440300' })).toBeUndefined();
    expect(
      breachRefusal(breach({ homeNode: '440100' }), '440100', 'CN', topology, { homeNode: '440300' }),
    ).toMatch(/belongs to 440300/);
  });

  it('falls back on the segment before any status: a transit carried here, an end this node coordinates', () => {
    expect(breachRefusal(breach(), '440300', 'CN', topology, undefined)).toBeUndefined();
    expect(
      breachRefusal(breach({ role: 'transit', nodeCode: 'CN' }), '440300', 'CN', topology, undefined),
    ).toBeUndefined();
    expect(
      breachRefusal(breach({ role: 'transit', nodeCode: '440000' }), '440300', 'CN', topology, undefined),
    ).toMatch(/carried by 440000/);
    expect(breachRefusal(breach(), '440300', '440000', topology, undefined)).toMatch(
      /not one 440000 coordinates/,
    );
    expect(
      breachRefusal(breach({ nodeCode: '440100' }), '440300', '440000', topology, undefined),
    ).toBeUndefined();
  });

  it('refuses a breach from a non-city or one naming another home', () => {
    expect(breachRefusal(breach({ homeNode: 'CN' }), 'CN', 'CN', topology, undefined)).toMatch(/not a city/);
    expect(breachRefusal(breach(), '440100', 'CN', topology, undefined)).toMatch(/sent by 440100/);
    expect(breachRefusal(breach({ escalationId: 'nope' }), '440300', 'CN', topology, undefined)).toMatch(
      /escalation_id/,
    );
  });
});
