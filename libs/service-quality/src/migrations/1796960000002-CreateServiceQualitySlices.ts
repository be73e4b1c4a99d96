import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateServiceQualitySlices1796960000002 implements MigrationInterface {
  name = 'CreateServiceQualitySlices1796960000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "service_quality_line" ("city_code" text NOT NULL, "billing_month" text NOT NULL, "ticket_type" text NOT NULL, "severity" text NOT NULL, "grade" text NOT NULL, "province_code" text NOT NULL, "opened" bigint NOT NULL DEFAULT '0', "closed" bigint NOT NULL DEFAULT '0', "response_due" bigint NOT NULL DEFAULT '0', "response_met" bigint NOT NULL DEFAULT '0', "restore_due" bigint NOT NULL DEFAULT '0', "restore_met" bigint NOT NULL DEFAULT '0', "restored_count" bigint NOT NULL DEFAULT '0', "restore_minutes_sum" bigint NOT NULL DEFAULT '0', "escalations_open" bigint NOT NULL DEFAULT '0', "return_visits_due" bigint NOT NULL DEFAULT '0', "return_visits_done" bigint NOT NULL DEFAULT '0', "satisfaction_sum" bigint NOT NULL DEFAULT '0', "satisfaction_count" bigint NOT NULL DEFAULT '0', CONSTRAINT "PK_85b45cea323892f3d44621773a0" PRIMARY KEY ("city_code", "billing_month", "ticket_type", "severity", "grade"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "service_quality_line_month_idx" ON "service_quality_line" ("billing_month", "province_code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "service_quality_slice_dirty" ("city_code" text NOT NULL, "billing_month" text NOT NULL, "dirty_since" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_321ca1d10cb5de241dab6553f19" PRIMARY KEY ("city_code", "billing_month"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "service_quality_slice_sent" ("city_code" text NOT NULL, "billing_month" text NOT NULL, "version" bigint NOT NULL, "reported_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b184cdeb3232c71faeec2b23f51" PRIMARY KEY ("city_code", "billing_month"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "service_quality_slice" ("city_code" text NOT NULL, "billing_month" text NOT NULL, "province_code" text NOT NULL, "version" bigint NOT NULL, "active_customers" integer NOT NULL, "computed_at" TIMESTAMP WITH TIME ZONE, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d2d571d5d306587b6226a316b52" PRIMARY KEY ("city_code", "billing_month"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "service_quality_slice_province_idx" ON "service_quality_slice" ("province_code", "billing_month") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."service_quality_slice_province_idx"`);
    await queryRunner.query(`DROP TABLE "service_quality_slice"`);
    await queryRunner.query(`DROP TABLE "service_quality_slice_sent"`);
    await queryRunner.query(`DROP TABLE "service_quality_slice_dirty"`);
    await queryRunner.query(`DROP INDEX "public"."service_quality_line_month_idx"`);
    await queryRunner.query(`DROP TABLE "service_quality_line"`);
  }
}
