// Service assurance at the city: trouble tickets, their SLA clocks, fault checks and return visits.
export * from './tickets.module';
export * from './tickets/ticket-vocabulary';
export { TICKETS_ENTITIES, TICKETS_MIGRATIONS } from './persistence';
export { TicketQualityModule } from './quality/ticket-quality.module';
export { TicketQualityRepository } from './quality/ticket-quality.repository';
