import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Provinces and cities hold the one-stop policy as the `one-stop-policy` document now; the node
 * asks its parent for it at boot when it holds none, so the old one-row replica is not carried over.
 */
export class DropOneStopPolicyReplica1796618601112 implements MigrationInterface {
  name = 'DropOneStopPolicyReplica1796618601112';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS "one_stop_policy_replica"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "one_stop_policy_replica" (
                "id" smallint NOT NULL DEFAULT '1',
                "version" bigint NOT NULL,
                "slas" jsonb NOT NULL,
                "transit_share_bp" integer NOT NULL,
                "overrides" jsonb NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "one_stop_policy_replica_single_row" CHECK ("id" = 1),
                CONSTRAINT "PK_4a14220cdff1cea218a67bae96b" PRIMARY KEY ("id")
            )
        `);
  }
}
