import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOneStopSettlement1795838562078 implements MigrationInterface {
  name = 'CreateOneStopSettlement1795838562078';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "one_stop_settlement_run" (
                "id" uuid NOT NULL,
                "billing_month" text NOT NULL,
                "trigger" text NOT NULL,
                "requested_by" text,
                "policy_version" bigint NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "one_stop_settlement_run_trigger_chk" CHECK (trigger IN ('manual', 'scheduled')),
                CONSTRAINT "PK_dfd169616cffe0f98a207ac4956" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "one_stop_settlement_run_created_idx" ON "one_stop_settlement_run" ("created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "one_stop_settlement_run_month_idx" ON "one_stop_settlement_run" ("billing_month")
        `);
    await queryRunner.query(`
            CREATE TABLE "one_stop_circuit" (
                "order_id" uuid NOT NULL,
                "home_node" text NOT NULL,
                "customer_id" uuid NOT NULL,
                "product" text NOT NULL,
                "bandwidth_mbps" integer NOT NULL,
                "a_end_node" text NOT NULL,
                "z_end_node" text NOT NULL,
                "transit_node" text,
                "a_end_province" text NOT NULL,
                "z_end_province" text NOT NULL,
                "monthly_charge_fen" bigint NOT NULL,
                "one_time_charge_fen" bigint NOT NULL,
                "completed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "first_billing_month" text NOT NULL,
                "circuit_ids" text array NOT NULL,
                "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "one_stop_circuit_charges_chk" CHECK (
                    monthly_charge_fen >= 0
                    AND one_time_charge_fen >= 0
                ),
                CONSTRAINT "PK_04cd116df50a6247af46d45980e" PRIMARY KEY ("order_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "one_stop_circuit_first_month_idx" ON "one_stop_circuit" ("first_billing_month")
        `);
    await queryRunner.query(`
            CREATE TABLE "one_stop_settlement_record" (
                "id" uuid NOT NULL,
                "billing_month" text NOT NULL,
                "order_id" uuid NOT NULL,
                "role" text NOT NULL,
                "region_code" text NOT NULL,
                "share_bp" integer NOT NULL,
                "amount_fen" bigint NOT NULL,
                "product" text NOT NULL,
                "policy_version" bigint NOT NULL,
                "run_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "one_stop_settlement_record_month_order_role_key" UNIQUE ("billing_month", "order_id", "role"),
                CONSTRAINT "one_stop_settlement_record_amount_chk" CHECK (amount_fen >= 0),
                CONSTRAINT "one_stop_settlement_record_share_chk" CHECK (
                    share_bp BETWEEN 0 AND 10000
                ),
                CONSTRAINT "one_stop_settlement_record_role_chk" CHECK (role IN ('a_end', 'z_end', 'transit')),
                CONSTRAINT "PK_4575a88abde0800d21b219176b4" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "one_stop_settlement_record_order_idx" ON "one_stop_settlement_record" ("order_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "one_stop_settlement_record_region_month_idx" ON "one_stop_settlement_record" ("region_code", "billing_month")
        `);
    await queryRunner.query(`
            CREATE INDEX "one_stop_settlement_record_run_idx" ON "one_stop_settlement_record" ("run_id")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."one_stop_settlement_record_run_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."one_stop_settlement_record_region_month_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."one_stop_settlement_record_order_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "one_stop_settlement_record"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."one_stop_circuit_first_month_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "one_stop_circuit"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."one_stop_settlement_run_month_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."one_stop_settlement_run_created_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "one_stop_settlement_run"
        `);
  }
}
