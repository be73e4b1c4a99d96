// For integration suites: the repositories behind the directory and the routes, to build them
// over a test database without a Nest application.
export { BillingAccountRepository } from './accounts/billing-account.repository';
export { ReportedBillingAccountRepository } from './routes/reported-billing-account.repository';
