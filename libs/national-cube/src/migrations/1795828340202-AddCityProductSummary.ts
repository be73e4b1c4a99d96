import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddCityProductSummary1795828340202 implements MigrationInterface {
  name = 'AddCityProductSummary1795828340202';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "usage_city_product_cell" (
                "billing_month" text NOT NULL,
                "city_code" text NOT NULL,
                "product" text NOT NULL,
                "province_code" text NOT NULL,
                "revenue_fen" bigint NOT NULL,
                "customers" bigint NOT NULL,
                "event_count" bigint NOT NULL,
                CONSTRAINT "PK_6937c874fb8ec6b111a9ca08f45" PRIMARY KEY ("billing_month", "city_code", "product")
            )
        `);
    // Slices applied before this table existed: sum them once (usage_rollup_cell is authoritative).
    await queryRunner.query(`
            INSERT INTO "usage_city_product_cell"
            SELECT billing_month, city_code, product, province_code,
                   sum(revenue_fen), sum(customers), sum(event_count)
              FROM "usage_rollup_cell"
             GROUP BY billing_month, city_code, product, province_code
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TABLE "usage_city_product_cell"
        `);
  }
}
