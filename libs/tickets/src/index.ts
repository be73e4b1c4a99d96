// Service assurance at the city: trouble tickets, their SLA clocks, fault checks and return visits.
export * from './tickets.module';
export * from './tickets/ticket-vocabulary';
export * from './tickets/ticket-events';
export * from './tickets/ticket-transitions';
export * from './tickets/ticket-workflow';
export { TroubleTicketEntity } from './tickets/trouble-ticket.entity';
export { TicketStatusChangeEntity } from './tickets/ticket-status-change.entity';
export { TicketNoteEntity } from './tickets/ticket-note.entity';
export { TicketQueries } from './tickets/ticket.queries';
export { TicketReturnVisitEntity } from './return-visits/ticket-return-visit.entity';
export { TICKETS_ENTITIES, TICKETS_MIGRATIONS } from './persistence';
export { FaultChecksModule } from './fault-checks/fault-checks.module';
