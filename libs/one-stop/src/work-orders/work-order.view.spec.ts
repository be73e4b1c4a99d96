import { segmentStatusOf } from './segment-status.reply';
import type { WorkOrderEntity } from './work-order.entity';
import { maskName, maskPhone, toAuditedWorkOrder, toWorkOrderView } from './work-order.view';

const row: WorkOrderEntity = {
  id: '0190a1b2-0000-7000-8000-000000000001',
  orderId: '0190a1b2-0000-7000-8000-000000000002',
  segmentId: '0190a1b2-0000-7000-8000-000000000003',
  attempt: 2,
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
  requestedCompletionDate: '2026-12-20',
  deadline: new Date('2026-12-10T00:00:00Z'),
  notes: null,
  state: 'done',
  stateReason: null,
  version: 5n,
  expectedCompletionDate: '2026-12-15',
  circuitId: 'HZ-DDN-1',
  action: 'add',
  circuitRef: null,
  ceaseDate: null,
  handover: 'port 3',
  kind: 'provisioning',
  checkId: null,
  ticketId: null,
  severity: null,
  checkResult: null,
  checkNote: null,
  answeredAt: null,
  restoredAt: null,
  requestedAt: new Date('2026-11-28T00:00:00Z'),
  createdAt: new Date('2026-11-28T00:00:00Z'),
  updatedAt: new Date('2026-11-29T00:00:00Z'),
};

describe('work order views', () => {
  it('show the site contact whole to staff of the node, masked to others and to the audit log', () => {
    expect(toWorkOrderView(row, true).site).toEqual({
      address: '杭州市文三路 90 号',
      contactName: '欧阳小明',
      contactPhone: '13912345678',
    });
    for (const view of [toWorkOrderView(row, false), toAuditedWorkOrder(row)]) {
      expect(view.site).toEqual({
        address: '杭州市文三路 90 号',
        contactName: '欧***',
        contactPhone: '139****5678',
      });
      expect(JSON.stringify(view)).not.toContain('13912345678');
      expect(JSON.stringify(view)).not.toContain('小明');
    }
  });

  it('have no site for a transit work order', () => {
    expect(
      toWorkOrderView({ ...row, siteAddress: null, siteContactName: null, siteContactPhone: null }, true)
        .site,
    ).toBeNull();
  });

  it('mask short values whole', () => {
    expect(maskPhone('110')).toBe('***');
    expect(maskName('李')).toBe('李*');
    expect(maskName(null)).toBeNull();
  });
});

describe('segmentStatusOf', () => {
  it('reports business data only, the site staying at the node', () => {
    const status = segmentStatusOf(row, '330100');
    expect(status).toMatchObject({
      orderId: row.orderId,
      segmentId: row.segmentId,
      attempt: 2,
      workOrderId: row.id,
      nodeCode: '330100',
      state: 'done',
      version: 5n,
      expectedCompletionDate: '2026-12-15',
      circuitId: 'HZ-DDN-1',
      handover: 'port 3',
    });
    const text = JSON.stringify(status, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    for (const personal of ['欧阳小明', '13912345678', '文三路']) expect(text).not.toContain(personal);
  });
});
