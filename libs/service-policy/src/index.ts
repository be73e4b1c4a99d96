// The service policy (SLA targets by ticket type × severity × grade) and the working-day calendar:
// national documents, the policy overridable by a province, read at every node.
export type { SlaClock, WorkingCalendar } from '@kaf/platform';
export * from './sla-vocabulary';
export type {
  ServicePolicy,
  SlaTarget,
  SlaTargetRule,
  TargetSubject,
  ServicePolicyFigures,
} from './policy/service-policy';
export { DEFAULT_SERVICE_POLICY, targetGrade } from './policy/service-policy';
export { SERVICE_POLICY_DOCUMENT } from './policy/service-policy.document';
export { ServicePolicyReader, DEFAULT_POLICY_ISSUER } from './policy/service-policy.reader';
export { WORKING_CALENDAR_DOCUMENT } from './calendar/working-calendar.document';
export { WorkingCalendarReader } from './calendar/working-calendar.reader';
export * from './service-policy.module';
export { SERVICE_POLICY_ENTITIES, SERVICE_POLICY_MIGRATIONS } from './persistence';
export * from './service-policy-api.module';
export type { ServicePolicyView, SlaTargetView } from './policy/service-policy.view';
export type { WorkingCalendarYearView } from './calendar/working-calendar.view';
