import { CreateTroubleTickets1796900000001 } from './migrations/1796900000001-CreateTroubleTickets';
import { CreateTicketQualityMonths1796960000001 } from './migrations/1796960000001-CreateTicketQualityMonths';
import { TicketQualityMonthEntity } from './quality/ticket-quality-month.entity';
import { TicketNoteEntity } from './tickets/ticket-note.entity';
import { TicketStatusChangeEntity } from './tickets/ticket-status-change.entity';
import { TroubleTicketEntity } from './tickets/trouble-ticket.entity';

/** Tables owned by the tickets capability, for the node's DataSource. */
export const TICKETS_ENTITIES = [
  TroubleTicketEntity,
  TicketStatusChangeEntity,
  TicketNoteEntity,
  TicketQualityMonthEntity,
];
export const TICKETS_MIGRATIONS = [CreateTroubleTickets1796900000001, CreateTicketQualityMonths1796960000001];
