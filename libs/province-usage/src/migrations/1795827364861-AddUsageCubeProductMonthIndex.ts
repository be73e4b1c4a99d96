import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Analytics read the cube by month range, mostly one product line ("*" for customer counts):
 * a covering index turns those reads into index-only scans of that line instead of every
 * product's cells. Written by hand: TypeORM cannot express INCLUDE (the entity declares the
 * index with synchronize: false).
 */
export class AddUsageCubeProductMonthIndex1795827364861 implements MigrationInterface {
  name = 'AddUsageCubeProductMonthIndex1795827364861';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE INDEX "usage_rollup_cell_product_month_idx" ON "usage_rollup_cell" ("product", "billing_month")
            INCLUDE ("province_code", "city_code", "industry", "value_class", "grade", "revenue_fen", "customers", "event_count")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."usage_rollup_cell_product_month_idx"
        `);
  }
}
