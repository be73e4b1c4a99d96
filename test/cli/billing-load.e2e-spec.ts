import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GroundTruth } from '@kaf/cli/billing/ground-truth';
import { main } from '@kaf/cli/main';
import { expectCellsEqualTruth } from '../support/city-cells';
import { FederationFixture } from '../support/federation-fixture';
import { BOOT_HOOK_TIMEOUT_MS, type NodeProcess } from '../support/node-process';
import { capturingContext, recordFederation } from '../support/recorded-federation';
import { waitFor } from '../support/wait';

const CITY = '440300';
const SOURCE = 'boss-load-e2e';

interface Cell {
  customer_id: string;
  product: string;
  billing_month: string;
  revenue_fen: string;
  quantity: string;
  event_count: number;
}

/** "1,234" → 1234 */
const num = (text: string | undefined): number => Number((text ?? '').replace(/,/g, ''));

/** The REST row of the summary table and the planned counts, as the command printed them. */
function summaryOf(stdout: readonly string[]): {
  sent: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  planned: { originals: number; corrections: number; duplicates: number; late: number };
} {
  const text = stdout.join('\n');
  const rest = /^rest\s+([\d,]+)\s+([\d,]+)\s+([\d,]+)\s+([\d,]+)/m.exec(text);
  const planned =
    /planned: ([\d,]+) new events \(([\d,]+) late.*?\), ([\d,]+) corrections, ([\d,]+) duplicates/.exec(text);
  if (!rest || !planned) throw new Error(`unexpected summary:\n${text}`);
  return {
    sent: num(rest[1]),
    accepted: num(rest[2]),
    duplicates: num(rest[3]),
    rejected: num(rest[4]),
    planned: {
      originals: num(planned[1]),
      late: num(planned[2]),
      corrections: num(planned[3]),
      duplicates: num(planned[4]),
    },
  };
}

/**
 * `billing load` against a real city node over the REST door: the truth file it writes equals
 * the city's monthly cells exactly, to the fen; duplicates and corrections are counted as the
 * ledger counts them; the same load sent again books nothing.
 */
