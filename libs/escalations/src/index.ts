export * from './escalations.module';
export * from './escalation-vocabulary';
export { EscalationRaiser, type EscalationToRaise, type Closing } from './raised/escalation-raiser';
export { RaisedEscalations } from './raised/raised-escalations';
export { RaisedEscalationView } from './raised/raised-escalation.view';
export { ESCALATIONS_ENTITIES, ESCALATIONS_MIGRATIONS } from './persistence';
