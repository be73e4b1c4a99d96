import type { MigrationInterface, QueryRunner } from 'typeorm';

const FIGURES = `
        "up_to_30_fen" bigint NOT NULL,
        "days_31_to_90_fen" bigint NOT NULL,
        "over_90_fen" bigint NOT NULL,
        "not_due_fen" bigint NOT NULL,
        "unallocated_fen" bigint NOT NULL`;

export class CreateArrearsRollups1796720000002 implements MigrationInterface {
  name = 'CreateArrearsRollups1796720000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "city_customer_arrears" (
        "customer_id" uuid NOT NULL,
        "billing_month" text NOT NULL,
        "city_code" text NOT NULL,${FIGURES},
        "accounts" integer NOT NULL,
        "version" bigint NOT NULL,
        "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "city_customer_arrears_pk" PRIMARY KEY ("customer_id", "billing_month")
      )`);
    await queryRunner.query(
      `CREATE INDEX "city_customer_arrears_city_month_idx" ON "city_customer_arrears" ("city_code", "billing_month")`,
    );
    await queryRunner.query(`
      CREATE TABLE "arrears_slice_dirty" (
        "city_code" text NOT NULL,
        "billing_month" text NOT NULL,
        "dirty_since" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "arrears_slice_dirty_pk" PRIMARY KEY ("city_code", "billing_month")
      )`);
    await queryRunner.query(`
      CREATE TABLE "arrears_slice" (
        "city_code" text NOT NULL,
        "billing_month" text NOT NULL,
        "province_code" text NOT NULL,
        "version" bigint NOT NULL,${FIGURES},
        "accounts" bigint NOT NULL,
        "customers" integer NOT NULL,
        "newest_change_at" TIMESTAMP WITH TIME ZONE,
        "first_reported_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "reported_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "arrears_slice_pk" PRIMARY KEY ("city_code", "billing_month")
      )`);
    await queryRunner.query(`CREATE INDEX "arrears_slice_month_idx" ON "arrears_slice" ("billing_month")`);
    await queryRunner.query(`
      CREATE TABLE "arrears_rollup_cell" (
        "city_code" text NOT NULL,
        "billing_month" text NOT NULL,
        "industry" text NOT NULL,
        "grade" text NOT NULL,
        "province_code" text NOT NULL,${FIGURES},
        "accounts" integer NOT NULL,
        "customers" integer NOT NULL,
        CONSTRAINT "arrears_rollup_cell_pk" PRIMARY KEY ("city_code", "billing_month", "industry", "grade")
      )`);
    await queryRunner.query(
      `CREATE INDEX "arrears_rollup_cell_month_idx" ON "arrears_rollup_cell" ("billing_month", "province_code")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "arrears_rollup_cell"`);
    await queryRunner.query(`DROP TABLE "arrears_slice"`);
    await queryRunner.query(`DROP TABLE "arrears_slice_dirty"`);
    await queryRunner.query(`DROP TABLE "city_customer_arrears"`);
  }
}
