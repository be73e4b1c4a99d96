import { ConflictError } from '@kaf/platform';
import type { TicketStatus } from './ticket-vocabulary';

/**
 * TMF621's states and the moves between them as this operator works them (ADR 0043).
 * `resolved → inProgress` is the reopen: the customer rejects the resolution.
 * `closed`, `rejected` and `cancelled` are final.
 */
export const TICKET_TRANSITIONS: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  acknowledged: ['inProgress', 'pending', 'held', 'rejected', 'cancelled', 'resolved'],
  inProgress: ['pending', 'held', 'resolved', 'cancelled'],
  pending: ['inProgress', 'cancelled', 'resolved'],
  held: ['inProgress', 'cancelled', 'resolved'],
  resolved: ['closed', 'inProgress'],
  closed: [],
  rejected: [],
  cancelled: [],
};

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return TICKET_TRANSITIONS[from].includes(to);
}

/** A move TMF621's state machine does not allow from where the ticket is (409). */
export class TicketTransitionError extends ConflictError {
  constructor(
    readonly from: TicketStatus,
    readonly to: TicketStatus,
  ) {
    const allowed = TICKET_TRANSITIONS[from];
    super(
      `trouble ticket is ${from}: it cannot move to ${to}` +
        (allowed.length ? ` (from ${from} it may move to ${allowed.join(', ')})` : ` (${from} is final)`),
      'trouble-ticket.transition-not-allowed',
    );
  }
}

/** Whether a move is the customer's rejection of the resolution. */
export function isReopen(from: TicketStatus, to: TicketStatus): boolean {
  return from === 'resolved' && to === 'inProgress';
}
