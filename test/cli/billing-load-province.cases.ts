import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GroundTruth } from '@kaf/cli/billing/ground-truth';
import { main } from '@kaf/cli/main';
import { expectCellsEqualTruth as expectTruthInCells } from '../support/city-cells';
import type { FederationFixture } from '../support/federation-fixture';
import { capturingContext, recordFederation } from '../support/recorded-federation';
import { waitFor } from '../support/wait';

const PROVINCE = '440000';
const CITIES = ['440100', '440300'];
const SOURCE = 'boss-province-load-e2e';
const CUSTOMERS = 6;

/** "1,234" → 1234 */
const num = (text: string | undefined): number => Number((text ?? '').replace(/,/g, ''));

function planned(stdout: readonly string[]): { originals: number; corrections: number; duplicates: number } {
  const text = stdout.join('\n');
  const m = /planned: ([\d,]+) new events .*?, ([\d,]+) corrections, ([\d,]+) duplicates/.exec(text);
  if (!m) throw new Error(`unexpected summary:\n${text}`);
  return { originals: num(m[1]), corrections: num(m[2]), duplicates: num(m[3]) };
}

/**
 * `billing load` through the province-wide doors (440000 over 440100 and 440300): the customers
 * get billing accounts of the load's source at their cities, the events name those accounts, the
 * province routes them, and every city's monthly cells equal the truth file to the fen, as
 * through the city doors; a second load through the province's topic reuses the accounts. Runs
 * first on the fresh federation of test/billing/province-billing.e2e-spec.ts: the cities' cells,
 * customers and parked events are the loads' own.
 */
export const billingLoadProvinceCases = (fed: FederationFixture): void =>
  describe('billing load through the province-wide door', () => {
    let runDir: string;
    const truthFile = join(mkdtempSync(join(tmpdir(), 'kaf-truth-')), 'truth.json');
    const args = [
      'billing',
      'load',
      '--customers',
      String(CUSTOMERS),
      '--events',
      '3000',
      '--duplicates',
      '5',
      '--corrections',
      '4',
      '--late',
      '10',
      '--batch',
      '250',
      '--source',
      SOURCE,
    ];

    beforeAll(() => {
      runDir = recordFederation(fed, [
        { node: fed.node(PROVINCE), parent: 'CN' },
        ...CITIES.map((code) => ({ node: fed.node(code), parent: PROVINCE })),
      ]);
    });

    const booked = async (): Promise<number> => {
      let n = 0;
      for (const code of CITIES) {
        n += await fed.count(code, 'SELECT count(*) AS n FROM billing_usage_event WHERE source = $1', [
          SOURCE,
        ]);
      }
      return n;
    };

    const expectCellsEqualTruth = async (truth: GroundTruth): Promise<void> => {
      expect(truth.cityCodes().sort()).toEqual(CITIES);
      await expectTruthInCells(fed, truth);
    };

    const accountsOfSource = async (): Promise<number[]> =>
      Promise.all(
        CITIES.map((code) =>
          fed.count(code, 'SELECT count(*) AS n FROM billing_account WHERE source = $1', [SOURCE]),
        ),
      );

    const parkedAnywhere = async (): Promise<number[]> =>
      Promise.all(
        [PROVINCE, ...CITIES].map((code) =>
          fed.count(code, 'SELECT count(*) AS n FROM billing_parked_event'),
        ),
      );

    it('creates an account per customer, sends by account number through the REST door, and the cells equal the truth', async () => {
      const ctx = capturingContext();
      const code = await main(
        [...args, '--door', 'province', '--seed', 'e2e-province', '--run-dir', runDir, '--truth', truthFile],
        ctx,
      );
      expect({ code, stderr: code === 0 ? [] : ctx.stderr }).toEqual({ code: 0, stderr: [] });
      const text = ctx.stdout.join('\n');
      // Every event, copies included, is routed; the cities drop the copies.
      expect(text).toMatch(/^province\s+3,000\s+3,000 routed\s+at the city\s+0\s/m);
      expect(await accountsOfSource()).toEqual([CUSTOMERS, CUSTOMERS]);

      const p = planned(ctx.stdout);
      expect(p.duplicates).toBeGreaterThan(50);
      expect(p.corrections).toBeGreaterThan(50);
      await waitFor(
        'the cities to book the routed events',
        booked,
        (n) => n >= p.originals + p.corrections,
        180_000,
      );
      await expectCellsEqualTruth(GroundTruth.read(truthFile));
      expect(await booked()).toBe(p.originals + p.corrections);
      expect(await parkedAnywhere()).toEqual([0, 0, 0]);
    }, 300_000);

    it("sends through the province's topic with the same accounts; the cells equal both truths", async () => {
      const kafkaTruthFile = join(mkdtempSync(join(tmpdir(), 'kaf-truth-')), 'truth-kafka.json');
      const before = await booked();
      const ctx = capturingContext();
      const code = await main(
        [
          ...args,
          '--door',
          'province-kafka',
          '--seed',
          'e2e-province-kafka',
          '--run-dir',
          runDir,
          '--truth',
          kafkaTruthFile,
        ],
        ctx,
      );
      expect({ code, stderr: code === 0 ? [] : ctx.stderr }).toEqual({ code: 0, stderr: [] });
      expect(ctx.stdout.join('\n')).toMatch(/^province-kafka\s+3,000\s+routed by the door/m);
      expect(await accountsOfSource()).toEqual([CUSTOMERS, CUSTOMERS]);

      const p = planned(ctx.stdout);
      await waitFor(
        "the province's topic to be routed and booked",
        booked,
        (n) => n >= before + p.originals + p.corrections,
        180_000,
      );
      await expectCellsEqualTruth(
        GroundTruth.merge([GroundTruth.read(truthFile), GroundTruth.read(kafkaTruthFile)]),
      );
      expect(await booked()).toBe(before + p.originals + p.corrections);
      expect(await parkedAnywhere()).toEqual([0, 0, 0]);
    }, 300_000);

    it('refuses an unknown door naming the choices', async () => {
      const ctx = capturingContext();
      expect(await main(['billing', 'load', '--run-dir', runDir, '--door', 'national'], ctx)).toBe(2);
      expect(ctx.stderr.join('\n')).toContain(
        '--door must be one of rest, kafka, both, province, province-kafka',
      );
    });
  });
