import { CreateTroubleTickets1796900000001 } from './migrations/1796900000001-CreateTroubleTickets';
import { CreateTicketReturnVisits1796910000002 } from './migrations/1796910000002-CreateTicketReturnVisits';
import { CreateTicketQualityMonths1796960000001 } from './migrations/1796960000001-CreateTicketQualityMonths';
import { TicketQualityMonthEntity } from './quality/ticket-quality-month.entity';
import { CreateTicketSlaClocks1796940000001 } from './migrations/1796940000001-CreateTicketSlaClocks';
import { TicketFaultChecks1796950000002 } from './migrations/1796950000002-TicketFaultChecks';
import { FaultCheckRounds1796970000001 } from './migrations/1796970000001-FaultCheckRounds';
import { TicketNoteEntity } from './tickets/ticket-note.entity';
import { TicketStatusChangeEntity } from './tickets/ticket-status-change.entity';
import { TicketFaultCheckEntity } from './fault-checks/ticket-fault-check.entity';
import { TroubleTicketEntity } from './tickets/trouble-ticket.entity';
import { TicketReturnVisitEntity } from './return-visits/ticket-return-visit.entity';
import { TicketSlaClockEntity } from './sla/ticket-sla-clock.entity';
import { TicketSlaThresholdEntity } from './sla/ticket-sla-threshold.entity';

/** Tables owned by the tickets capability, for the node's DataSource. */
export const TICKETS_ENTITIES = [
  TroubleTicketEntity,
  TicketStatusChangeEntity,
  TicketNoteEntity,
  TicketReturnVisitEntity,
  TicketQualityMonthEntity,
  TicketSlaClockEntity,
  TicketSlaThresholdEntity,
  TicketFaultCheckEntity,
];
export const TICKETS_MIGRATIONS = [
  CreateTroubleTickets1796900000001,
  CreateTicketReturnVisits1796910000002,
  CreateTicketSlaClocks1796940000001,
  TicketFaultChecks1796950000002,
  CreateTicketQualityMonths1796960000001,
  FaultCheckRounds1796970000001,
];
