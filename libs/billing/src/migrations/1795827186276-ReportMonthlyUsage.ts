import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReportMonthlyUsage1795827186276 implements MigrationInterface {
  name = 'ReportMonthlyUsage1795827186276';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "billing_monthly_usage"
            ADD "reported_version" bigint NOT NULL DEFAULT '0'
        `);
    await queryRunner.query(`
            CREATE INDEX "billing_monthly_usage_unreported_idx" ON "billing_monthly_usage" ("billing_month", "customer_id", "product")
            WHERE version > reported_version
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."billing_monthly_usage_unreported_idx"
        `);
    await queryRunner.query(`
            ALTER TABLE "billing_monthly_usage" DROP COLUMN "reported_version"
        `);
  }
}