describe('billing load against a city', () => {
  const fed = new FederationFixture();
  let city: NodeProcess;
  let runDir: string;
  /** Ledger rows the first load booked: the Kafka load adds to them. */
  let firstBooked = 0;
  const truthFile = join(mkdtempSync(join(tmpdir(), 'kaf-truth-')), 'truth.json');
  const args = [
    'billing',
    'load',
    '--customers',
    '12',
    '--events',
    '4000',
    '--duplicates',
    '5',
    '--corrections',
    '4',
    '--late',
    '10',
    '--batch',
    '250',
    '--concurrency',
    '4',
    '--seed',
    'e2e',
    '--source',
    SOURCE,
  ];

  beforeAll(async () => {
    city = await fed.addNode(CITY, 'city');
    await city.startAndWaitReady();
    runDir = recordFederation(fed, [{ node: city, parent: '440000' }]);
  }, BOOT_HOOK_TIMEOUT_MS);
  afterAll(() => fed.dispose(), 120_000);

  const cells = () =>
    fed.sql<Cell>(
      CITY,
      `SELECT customer_id, product, billing_month, revenue_fen::text, quantity::text, event_count
         FROM billing_monthly_usage WHERE event_count <> 0 ORDER BY customer_id, product, billing_month`,
    );

  it('books the load; the truth file equals every monthly cell to the fen', async () => {
    const ctx = capturingContext();
    const code = await main([...args, '--run-dir', runDir, '--truth', truthFile], ctx);
    expect({ code, stderr: code === 0 ? [] : ctx.stderr }).toEqual({ code: 0, stderr: [] });

    const s = summaryOf(ctx.stdout);
    expect(s.sent).toBe(4000);
    expect(s.planned.originals + s.planned.corrections + s.planned.duplicates).toBe(4000);
    expect(s.planned.duplicates).toBeGreaterThan(100);
    expect(s.planned.corrections).toBeGreaterThan(80);
    expect(s.planned.late).toBeGreaterThan(100);
    // Every new event and every correction is booked once; every copy is a duplicate.
    expect(s.accepted).toBe(s.planned.originals + s.planned.corrections);
    expect(s.duplicates).toBe(s.planned.duplicates);
    firstBooked = s.accepted;
    expect(s.rejected).toBe(0);

    const truth = GroundTruth.read(truthFile);
    expect(truth.cityCodes()).toEqual([CITY]);
    await expectCellsEqualTruth(fed, truth);

    // The ledger: one row per booked event, each correction replacing exactly one original.
    expect(
      await fed.count(CITY, 'SELECT count(*) AS n FROM billing_usage_event WHERE source = $1', [SOURCE]),
    ).toBe(s.planned.originals + s.planned.corrections);
    expect(
      await fed.count(
        CITY,
        'SELECT count(*) AS n FROM billing_usage_event WHERE superseded_by IS NOT NULL',
        [],
      ),
    ).toBe(s.planned.corrections);
    // Events in force per month, and revenue per month, as the truth file states them.
    const months = await fed.sql<{ billing_month: string; revenue: string; events: string }>(
      CITY,
      `SELECT billing_month, sum(amount_fen)::text AS revenue, count(*)::text AS events
         FROM billing_usage_event WHERE superseded_by IS NULL GROUP BY billing_month ORDER BY billing_month`,
    );
    expect(
      months.map((m) => ({ month: m.billing_month, revenueFen: m.revenue, eventCount: Number(m.events) })),
    ).toEqual(truth.toJSON().cities[0]!.months);
    // Credits are part of the load.
    expect(
      await fed.count(CITY, 'SELECT count(*) AS n FROM billing_usage_event WHERE amount_fen < 0'),
    ).toBeGreaterThan(0);
    // The twelve customers were created through the API.
    expect(await fed.count(CITY, 'SELECT count(*) AS n FROM customer')).toBe(12);
  }, 300_000);

  it('books nothing when the same load is sent again', async () => {
    const before = await cells();
    const ctx = capturingContext();
    const code = await main([...args, '--run-dir', runDir], ctx);
    expect(code).toBe(0);
    const s = summaryOf(ctx.stdout);
    expect(s).toMatchObject({ sent: 4000, accepted: 0, duplicates: 4000, rejected: 0 });
    expect(await cells()).toEqual(before);
    await expectCellsEqualTruth(fed, GroundTruth.read(truthFile));
  }, 300_000);

  it('books a load through the Kafka door: the cells equal both truths to the fen, nothing parked', async () => {
    const kafkaTruthFile = join(mkdtempSync(join(tmpdir(), 'kaf-truth-')), 'truth-kafka.json');
    const ctx = capturingContext();
    const kafkaArgs = [...args.slice(0, -4), '--seed', 'e2e-kafka', '--source', SOURCE, '--door', 'kafka'];
    const code = await main([...kafkaArgs, '--run-dir', runDir, '--truth', kafkaTruthFile], ctx);
    expect({ code, stderr: code === 0 ? [] : ctx.stderr }).toEqual({ code: 0, stderr: [] });
    const text = ctx.stdout.join('\n');
    expect(text).toMatch(/^kafka\s+4,000\s+booked by the door/m);
    const planned = /planned: ([\d,]+) new events .*?, ([\d,]+) corrections, ([\d,]+) duplicates/.exec(text)!;
    const [originals, corrections] = [num(planned[1]), num(planned[2])];

    // The door books asynchronously: wait for its last event, then every cell must match.
    const both = GroundTruth.merge([GroundTruth.read(truthFile), GroundTruth.read(kafkaTruthFile)]);
    await waitFor(
      'the Kafka door to book the load',
      () => fed.count(CITY, 'SELECT count(*) AS n FROM billing_usage_event WHERE source = $1', [SOURCE]),
      (n) => n >= firstBooked + originals + corrections,
      180_000,
    );
    await expectCellsEqualTruth(fed, both);
    expect(
      await fed.count(CITY, 'SELECT count(*) AS n FROM billing_usage_event WHERE source = $1', [SOURCE]),
    ).toBe(firstBooked + originals + corrections);
    expect(await fed.count(CITY, 'SELECT count(*) AS n FROM billing_parked_event')).toBe(0);
  }, 300_000);

  it('refuses bad options naming them', async () => {
    const ctx = capturingContext();
    expect(await main(['billing', 'load', '--run-dir', runDir, '--months', '2026-05..2026-01'], ctx)).toBe(2);
    expect(ctx.stderr.join('\n')).toContain('--months 2026-05 comes after 2026-01');
    expect(await main(['billing', 'load', '--run-dir', runDir, '--products', 'fax'], ctx)).toBe(2);
    expect(ctx.stderr.join('\n')).toContain('--products: unknown fax');
  });
});
