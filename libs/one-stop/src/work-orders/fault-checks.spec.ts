import { toBinary } from '@bufbuild/protobuf';
import { create } from '@bufbuild/protobuf';
import { FaultCheckAnsweredSchema, FaultCheckRequestedSchema } from '@kaf/contracts';
import type { Topology } from '@kaf/federation';
import { faultCheckConflict, FAULT_CHECK_ACTIONS, isOpenFaultCheck } from './fault-check-actions';
import { faultCheckAnswerOf } from './fault-check-answer.reply';
import { faultCheckRefusal, faultCheckSegmentRefusal } from './fault-check.rules';
import type { WorkOrderEntity } from './work-order.entity';
import { toWorkOrderView } from './work-order.view';

const TIERS: Record<string, string> = { CN: 'national', '440000': 'province', '440300': 'city' };
const topology = {
  find: (code: string) => (TIERS[code] ? { tier: TIERS[code] } : undefined),
} as unknown as Topology;

const request = create(FaultCheckRequestedSchema, {
  checkId: '0190a1b2-0000-7000-8000-0000000000c1',
  ticketId: '0190a1b2-0000-7000-8000-0000000000a1',
  circuitId: '0190a1b2-0000-7000-8000-0000000000c2',
  orderId: '0190a1b2-0000-7000-8000-0000000000c3',
  segmentId: '0190a1b2-0000-7000-8000-0000000000c4',
  role: 'z_end',
  description: '业务中断 circuit down since 09:10',
});

const check: WorkOrderEntity = {
  id: '0190a1b2-0000-7000-8000-000000000001',
  orderId: request.orderId,
  segmentId: request.segmentId,
  attempt: 1,
  role: 'z_end',
  homeNode: '440300',
  customerId: '0190a1b2-0000-7000-8000-000000000004',
  customerName: '某某集团',
  product: 'ddn',
  bandwidthMbps: 10n,
  siteAddress: '杭州市文三路 90 号',
  siteContactName: '欧阳小明',
  siteContactPhone: '13912345678',
  aEndNode: '440300',
  zEndNode: '330100',
  requestedCompletionDate: null,
  deadline: new Date('2026-12-10T02:00:00Z'),
  notes: request.description,
  state: 'inProgress',
  stateReason: null,
  version: 2n,
  expectedCompletionDate: null,
  circuitId: 'HZ-DDN-1',
  action: 'add',
  circuitRef: request.circuitId,
  ceaseDate: null,
  handover: null,
  kind: 'faultCheck',
  checkId: request.checkId,
  ticketId: request.ticketId,
  severity: 'major',
  checkResult: 'found',
  checkNote: 'OTN card replaced',
  answeredAt: new Date('2026-12-10T01:00:00Z'),
  restoredAt: null,
  requestedAt: new Date('2026-12-10T00:00:00Z'),
  createdAt: new Date('2026-12-10T00:00:00Z'),
  updatedAt: new Date('2026-12-10T01:00:00Z'),
};

describe('fault checks at the segment node', () => {
  it('are refused when sent by anything but a city, or with ids that are not UUIDs', () => {
    expect(faultCheckRefusal(request, '440300', topology)).toBeUndefined();
    expect(faultCheckRefusal(request, '440000', topology)).toMatch(/not a city node/);
    expect(faultCheckRefusal({ ...request, segmentId: 'x' }, '440300', topology)).toBe(
      'fault check: segment_id is not a UUID',
    );
  });

  it('are refused for a segment not carried here, of another home city, or not in service', () => {
    const segment = { homeNode: '440300', state: 'done' as const };
    expect(faultCheckSegmentRefusal(request, '440300', '330100', segment)).toBeUndefined();
    expect(faultCheckSegmentRefusal(request, '440300', '330100', undefined)).toMatch(/not carried at 330100/);
    expect(faultCheckSegmentRefusal(request, '110100', '330100', segment)).toMatch(
      /circuit of 440300, not of 110100/,
    );
    expect(faultCheckSegmentRefusal(request, '440300', '330100', { ...segment, state: 'cancelled' })).toMatch(
      /cancelled at 330100, not in service/,
    );
  });

  it('are answered found or notFound first, restored after found, and name the state otherwise', () => {
    expect(faultCheckConflict('found', 'acknowledged')).toBeUndefined();
    expect(faultCheckConflict('notFound', 'acknowledged')).toBeUndefined();
    expect(faultCheckConflict('restored', 'inProgress')).toBeUndefined();
    expect(faultCheckConflict('restored', 'acknowledged')).toBe(
      'state: the fault check is acknowledged; restored needs it inProgress',
    );
    expect(faultCheckConflict('found', 'inProgress')).toBe(
      'state: the fault check is inProgress (found); found needs it acknowledged',
    );
    expect(FAULT_CHECK_ACTIONS.restored.to).toBe('done');
    expect(isOpenFaultCheck('inProgress')).toBe(true);
    expect(isOpenFaultCheck('done')).toBe(false);
  });

  it('answer the home city with business data only: no site address or contact', () => {
    const answer = faultCheckAnswerOf(check, '330100', 'ENG-330100-01');
    expect(answer).toMatchObject({ checkId: check.checkId, result: 'found', engineer: 'ENG-330100-01' });
    const bytes = Buffer.from(toBinary(FaultCheckAnsweredSchema, answer)).toString('utf8');
    for (const personal of ['欧阳小明', '13912345678', '文三路']) expect(bytes).not.toContain(personal);
  });

  it('show the check and its answer in the work order view', () => {
    expect(toWorkOrderView(check, true)).toMatchObject({
      kind: 'faultCheck',
      notes: request.description,
      faultCheck: { checkId: check.checkId, ticketId: check.ticketId, result: 'found', restoredAt: null },
    });
    expect(toWorkOrderView({ ...check, kind: 'provisioning' }, true).faultCheck).toBeNull();
  });
});
