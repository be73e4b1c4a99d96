import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCircuitTariffsQuotesAndPolicy1795838495045 implements MigrationInterface {
  name = 'CreateCircuitTariffsQuotesAndPolicy1795838495045';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "circuit_quote" (
                "id" uuid NOT NULL,
                "city_code" text NOT NULL,
                "customer_id" uuid NOT NULL,
                "product" text NOT NULL,
                "bandwidth_mbps" integer NOT NULL,
                "a_end_node" text NOT NULL,
                "z_end_node" text NOT NULL,
                "state" text NOT NULL,
                "state_reason" text,
                "one_time_total_fen" bigint,
                "monthly_total_fen" bigint,
                "valid_until" TIMESTAMP WITH TIME ZONE,
                "order_id" uuid,
                "requested_by" text NOT NULL,
                "quoted_at" TIMESTAMP WITH TIME ZONE,
                "accepted_at" TIMESTAMP WITH TIME ZONE,
                "ordered_at" TIMESTAMP WITH TIME ZONE,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "circuit_quote_ordered_chk" CHECK ((state = 'ordered') = (order_id IS NOT NULL)),
                CONSTRAINT "circuit_quote_bandwidth_chk" CHECK (
                    bandwidth_mbps BETWEEN 1 AND 100000
                ),
                CONSTRAINT "circuit_quote_state_chk" CHECK (
                    state IN (
                        'requested',
                        'quoted',
                        'infeasible',
                        'accepted',
                        'ordered'
                    )
                ),
                CONSTRAINT "PK_a1b6ad4ef79685eac21c2f7f925" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "circuit_quote_order_key" ON "circuit_quote" ("order_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "circuit_quote_customer_idx" ON "circuit_quote" ("customer_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "circuit_quote_line" (
                "quote_id" uuid NOT NULL,
                "role" text NOT NULL,
                "node_code" text NOT NULL,
                "feasible" boolean,
                "reason" text,
                "one_time_fen" bigint,
                "monthly_fen" bigint,
                "tariff_version" bigint,
                "answered_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "circuit_quote_line_answer_chk" CHECK (
                    (feasible IS NULL) = (answered_at IS NULL)
                    AND (
                        feasible IS NOT TRUE
                        OR (
                            one_time_fen >= 0
                            AND monthly_fen >= 0
                        )
                    )
                ),
                CONSTRAINT "circuit_quote_line_role_chk" CHECK (role IN ('a_end', 'z_end', 'transit')),
                CONSTRAINT "PK_82ac6bbf8842fee4a09b92db4e3" PRIMARY KEY ("quote_id", "role")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "one_stop_policy" (
                "version" bigint NOT NULL,
                "slas" jsonb NOT NULL,
                "transit_share_bp" integer NOT NULL,
                "overrides" jsonb NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_by" text NOT NULL,
                CONSTRAINT "one_stop_policy_transit_share_chk" CHECK (
                    transit_share_bp BETWEEN 0 AND 10000
                ),
                CONSTRAINT "one_stop_policy_version_chk" CHECK (version >= 1),
                CONSTRAINT "PK_4db31b872c9f5f8cc93474b185c" PRIMARY KEY ("version")
            )
        `);
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
    await queryRunner.query(`
            CREATE TABLE "circuit_tariff" (
                "product" text NOT NULL,
                "version" bigint NOT NULL,
                "one_time_fen" bigint NOT NULL,
                "monthly_base_fen" bigint NOT NULL,
                "monthly_per_mbps_fen" bigint NOT NULL,
                "max_bandwidth_mbps" integer NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_by" text NOT NULL,
                CONSTRAINT "circuit_tariff_version_chk" CHECK (version >= 1),
                CONSTRAINT "circuit_tariff_bandwidth_chk" CHECK (
                    max_bandwidth_mbps BETWEEN 1 AND 100000
                ),
                CONSTRAINT "circuit_tariff_fen_chk" CHECK (
                    one_time_fen >= 0
                    AND monthly_base_fen >= 0
                    AND monthly_per_mbps_fen >= 0
                ),
                CONSTRAINT "PK_be93770dc49b6ed738fc374f1a1" PRIMARY KEY ("product", "version")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "circuit_quote_line"
            ADD CONSTRAINT "FK_c70c94eabb4dab205c4ce60ef4c" FOREIGN KEY ("quote_id") REFERENCES "circuit_quote"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "circuit_quote_line" DROP CONSTRAINT "FK_c70c94eabb4dab205c4ce60ef4c"
        `);
    await queryRunner.query(`
            DROP TABLE "circuit_tariff"
        `);
    await queryRunner.query(`
            DROP TABLE "one_stop_policy_replica"
        `);
    await queryRunner.query(`
            DROP TABLE "one_stop_policy"
        `);
    await queryRunner.query(`
            DROP TABLE "circuit_quote_line"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."circuit_quote_customer_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."circuit_quote_order_key"
        `);
    await queryRunner.query(`
            DROP TABLE "circuit_quote"
        `);
  }
}
