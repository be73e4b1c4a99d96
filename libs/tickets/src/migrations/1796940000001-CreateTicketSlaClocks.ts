import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTicketSlaClocks1796940000001 implements MigrationInterface {
  name = 'CreateTicketSlaClocks1796940000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "ticket_sla_clock" ("id" uuid NOT NULL, "ticket_id" uuid NOT NULL, "target" text NOT NULL, "clock" text NOT NULL, "target_minutes" integer NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "met_at" TIMESTAMP WITH TIME ZONE, "paused_minutes" double precision NOT NULL DEFAULT '0', "paused_since" TIMESTAMP WITH TIME ZONE, "stopped_at" TIMESTAMP WITH TIME ZONE, "grade" text NOT NULL, "group_member" boolean NOT NULL, "policy_issuer" text NOT NULL, "policy_version" bigint NOT NULL, CONSTRAINT "ticket_sla_clock_clock_chk" CHECK (clock IN ('continuous', 'workingDays')), CONSTRAINT "ticket_sla_clock_target_chk" CHECK (target IN ('response', 'restore')), CONSTRAINT "PK_2a9513818a57036f737855aa6a5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ticket_sla_clock_running_idx" ON "ticket_sla_clock" ("id") WHERE met_at IS NULL AND stopped_at IS NULL AND paused_since IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ticket_sla_clock_ticket_target_key" ON "ticket_sla_clock" ("ticket_id", "target") `,
    );
    await queryRunner.query(
      `CREATE TABLE "ticket_sla_threshold" ("ticket_id" uuid NOT NULL, "target" text NOT NULL, "percent" smallint NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "fired_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ticket_sla_threshold_percent_chk" CHECK (percent IN (50, 80, 100, 200)), CONSTRAINT "PK_b8c94bfc4cdab69eab99c9ac36e" PRIMARY KEY ("ticket_id", "target", "percent"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "ticket_sla_threshold"`);
    await queryRunner.query(`DROP INDEX "public"."ticket_sla_clock_ticket_target_key"`);
    await queryRunner.query(`DROP INDEX "public"."ticket_sla_clock_running_idx"`);
    await queryRunner.query(`DROP TABLE "ticket_sla_clock"`);
  }
}
