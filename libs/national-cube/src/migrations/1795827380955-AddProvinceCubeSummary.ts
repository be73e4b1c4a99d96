import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddProvinceCubeSummary1795827380955 implements MigrationInterface {
  name = 'AddProvinceCubeSummary1795827380955';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "usage_rollup_province_cell" (
                "billing_month" text NOT NULL,
                "province_code" text NOT NULL,
                "industry" text NOT NULL,
                "value_class" text NOT NULL,
                "grade" text NOT NULL,
                "product" text NOT NULL,
                "revenue_fen" bigint NOT NULL,
                "customers" bigint NOT NULL,
                "event_count" bigint NOT NULL,
                CONSTRAINT "PK_22659cd89b9d2016349ae244f18" PRIMARY KEY (
                    "billing_month",
                    "province_code",
                    "industry",
                    "value_class",
                    "grade",
                    "product"
                )
            )
        `);
    // Slices applied before this table existed: sum them once (usage_rollup_cell is authoritative).
    await queryRunner.query(`
            INSERT INTO "usage_rollup_province_cell"
            SELECT billing_month, province_code, industry, value_class, grade, product,
                   sum(revenue_fen), sum(customers), sum(event_count)
              FROM "usage_rollup_cell"
             GROUP BY billing_month, province_code, industry, value_class, grade, product
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TABLE "usage_rollup_province_cell"
        `);
  }
}
