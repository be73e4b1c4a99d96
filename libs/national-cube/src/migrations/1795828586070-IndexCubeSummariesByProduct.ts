import { MigrationInterface, QueryRunner } from 'typeorm';

export class IndexCubeSummariesByProduct1795828586070 implements MigrationInterface {
  name = 'IndexCubeSummariesByProduct1795828586070';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE INDEX "usage_city_product_cell_product_month_idx" ON "usage_city_product_cell" ("product", "billing_month", "city_code")
        `);
    await queryRunner.query(`
            CREATE INDEX "usage_rollup_province_cell_product_month_idx" ON "usage_rollup_province_cell" ("product", "billing_month", "province_code")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."usage_rollup_province_cell_product_month_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."usage_city_product_cell_product_month_idx"
        `);
  }
}
