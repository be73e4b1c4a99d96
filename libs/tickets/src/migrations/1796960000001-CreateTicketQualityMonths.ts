import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTicketQualityMonths1796960000001 implements MigrationInterface {
  name = 'CreateTicketQualityMonths1796960000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "ticket_quality_month" ("billing_month" text NOT NULL, "active_customers" integer NOT NULL DEFAULT '0', "version" bigint NOT NULL DEFAULT '1', "reported_version" bigint NOT NULL DEFAULT '0', "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fb35f2eafa34d0a0f01df1e6a18" PRIMARY KEY ("billing_month"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ticket_quality_month_unreported_idx" ON "ticket_quality_month" ("billing_month") WHERE version > reported_version`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ticket_quality_month_unreported_idx"`);
    await queryRunner.query(`DROP TABLE "ticket_quality_month"`);
  }
}
