import { billingAccountsCases } from '../billing-accounts/billing-accounts.cases';
import { billingLoadProvinceCases } from '../cli/billing-load-province.cases';
import { FederationFixture } from '../support/federation-fixture';
import { BOOT_HOOK_TIMEOUT_MS } from '../support/node-process';
import { provinceDoorCases } from './province-door.cases';

/**
 * One federation of a province over two cities (440000 over 440100 and 440300) for the suites of
 * that shape: the billing load through the province-wide doors (first, on the fresh nodes: it
 * compares whole cells and counts every parked event), the province-wide door itself, and billing
 * accounts. Each suite keeps to its own billing source and customers; booting the three nodes once
 * instead of once per suite saves two boots of the e2e stage (docs/benchmarks.md, "The test suite").
 */
const fed = new FederationFixture();

beforeAll(async () => {
  const nodes = [
    // The province's slice builder has no national node to feed here.
    await fed.addNode('440000', 'province', { USAGE_SLICE_INTERVAL_MS: '600000' }),
    await fed.addNode('440100', 'city'),
    // Killed and restarted by the province-wide door's cases: its restart rejoins its consumer
    // groups once the killed process's session is over, after 10 s instead of 30 s.
    await fed.addNode('440300', 'city', { KAFKA_SESSION_TIMEOUT_MS: '10000' }),
  ];
  await Promise.all(nodes.map((n) => n.startAndWaitReady()));
}, BOOT_HOOK_TIMEOUT_MS);

afterAll(() => fed.dispose(), 120_000);

billingLoadProvinceCases(fed);
provinceDoorCases(fed);
billingAccountsCases(fed);
