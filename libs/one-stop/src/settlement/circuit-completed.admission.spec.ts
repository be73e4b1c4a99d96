import { create, type MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { CircuitCompletedSchema } from '@kaf/contracts';
import { Topology } from '@kaf/federation';
import {
  type AdmittedVersion,
  admitCompletedCircuit,
  type RegisteredCircuit,
  versionConflict,
} from './circuit-completed.admission';

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
    {
      code: '330000',
      name: 'ZJ',
      cities: [
        { code: '330100', name: 'HZ' },
        { code: '330200', name: 'NB' },
      ],
    },
  ],
});

const ORDER = '0190a1b2-0000-7000-8000-000000000001';
const CIRCUIT = '0190a1b2-0000-7000-8000-00000000000c';
const CUSTOMER = '0190a1b2-0000-7000-8000-000000000003';
const completed = (over: MessageInitShape<typeof CircuitCompletedSchema> = {}) =>
  create(CircuitCompletedSchema, {
    orderId: ORDER,
    homeNode: '440300',
    customerId: CUSTOMER,
    product: 'mpls_vpn',
    bandwidthMbps: 100,
    aEndNode: '440300',
    zEndNode: '330100',
    transitNode: 'CN',
    monthlyChargeFen: 1_000_000n,
    oneTimeChargeFen: 0n,
    // 00:30 on 1 June in Shanghai is still 31 May in UTC.
    completedAt: timestampFromDate(new Date('2026-06-01T00:30:00+08:00')),
    ...over,
  });
const admitted = (over: MessageInitShape<typeof CircuitCompletedSchema> = {}) => {
  const result = admitCompletedCircuit(completed(over), '440300', topology);
  if ('refusal' in result) throw new Error(result.refusal);
  return result.admitted;
};
const refusalOf = (over: MessageInitShape<typeof CircuitCompletedSchema>, source = '440300') => {
  const result = admitCompletedCircuit(completed(over), source, topology);
  return 'refusal' in result ? result.refusal : undefined;
};

describe('admitCompletedCircuit', () => {
  it('fills in what older senders leave blank: the order is the circuit, version 1 adds it', () => {
    expect(admitted()).toMatchObject({
      circuitId: ORDER,
      version: 1,
      action: 'add',
      effectiveDate: '2026-06-01',
    });
  });

  it('keeps a change as sent', () => {
    expect(
      admitted({ circuitId: CIRCUIT, circuitVersion: 3, action: 'modify', effectiveDate: '2026-07-21' }),
    ).toMatchObject({ circuitId: CIRCUIT, version: 3, action: 'modify', effectiveDate: '2026-07-21' });
  });

  it('refuses what no circuit version can be, saying why', () => {
    expect(refusalOf({ action: 'upgrade', circuitVersion: 2 })).toMatch(/action "upgrade"/);
    expect(refusalOf({ action: 'add', circuitVersion: 2 })).toMatch(/version 1 is the circuit's add/);
    expect(refusalOf({ action: 'modify', circuitVersion: 1 })).toMatch(/version 1 is the circuit's add/);
    expect(refusalOf({ action: 'modify' })).toMatch(/version 1 is the circuit's add/);
    expect(refusalOf({ effectiveDate: '2026-02-30' })).toMatch(/effective_date "2026-02-30"/);
    expect(refusalOf({ effectiveDate: '20260601' })).toMatch(/effective_date/);
    expect(refusalOf({ circuitId: 'SZ-001' })).toMatch(/circuit_id is not a UUID/);
    expect(refusalOf({ circuitVersion: 2 ** 31, action: 'modify' })).toMatch(/out of range/);
    expect(refusalOf({}, '440100')).toMatch(/sent by 440100/);
  });
});

describe('versionConflict', () => {
  const registered: RegisteredCircuit = {
    home_node: '440300',
    customer_id: CUSTOMER,
    product: 'mpls_vpn',
    a_end_node: '440300',
    z_end_node: '330100',
    ceased_version: null,
  };
  const change = (over: MessageInitShape<typeof CircuitCompletedSchema> = {}) => {
    const message = completed({
      circuitId: CIRCUIT,
      circuitVersion: 2,
      action: 'modify',
      effectiveDate: '2026-07-01',
      ...over,
    });
    const result = admitCompletedCircuit(message, message.homeNode, topology);
    if ('refusal' in result) throw new Error(result.refusal);
    return [message, result.admitted] as const;
  };
  const conflict = (over: MessageInitShape<typeof CircuitCompletedSchema>, held = registered) => {
    const [message, version]: readonly [ReturnType<typeof completed>, AdmittedVersion] = change(over);
    return versionConflict(message, version, held);
  };

  it('takes a change of bandwidth or charge, and a relocation within the same cities', () => {
    expect(conflict({ bandwidthMbps: 1000, monthlyChargeFen: 3_000_000n })).toBeUndefined();
    expect(conflict({ action: 'delete' })).toBeUndefined();
  });

  it('refuses a version from another home city, customer or product, or between other cities', () => {
    expect(conflict({ homeNode: '440100' })).toMatch(/home node "440100" differs/);
    expect(conflict({ customerId: '0190a1b2-0000-7000-8000-0000000000ff' })).toMatch(/customer/);
    expect(conflict({ product: 'ddn' })).toMatch(/product "ddn"/);
    expect(conflict({ zEndNode: '330200' })).toMatch(/Z-end city "330200"/);
  });

  it('refuses anything after a cease, and a second cease', () => {
    const ceased = { ...registered, ceased_version: 3 };
    expect(conflict({ circuitVersion: 4 }, ceased)).toMatch(/ceased by version 3/);
    expect(conflict({ circuitVersion: 2, action: 'delete' }, ceased)).toMatch(/ceased by version 3/);
    // A change below the cease, replayed late, is still history.
    expect(conflict({ circuitVersion: 2 }, ceased)).toBeUndefined();
  });
});
