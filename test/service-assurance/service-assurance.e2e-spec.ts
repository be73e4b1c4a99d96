import { FederationFixture } from '../support/federation-fixture';
import { BOOT_HOOK_TIMEOUT_MS } from '../support/node-process';
import { crossRegionCases } from './cross-region.cases';
import { escalationsCases } from './escalations.cases';
import { serviceQualityCases } from './service-quality.cases';
import { servicePolicyCases } from './service-policy.cases';
import { slaClocksCases } from './sla-clocks.cases';

/**
 * One federation of CN over two provinces for the service-assurance suites: Guangdong (440000)
 * with Shenzhen (440300) and Guangzhou (440100), Zhejiang (330000) with Hangzhou (330100). The
 * suites run in an order each of them needs:
 *
 * 1. service quality, on the fresh nodes: its figures are computed from every ticket, SLA clock and
 *    raised escalation of Shenzhen and Guangzhou, which the later suites add to;
 * 2. the service policy, while no policy or calendar has been published anywhere (it counts every
 *    publication and its audit entries); it leaves CN's version 1 in force and Guangdong's
 *    override withdrawn;
 * 3. escalations, before any clock has raised one: it lists all that the province and CN hold,
 *    and leaves one open at the province, which the SLA clocks tell from theirs by its case;
 * 4. the SLA clocks: they publish CN's next policy version, kill and restart Shenzhen and flush
 *    Redis, which loses every node's timers;
 * 5. across the two provinces, last: it puts Guangdong's override and a calendar with today a
 *    holiday in force, which would change the clocks of any suite after it.
 *
 * Booting the six nodes once instead of once per suite saves four boots of the e2e stage
 * (docs/benchmarks.md, "The test suite").
 */
const fed = new FederationFixture();

beforeAll(async () => {
  // Six nodes beside another suite's federation: pools of 5 (each node holds at most 10
  // connections, ADR 0042) keep the two within PostgreSQL's default 100 connections.
  const pool = { DB_POOL_SIZE: '5' };
  // The topology's other children run no process: their silence ends a reconciliation run after 5 s.
  const runs = { ...pool, RECONCILIATION_ANSWER_TIMEOUT_MS: '5000' };
  const nodes = [
    await fed.addNode('CN', 'national', runs),
    await fed.addNode('440000', 'province', { ...runs, USAGE_SLICE_INTERVAL_MS: '100' }),
    // Killed and restarted by the SLA clocks' cases: its restart rejoins its consumer groups once
    // the killed process's session is over, after 10 s instead of 30 s. Its timers are rebuilt
    // from the database every second, so those lost with Redis come back at once.
    await fed.addNode('440300', 'city', {
      ...pool,
      USAGE_REPORT_INTERVAL_MS: '100',
      TICKET_SLA_RECONCILE_MS: '1000',
      KAFKA_SESSION_TIMEOUT_MS: '10000',
    }),
    await fed.addNode('440100', 'city', { ...pool, USAGE_REPORT_INTERVAL_MS: '100' }),
    await fed.addNode('330000', 'province', { ...runs, USAGE_SLICE_INTERVAL_MS: '100' }),
    await fed.addNode('330100', 'city', { ...pool, USAGE_REPORT_INTERVAL_MS: '100' }),
  ];
  await Promise.all(nodes.map((n) => n.startAndWaitReady()));
}, BOOT_HOOK_TIMEOUT_MS);

afterAll(() => fed.dispose(), 120_000);

serviceQualityCases(fed);
servicePolicyCases(fed);
escalationsCases(fed);
slaClocksCases(fed);
crossRegionCases(fed);
