import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateArrearsMonth1796710000001 implements MigrationInterface {
  name = 'CreateArrearsMonth1796710000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "billing_arrears_month" (
        "account_id" uuid NOT NULL,
        "billing_month" text NOT NULL,
        "customer_id" uuid NOT NULL,
        "as_of" date NOT NULL,
        "not_due_fen" bigint NOT NULL DEFAULT 0,
        "up_to_30_fen" bigint NOT NULL DEFAULT 0,
        "days_31_to_90_fen" bigint NOT NULL DEFAULT 0,
        "over_90_fen" bigint NOT NULL DEFAULT 0,
        "unallocated_fen" bigint NOT NULL DEFAULT 0,
        "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "billing_arrears_month_pk" PRIMARY KEY ("account_id", "billing_month")
      )`);
    await queryRunner.query(
      `CREATE INDEX "billing_arrears_month_customer_idx" ON "billing_arrears_month" ("customer_id", "billing_month")`,
    );
    await queryRunner.query(
      `CREATE INDEX "billing_arrears_month_changed_idx" ON "billing_arrears_month" ("changed_at")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "billing_arrears_month"`);
  }
}
