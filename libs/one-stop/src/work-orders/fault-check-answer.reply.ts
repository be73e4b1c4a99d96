import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { type FaultCheckAnswered, FaultCheckAnsweredSchema } from '@kaf/contracts';
import type { WorkOrderEntity } from './work-order.entity';

/**
 * A fault check's answer for the home city: the result, the engineer's staff id and note
 * (business text). Nothing about the site: its address and contact stay at this node.
 */
export function faultCheckAnswerOf(
  row: WorkOrderEntity,
  nodeCode: string,
  engineer: string,
): FaultCheckAnswered {
  return create(FaultCheckAnsweredSchema, {
    checkId: row.checkId ?? '',
    ticketId: row.ticketId ?? '',
    nodeCode,
    result: row.checkResult ?? '',
    at: timestampFromDate(row.updatedAt),
    engineer,
    note: row.checkNote ?? '',
    workOrderId: row.id,
  });
}
