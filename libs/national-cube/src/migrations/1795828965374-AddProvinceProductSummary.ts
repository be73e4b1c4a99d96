import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddProvinceProductSummary1795828965374 implements MigrationInterface {
  name = 'AddProvinceProductSummary1795828965374';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "usage_province_product_cell" (
                "billing_month" text NOT NULL,
                "province_code" text NOT NULL,
                "product" text NOT NULL,
                "revenue_fen" bigint NOT NULL,
                "customers" bigint NOT NULL,
                "event_count" bigint NOT NULL,
                CONSTRAINT "PK_c3e7e4ff4ee4dbbc319556630c2" PRIMARY KEY ("billing_month", "province_code", "product")
            )
        `);
    // Slices applied before this table existed: sum them once (usage_rollup_cell is authoritative).
    await queryRunner.query(`
            INSERT INTO "usage_province_product_cell"
            SELECT billing_month, province_code, product, sum(revenue_fen), sum(customers), sum(event_count)
              FROM "usage_rollup_cell"
             GROUP BY billing_month, province_code, product
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TABLE "usage_province_product_cell"
        `);
  }
}
