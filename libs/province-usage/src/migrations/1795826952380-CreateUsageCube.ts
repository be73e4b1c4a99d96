import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateUsageCube1795826952380 implements MigrationInterface {
  name = 'CreateUsageCube1795826952380';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "group_usage_cell" (
                "billing_month" text NOT NULL,
                "city_code" text NOT NULL,
                "group_code" text NOT NULL,
                "province_code" text NOT NULL,
                "revenue_fen" bigint NOT NULL,
                "customers" integer NOT NULL,
                "event_count" bigint NOT NULL,
                CONSTRAINT "PK_eb149775fa9299d35daf89d4e09" PRIMARY KEY ("billing_month", "city_code", "group_code")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "group_usage_cell_group_month_idx" ON "group_usage_cell" ("group_code", "billing_month")
        `);
    await queryRunner.query(`
            CREATE TABLE "usage_rollup_cell" (
                "billing_month" text NOT NULL,
                "city_code" text NOT NULL,
                "industry" text NOT NULL,
                "value_class" text NOT NULL,
                "grade" text NOT NULL,
                "product" text NOT NULL,
                "province_code" text NOT NULL,
                "revenue_fen" bigint NOT NULL,
                "customers" integer NOT NULL,
                "event_count" bigint NOT NULL,
                CONSTRAINT "PK_5668257deb63d6c2348d8524a1d" PRIMARY KEY (
                    "billing_month",
                    "city_code",
                    "industry",
                    "value_class",
                    "grade",
                    "product"
                )
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "usage_rollup_cell_province_month_idx" ON "usage_rollup_cell" ("province_code", "billing_month")
        `);
    await queryRunner.query(`
            CREATE TABLE "usage_slice" (
                "city_code" text NOT NULL,
                "billing_month" text NOT NULL,
                "province_code" text NOT NULL,
                "version" bigint NOT NULL,
                "revenue_fen" bigint NOT NULL,
                "event_count" bigint NOT NULL,
                "customers" integer NOT NULL,
                "newest_change_at" TIMESTAMP WITH TIME ZONE,
                "first_reported_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "reported_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_d346795cecc3a84fec0498ceb5c" PRIMARY KEY ("city_code", "billing_month")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "usage_slice_month_idx" ON "usage_slice" ("billing_month")
        `);
    await queryRunner.query(`
            CREATE TABLE "city_customer_usage" (
                "customer_id" uuid NOT NULL,
                "product" text NOT NULL,
                "billing_month" text NOT NULL,
                "city_code" text NOT NULL,
                "revenue_fen" bigint NOT NULL,
                "quantity" numeric NOT NULL,
                "event_count" integer NOT NULL,
                "version" bigint NOT NULL,
                "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_95f6143d878084fbc6c73363bac" PRIMARY KEY ("customer_id", "product", "billing_month")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "city_customer_usage_city_month_idx" ON "city_customer_usage" ("city_code", "billing_month")
        `);
    await queryRunner.query(`
            CREATE TABLE "usage_slice_dirty" (
                "city_code" text NOT NULL,
                "billing_month" text NOT NULL,
                "dirty_since" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_1ddee3ab17764b8abd9f7b84e1c" PRIMARY KEY ("city_code", "billing_month")
            )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TABLE "usage_slice_dirty"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."city_customer_usage_city_month_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "city_customer_usage"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."usage_slice_month_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "usage_slice"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."usage_rollup_cell_province_month_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "usage_rollup_cell"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."group_usage_cell_group_month_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "group_usage_cell"
        `);
  }
}
