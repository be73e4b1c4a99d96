import { fromBinary } from '@bufbuild/protobuf';
import type { MigrationInterface } from 'typeorm';
import { BILLING_POLICY_ENTITIES, BILLING_POLICY_MIGRATIONS } from '@kaf/billing-policy';
import { BillingPolicyPublishedSchema, OneStopPolicyPublishedSchema } from '@kaf/contracts';
import { DOCUMENTS_ENTITIES, DOCUMENTS_MIGRATIONS } from '@kaf/documents';
import { ESCALATIONS_ENTITIES, ESCALATIONS_MIGRATIONS } from '@kaf/escalations';
import { ONE_STOP_ENTITIES, ONE_STOP_MIGRATIONS } from '@kaf/one-stop';
import { UPWARD_FIGURES_ENTITIES, UPWARD_FIGURES_MIGRATIONS } from '@kaf/upward-figures';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

type MigrationClass = new () => MigrationInterface;
const named = (list: readonly MigrationClass[], prefix: string): MigrationInterface => {
  const found = list.find((m) => m.name.startsWith(prefix));
  if (!found) throw new Error(`no migration ${prefix}`);
  return new found();
};

/**
 * The upgrade that replaced the policy replicas by documents: a node keeps the version it held,
 * as the document's version, so it does not fall back to its defaults until its parent answers.
 */
describe('policy replicas carried over into documents', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('replicas', {
      entities: [
        ...DOCUMENTS_ENTITIES,
        ...BILLING_POLICY_ENTITIES,
        ...UPWARD_FIGURES_ENTITIES,
        ...ESCALATIONS_ENTITIES,
        ...ONE_STOP_ENTITIES,
      ],
      migrations: [
        ...DOCUMENTS_MIGRATIONS,
        ...BILLING_POLICY_MIGRATIONS,
        ...UPWARD_FIGURES_MIGRATIONS,
        ...ESCALATIONS_MIGRATIONS,
        ...ONE_STOP_MIGRATIONS,
      ],
    });
  }, 60_000);
  afterAll(() => db.dispose());

  const held = (document: string) =>
    db.dataSource.query<{ issuer: string; version: string; body: Buffer; published_at: Date }[]>(
      `SELECT issuer, version::text, body, published_at FROM document_version WHERE document = $1 AND key = ''`,
      [document],
    );
  const tableExists = async (table: string) =>
    (await db.dataSource.query<{ t: string | null }[]>(`SELECT to_regclass($1)::text AS t`, [table]))[0]
      ?.t !== null;

  it('keeps the billing policy a node held', async () => {
    const migration = named(BILLING_POLICY_MIGRATIONS, 'DropBillingPolicyReplica');
    const runner = db.dataSource.createQueryRunner();
    try {
      // The node as it was before the upgrade: version 4 of the policy in its replica.
      await migration.down(runner);
      const updatedAt = new Date('2026-11-02T03:04:05.000Z');
      await runner.query(
        `INSERT INTO billing_policy_replica (id, version, high_value_min_monthly_fen, churn_drop_percent, updated_at)
         VALUES (1, 4, 7500000, 35, $1)`,
        [updatedAt],
      );
      await migration.up(runner);
      const [row] = await held('billing-policy');
      expect(row).toMatchObject({ issuer: 'CN', version: '4', published_at: updatedAt });
      const body = fromBinary(BillingPolicyPublishedSchema, row!.body);
      expect([body.version, body.highValueMinMonthlyFen, body.churnDropPercent]).toEqual([4n, 7500000n, 35]);
      expect(await tableExists('billing_policy_replica')).toBe(false);
    } finally {
      await runner.release();
    }
  });

  it('keeps the one-stop policy a node held', async () => {
    const migration = named(ONE_STOP_MIGRATIONS, 'DropOneStopPolicyReplica');
    const runner = db.dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      const slas = [
        { product: 'digital_circuit', endSegmentSeconds: 86_400, transitSegmentSeconds: 43_200 },
        { product: 'ddn', endSegmentSeconds: 86_400, transitSegmentSeconds: 43_200 },
        { product: 'mpls_vpn', endSegmentSeconds: 172_800, transitSegmentSeconds: 86_400 },
        { product: 'ethernet_private_line', endSegmentSeconds: 172_800, transitSegmentSeconds: 86_400 },
      ];
      const overrides = [
        { aEndProvince: '440000', zEndProvince: '330000', aEndBp: 4000, zEndBp: 4000, transitBp: 2000 },
      ];
      await runner.query(
        `INSERT INTO one_stop_policy_replica (id, version, slas, transit_share_bp, overrides, updated_at)
         VALUES (1, 7, $1::jsonb, 1500, $2::jsonb, now())`,
        [JSON.stringify(slas), JSON.stringify(overrides)],
      );
      await migration.up(runner);
      const [row] = await held('one-stop-policy');
      expect(row).toMatchObject({ issuer: 'CN', version: '7' });
      const body = fromBinary(OneStopPolicyPublishedSchema, row!.body);
      expect(body.version).toBe(7n);
      expect(body.transitShareBp).toBe(1500);
      expect(body.slas.map((s) => [s.product, s.endSegmentSeconds])).toEqual(
        slas.map((s) => [s.product, s.endSegmentSeconds]),
      );
      expect(body.overrides.map((o) => [o.aEndProvince, o.zEndProvince, o.transitBp])).toEqual([
        ['440000', '330000', 2000],
      ]);
      expect(await tableExists('one_stop_policy_replica')).toBe(false);
    } finally {
      await runner.release();
    }
  });
});
