import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { type SegmentWorkRequested, SegmentWorkRequestedSchema } from '@kaf/contracts';
import { Topology } from '@kaf/federation';
import {
  cancelRequestRefusal,
  deadlineOf,
  workRequestProblem,
  workRequestRefusal,
} from './work-request.rules';

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

const ORDER = '0190a1b2-0000-7000-8000-00000000000a';
const SEGMENT = '0190a1b2-0000-7000-8000-00000000000b';
const CUSTOMER = '0190a1b2-0000-7000-8000-00000000000c';

function request(overrides: Record<string, unknown> = {}): SegmentWorkRequested {
  return create(SegmentWorkRequestedSchema, {
    orderId: ORDER,
    segmentId: SEGMENT,
    attempt: 1,
    role: 'z_end',
    homeNode: '440300',
    customerId: CUSTOMER,
    customerName: '某某集团有限公司',
    product: 'ethernet_private_line',
    bandwidthMbps: 100,
    site: {
      nodeCode: '330100',
      address: '杭州市文三路 90 号',
      contactName: '李工',
      contactPhone: '13900001111',
    },
    aEndNode: '440300',
    zEndNode: '330100',
    requestedDate: '2026-12-20',
    deadline: timestampFromDate(new Date('2026-12-10T00:00:00Z')),
    ...overrides,
  });
}

describe('workRequestRefusal', () => {
  it('lets the home city send its own order', () => {
    expect(workRequestRefusal(request(), '440300', topology)).toBeUndefined();
  });

  it('refuses a sender that is not a city, or not the home city it names', () => {
    expect(workRequestRefusal(request({ homeNode: '440000' }), '440000', topology)).toMatch(
      /not a city node/,
    );
    expect(workRequestRefusal(request(), '440100', topology)).toMatch(
      /names home node 440300 but was sent by 440100/,
    );
    expect(workRequestRefusal(request(), 'ZZ', topology)).toMatch(/not a city node/);
  });

  it('refuses identifiers nothing could be keyed on', () => {
    expect(workRequestRefusal(request({ orderId: 'x' }), '440300', topology)).toBe('order_id is not a UUID');
    expect(workRequestRefusal(request({ segmentId: '' }), '440300', topology)).toBe(
      'segment_id is not a UUID',
    );
    expect(workRequestRefusal(request({ attempt: 0 }), '440300', topology)).toBe('attempt must be 1 or more');
    expect(workRequestRefusal(request({ attempt: 2_147_483_648 }), '440300', topology)).toBe(
      'attempt must be at most 2147483647',
    );
    expect(workRequestRefusal(request({ customerId: '42' }), '440300', topology)).toBe(
      'customer_id is not a UUID',
    );
  });
});

describe('cancelRequestRefusal', () => {
  const cancel = { orderId: ORDER, segmentId: SEGMENT, attempt: 2, reason: '' };
  it('accepts a city and refuses anyone else', () => {
    expect(cancelRequestRefusal(cancel as never, '440300', topology)).toBeUndefined();
    expect(cancelRequestRefusal(cancel as never, 'CN', topology)).toMatch(/not a city node/);
    expect(cancelRequestRefusal({ ...cancel, attempt: 0 } as never, '440300', topology)).toMatch(/attempt/);
  });
});

describe('workRequestProblem', () => {
  it('takes a sound end segment at the end city', () => {
    expect(workRequestProblem(request(), '330100', topology)).toBeUndefined();
    expect(
      workRequestProblem(
        request({
          role: 'a_end',
          site: { nodeCode: '440300', address: 'x', contactName: '', contactPhone: '' },
        }),
        '440300',
        topology,
      ),
    ).toBeUndefined();
  });

  it('takes the transit at the national node across provinces, at the province within one', () => {
    expect(workRequestProblem(request({ role: 'transit', site: undefined }), 'CN', topology)).toBeUndefined();
    expect(workRequestProblem(request({ role: 'transit', site: undefined }), '440000', topology)).toMatch(
      /belongs to CN, not 440000/,
    );
    const inProvince = { role: 'transit', site: undefined, aEndNode: '440100', zEndNode: '440300' };
    expect(workRequestProblem(request(inProvince), '440000', topology)).toBeUndefined();
    expect(workRequestProblem(request(inProvince), 'CN', topology)).toMatch(/belongs to 440000, not CN/);
  });

  it('refuses a segment addressed to the wrong node for its role', () => {
    expect(workRequestProblem(request(), '440100', topology)).toMatch(
      /z_end segment .* belongs to 330100, not 440100/,
    );
    expect(workRequestProblem(request({ role: 'a_end' }), '330100', topology)).toMatch(/belongs to 440300/);
  });

  it('refuses a transit between two sites of one city, and a transit with a site', () => {
    expect(
      workRequestProblem(
        request({ role: 'transit', site: undefined, zEndNode: '440300' }),
        '440000',
        topology,
      ),
    ).toMatch(/no transit segment/);
    expect(workRequestProblem(request({ role: 'transit' }), 'CN', topology)).toBe(
      'a transit segment carries no site',
    );
  });

  it('refuses an end segment without its own site', () => {
    expect(workRequestProblem(request({ site: undefined }), '330100', topology)).toMatch(/needs its site/);
    expect(
      workRequestProblem(
        request({ site: { nodeCode: '440300', address: 'x', contactName: '', contactPhone: '' } }),
        '330100',
        topology,
      ),
    ).toMatch(/site is at 440300, not 330100/);
    expect(
      workRequestProblem(
        request({ site: { nodeCode: '330100', address: '  ', contactName: '', contactPhone: '' } }),
        '330100',
        topology,
      ),
    ).toMatch(/no address/);
  });

  it('refuses unknown roles, ends that are not cities, products and bandwidths out of range', () => {
    expect(workRequestProblem(request({ role: 'middle' }), '330100', topology)).toMatch(/role "middle"/);
    expect(workRequestProblem(request({ zEndNode: '330000' }), '330100', topology)).toMatch(
      /^zEnd.nodeCode:/,
    );
    expect(workRequestProblem(request({ product: 'sd_wan' }), '330100', topology)).toMatch(
      /product "sd_wan"/,
    );
    expect(workRequestProblem(request({ bandwidthMbps: 0 }), '330100', topology)).toMatch(/bandwidth 0 Mbps/);
    expect(workRequestProblem(request({ bandwidthMbps: 100_001 }), '330100', topology)).toMatch(/outside/);
    expect(workRequestProblem(request({ requestedDate: '2026-02-30' }), '330100', topology)).toMatch(
      /not a calendar date/,
    );
  });

  it('cuts long echoed values short', () => {
    const problem = workRequestProblem(request({ product: 'p'.repeat(500) }), '330100', topology)!;
    expect(problem.length).toBeLessThan(100);
  });
});

describe('deadlineOf', () => {
  it('reads the deadline, and no deadline outside what a work order can hold', () => {
    expect(deadlineOf(request())?.toISOString()).toBe('2026-12-10T00:00:00.000Z');
    expect(deadlineOf(request({ deadline: undefined }))).toBeNull();
    expect(deadlineOf(request({ deadline: timestampFromDate(new Date('1970-01-02T00:00:00Z')) }))).toBeNull();
    expect(
      workRequestProblem(request({ deadline: { seconds: 10n ** 15n, nanos: 0 } }), '330100', topology),
    ).toMatch(/deadline/);
  });
});
