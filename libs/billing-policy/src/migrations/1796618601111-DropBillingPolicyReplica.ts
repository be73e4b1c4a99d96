import { toBinary } from '@bufbuild/protobuf';
import { BillingPolicyPublishedSchema } from '@kaf/contracts';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { toBody } from '../billing-policy.document';

/**
 * Provinces and cities hold the billing policy as the `billing-policy` document now. The version a
 * node held in the old one-row replica is carried over as the document's version (issued by the
 * national node, whose code is always `CN`), so the node keeps its policy through the upgrade and
 * a later publication of the same version changes nothing; then the replica goes.
 */
export class DropBillingPolicyReplica1796618601111 implements MigrationInterface {
  name = 'DropBillingPolicyReplica1796618601111';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const rows = (await queryRunner.query(
      `SELECT version::text, high_value_min_monthly_fen::text AS fen, churn_drop_percent AS percent, updated_at
         FROM billing_policy_replica`,
    )) as { version: string; fen: string; percent: number; updated_at: Date }[];
    for (const row of rows) {
      const policy = {
        version: BigInt(row.version),
        highValueMinMonthlyFen: BigInt(row.fen),
        churnDropPercent: row.percent,
      };
      await queryRunner.query(
        `INSERT INTO document_version (document, key, issuer, version, body, audience, published_at)
         VALUES ('billing-policy', '', 'CN', $1, $2, '{"tiers":[],"nodes":[]}', $3)
         ON CONFLICT DO NOTHING`,
        [
          row.version,
          Buffer.from(toBinary(BillingPolicyPublishedSchema, toBody(policy, row.updated_at))),
          row.updated_at,
        ],
      );
    }
    await queryRunner.query(`DROP TABLE "billing_policy_replica"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "billing_policy_replica" (
                "id" smallint NOT NULL DEFAULT '1',
                "version" bigint NOT NULL,
                "high_value_min_monthly_fen" bigint NOT NULL,
                "churn_drop_percent" integer NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "billing_policy_replica_single_row" CHECK ("id" = 1),
                CONSTRAINT "PK_972135155bff608f81cb189dbd8" PRIMARY KEY ("id")
            )
        `);
  }
}
