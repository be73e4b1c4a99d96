import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateBillingAccounts1796700000001 implements MigrationInterface {
  name = 'CreateBillingAccounts1796700000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "billing_account_holder" (
                "account_id" uuid NOT NULL,
                "from_month" character(7) NOT NULL,
                "customer_id" uuid NOT NULL,
                CONSTRAINT "PK_d6a3237e814b09969c0d41e844f" PRIMARY KEY ("account_id", "from_month")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "billing_account_holder_customer_idx" ON "billing_account_holder" ("customer_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "billing_account" (
                "id" uuid NOT NULL,
                "city_code" text NOT NULL,
                "customer_id" uuid NOT NULL,
                "source" text NOT NULL,
                "account_number" character varying(64) NOT NULL,
                "opened_on" date NOT NULL,
                "closed_on" date,
                "paid_by_account" character varying(64),
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "billing_account_closed_after_opened" CHECK (
                    "closed_on" IS NULL
                    OR "closed_on" >= "opened_on"
                ),
                CONSTRAINT "PK_42d2c4ab8974627eb4ef1da8fb6" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "billing_account_customer_idx" ON "billing_account" ("customer_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "billing_account_source_number_key" ON "billing_account" ("source", "account_number")
        `);
    await queryRunner.query(`
            CREATE TABLE "reported_billing_account" (
                "account_id" uuid NOT NULL,
                "city_code" text NOT NULL,
                "version" integer NOT NULL,
                "source" text NOT NULL,
                "account_number" character varying(64) NOT NULL,
                "opened_on" date NOT NULL,
                "closed_on" date,
                "paid_by_account" character varying(64),
                "holders" jsonb NOT NULL,
                "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_4d2dee9f23188e2d520bb2829b8" PRIMARY KEY ("account_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "reported_billing_account_city_idx" ON "reported_billing_account" ("city_code")
        `);
    await queryRunner.query(`
            CREATE INDEX "reported_billing_account_number_idx" ON "reported_billing_account" ("source", "account_number")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."reported_billing_account_number_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."reported_billing_account_city_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "reported_billing_account"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."billing_account_source_number_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."billing_account_customer_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "billing_account"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."billing_account_holder_customer_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "billing_account_holder"
        `);
  }
}
