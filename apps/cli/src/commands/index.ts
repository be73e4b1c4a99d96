import type { CommandEntry } from './command';

/** Every command the CLI knows, in the order `--help` lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'federation up',
    summary: 'start the nodes of a local federation and wait until they are ready',
    load: async () => (await import('./federation-up.command')).federationUpCommand,
  },
  {
    name: 'federation down',
    summary: 'stop the nodes of a local federation (children first)',
    load: async () => (await import('./federation-down.command')).federationDownCommand,
  },
  {
    name: 'federation status',
    summary: 'show whether each node is alive and ready, and its children reports',
    load: async () => (await import('./federation-status.command')).federationStatusCommand,
  },
  {
    name: 'federation wait-reports',
    summary: 'wait until every parent sees each started child reporting',
    load: async () => (await import('./federation-wait-reports.command')).federationWaitReportsCommand,
  },
  {
    name: 'federation documents',
    summary: 'show the documents each parent publishes or relays, and the version every node applied',
    load: async () => (await import('./federation-documents.command')).federationDocumentsCommand,
  },
  {
    name: 'federation figures',
    summary: 'reconcile the figures reported upward at every parent and show what each run found',
    load: async () => (await import('./federation-figures.command')).federationFiguresCommand,
  },
  {
    name: 'auth token',
    summary: 'mint a development bearer token signed with the federation key',
    load: async () => (await import('./auth-token.command')).authTokenCommand,
  },
  {
    name: 'seed demo',
    summary: 'fill a running local federation with demo data through its REST APIs',
    load: async () => (await import('./seed-demo.command')).seedDemoCommand,
  },
  {
    name: 'billing bills',
    summary: "send bills and payments for the cities' billing accounts through their provinces' door",
    load: async () => (await import('./billing-bills.command')).billingBillsCommand,
  },
  {
    name: 'billing load',
    summary: 'push billing usage to the city nodes through the REST or Kafka door; write the ground truth',
    load: async () => (await import('./billing-load.command')).billingLoadCommand,
  },
  {
    name: 'billing verify',
    summary: "compare the national and province analytics with a load's ground truth, to the fen",
    load: async () => (await import('./billing-verify.command')).billingVerifyCommand,
  },
  {
    name: 'one-stop demo',
    summary: 'walk one-stop circuit orders through a running local federation: quote, build, fail, settle',
    load: async () => (await import('./one-stop-demo.command')).oneStopDemoCommand,
  },
  {
    name: 'service demo',
    summary: 'walk a fault on a cross-province circuit to closed and a late complaint to its escalation',
    load: async () => (await import('./service-demo.command')).serviceDemoCommand,
  },
];
