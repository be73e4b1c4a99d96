import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateBillingPolicyAndReconciliation1795827588065 implements MigrationInterface {
  name = 'CreateBillingPolicyAndReconciliation1795827588065';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "billing_policy" (
                "version" bigint NOT NULL,
                "high_value_min_monthly_fen" bigint NOT NULL,
                "churn_drop_percent" integer NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_by" text NOT NULL,
                CONSTRAINT "PK_a47f6e8f4d33beaf9630653492e" PRIMARY KEY ("version")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "reconciliation_child" (
                "run_id" uuid NOT NULL,
                "child_code" text NOT NULL,
                "cities" text array NOT NULL,
                "request_message_id" uuid NOT NULL,
                "answered_at" TIMESTAMP WITH TIME ZONE,
                "late" boolean NOT NULL DEFAULT false,
                "lines_compared" integer NOT NULL DEFAULT '0',
                "differences" jsonb NOT NULL,
                "resync_months" text array NOT NULL DEFAULT '{}',
                "resync_cities" text array NOT NULL DEFAULT '{}',
                "resync_message_id" uuid,
                CONSTRAINT "PK_4608177781f7b25698114298038" PRIMARY KEY ("run_id", "child_code")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "reconciliation_run" (
                "id" uuid NOT NULL,
                "status" text NOT NULL,
                "trigger" text NOT NULL,
                "requested_by" text,
                "months" text array NOT NULL,
                "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "deadline_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "finished_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_4fa08b87bbb63890254c8cdcb57" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "reconciliation_run_started_at_idx" ON "reconciliation_run" ("started_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "reconciliation_run_status_deadline_idx" ON "reconciliation_run" ("status", "deadline_at")
        `);
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

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TABLE "billing_policy_replica"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."reconciliation_run_status_deadline_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."reconciliation_run_started_at_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "reconciliation_run"
        `);
    await queryRunner.query(`
            DROP TABLE "reconciliation_child"
        `);
    await queryRunner.query(`
            DROP TABLE "billing_policy"
        `);
  }
}
