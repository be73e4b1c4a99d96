import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  type FaultCheckRequested,
  FaultCheckRequestedSchema,
  type FaultTicketStatus,
  FaultTicketStatusSchema,
} from '@kaf/contracts';
import type { CircuitInForce } from '@kaf/one-stop';
import type { TroubleTicketEntity } from '../tickets/trouble-ticket.entity';
import type { TicketFaultCheckEntity } from './ticket-fault-check.entity';

/**
 * A check for the node carrying the segment: the circuit's business data and the fault's
 * description, never the reporter (name, phone) or a contact of the customer.
 */
export function faultCheckRequestOf(
  check: TicketFaultCheckEntity,
  ticket: TroubleTicketEntity,
  circuit: CircuitInForce,
): FaultCheckRequested {
  return create(FaultCheckRequestedSchema, {
    checkId: check.id,
    ticketId: ticket.id,
    circuitId: check.circuitId,
    orderId: check.orderId,
    segmentId: check.segmentId,
    role: check.role,
    customerId: circuit.customerId,
    companyName: circuit.companyName,
    product: circuit.product,
    bandwidthMbps: circuit.bandwidthMbps,
    description: ticket.description,
    dueAt: timestampFromDate(check.dueAt),
    severity: ticket.severity,
  });
}

/** The ticket's state for the coordinator: status and the checks, no personal data. */
export function faultTicketStatusOf(
  ticket: TroubleTicketEntity,
  checks: readonly TicketFaultCheckEntity[],
  version: bigint,
  homeNode: string,
): FaultTicketStatus {
  const first = checks[0];
  return create(FaultTicketStatusSchema, {
    ticketId: ticket.id,
    version,
    homeNode,
    circuitId: first?.circuitId ?? '',
    orderId: first?.orderId ?? '',
    status: ticket.status,
    severity: ticket.severity,
    openedAt: timestampFromDate(ticket.createdAt),
    restoredAt: ticket.restoredAt ? timestampFromDate(ticket.restoredAt) : undefined,
    checks: checks.map((c) => ({
      checkId: c.id,
      segmentId: c.segmentId,
      role: c.role,
      nodeCode: c.nodeCode,
      state: c.state,
      dueAt: timestampFromDate(c.dueAt),
      answeredAt: c.answeredAt ? timestampFromDate(c.answeredAt) : undefined,
      round: c.round,
    })),
    changedAt: timestampFromDate(new Date()),
  });
}
