import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Provinces and cities hold the billing policy as the `billing-policy` document now; the node asks
 * its parent for it at boot when it holds none, so the old one-row replica is not carried over.
 */
export class DropBillingPolicyReplica1796618601111 implements MigrationInterface {
  name = 'DropBillingPolicyReplica1796618601111';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS "billing_policy_replica"`);
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
