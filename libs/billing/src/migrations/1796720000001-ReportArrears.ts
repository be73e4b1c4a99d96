import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReportArrears1796720000001 implements MigrationInterface {
  name = 'ReportArrears1796720000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "billing_arrears_cell" (
        "customer_id" uuid NOT NULL,
        "billing_month" text NOT NULL,
        "version" bigint NOT NULL DEFAULT '1',
        "reported_version" bigint NOT NULL DEFAULT '0',
        "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_billing_arrears_cell" PRIMARY KEY ("customer_id", "billing_month")
      )`);
    await queryRunner.query(`
      CREATE INDEX "billing_arrears_cell_unreported_idx" ON "billing_arrears_cell" ("billing_month", "customer_id")
      WHERE version > reported_version`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "billing_arrears_cell"`);
  }
}
