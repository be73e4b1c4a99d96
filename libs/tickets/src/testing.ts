// Test entry point (@kaf/tickets/testing): the auto-close's deadline kind, its worker and the
// listener that arms it, driven directly against a real database and Redis by the integration
// suites. Other libs reach tickets through its public index.
export { AUTO_CLOSE_ACTOR, AutoCloseChecker } from './return-visits/auto-close.checker';
export { AUTO_CLOSE_DEADLINES, autoCloseAt } from './return-visits/auto-close.deadlines';
export { AutoCloseJob } from './return-visits/auto-close.job';
export { ReturnVisitListener } from './return-visits/return-visit.listener';
export { ReturnVisits } from './return-visits/return-visits';
