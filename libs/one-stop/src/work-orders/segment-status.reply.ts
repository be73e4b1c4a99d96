import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { type SegmentStatusChanged, SegmentStatusChangedSchema } from '@kaf/contracts';
import type { WorkOrderEntity } from './work-order.entity';

/**
 * The status a work order reports to its home city: business data only. The site (address and
 * contact) stays at this node; the home city has it already, and nobody else may.
 */
export function segmentStatusOf(row: WorkOrderEntity, nodeCode: string): SegmentStatusChanged {
  return create(SegmentStatusChangedSchema, {
    orderId: row.orderId,
    segmentId: row.segmentId,
    attempt: row.attempt,
    workOrderId: row.id,
    nodeCode,
    state: row.state,
    version: row.version,
    reason: row.stateReason ?? '',
    expectedCompletionDate: row.expectedCompletionDate ?? '',
    circuitId: row.circuitId ?? '',
    handover: row.handover ?? '',
    changedAt: timestampFromDate(row.updatedAt),
  });
}
