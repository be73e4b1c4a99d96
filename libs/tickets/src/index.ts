// Service assurance at the city: trouble tickets, their SLA clocks, fault checks and return visits.
export * from './tickets.module';
export * from './tickets/ticket-vocabulary';
export * from './tickets/ticket-events';
export * from './tickets/ticket-transitions';
export * from './tickets/ticket-workflow';
export { TroubleTicketEntity } from './tickets/trouble-ticket.entity';
export { TicketStatusChangeEntity } from './tickets/ticket-status-change.entity';
export { TicketNoteEntity } from './tickets/ticket-note.entity';
export { TicketSlaModule } from './sla/ticket-sla.module';
export { type TicketSlaOptions } from './sla/sla-deadlines';
export { TicketSla, type TicketSlaView } from './sla/ticket-sla';
export { TicketSlaClockEntity, type SlaTargetName } from './sla/ticket-sla-clock.entity';
export { TicketSlaThresholdEntity } from './sla/ticket-sla-threshold.entity';
export { TicketQueries } from './tickets/ticket.queries';
export { TicketReturnVisitEntity } from './return-visits/ticket-return-visit.entity';
export { TICKETS_ENTITIES, TICKETS_MIGRATIONS } from './persistence';
export { TicketQualityModule } from './quality/ticket-quality.module';
export { TicketQualityRepository } from './quality/ticket-quality.repository';
