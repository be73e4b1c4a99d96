import { CreateTroubleTickets1796900000001 } from './migrations/1796900000001-CreateTroubleTickets';
import { CreateTicketReturnVisits1796910000002 } from './migrations/1796910000002-CreateTicketReturnVisits';
import { TicketFaultChecks1796950000002 } from './migrations/1796950000002-TicketFaultChecks';
import { TicketNoteEntity } from './tickets/ticket-note.entity';
import { TicketStatusChangeEntity } from './tickets/ticket-status-change.entity';
import { TicketFaultCheckEntity } from './fault-checks/ticket-fault-check.entity';
import { TroubleTicketEntity } from './tickets/trouble-ticket.entity';
import { TicketReturnVisitEntity } from './return-visits/ticket-return-visit.entity';

/** Tables owned by the tickets capability, for the node's DataSource. */
export const TICKETS_ENTITIES = [
  TroubleTicketEntity,
  TicketStatusChangeEntity,
  TicketNoteEntity,
  TicketReturnVisitEntity,
  TicketFaultCheckEntity,
];
export const TICKETS_MIGRATIONS = [
  CreateTroubleTickets1796900000001,
  CreateTicketReturnVisits1796910000002,
  TicketFaultChecks1796950000002,
];
