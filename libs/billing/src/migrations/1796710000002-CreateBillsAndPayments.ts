import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateBillsAndPayments1796710000002 implements MigrationInterface {
  name = 'CreateBillsAndPayments1796710000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "billing_bill" (
        "id" uuid NOT NULL,
        "source" text NOT NULL,
        "event_id" character varying(128) NOT NULL,
        "account_id" uuid NOT NULL,
        "customer_id" uuid NOT NULL,
        "billing_account" character varying(64) NOT NULL,
        "billing_month" text NOT NULL,
        "amount_due_fen" bigint NOT NULL,
        "due_date" date NOT NULL,
        "issued_at" TIMESTAMP WITH TIME ZONE,
        "supersedes" character varying(128),
        "superseded_by" character varying(128),
        "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "billing_bill_source_event_uq" UNIQUE ("source", "event_id"),
        CONSTRAINT "billing_bill_month_chk" CHECK (billing_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        CONSTRAINT "billing_bill_pk" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "billing_bill_account_idx" ON "billing_bill" ("account_id")`);
    await queryRunner.query(
      `CREATE INDEX "billing_bill_customer_idx" ON "billing_bill" ("customer_id", "billing_month")`,
    );
    await queryRunner.query(`
      CREATE TABLE "billing_payment" (
        "id" uuid NOT NULL,
        "source" text NOT NULL,
        "event_id" character varying(128) NOT NULL,
        "account_id" uuid NOT NULL,
        "customer_id" uuid NOT NULL,
        "billing_account" character varying(64) NOT NULL,
        "amount_fen" bigint NOT NULL,
        "paid_on" date NOT NULL,
        "billing_month" text,
        "supersedes" character varying(128),
        "superseded_by" character varying(128),
        "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "billing_payment_source_event_uq" UNIQUE ("source", "event_id"),
        CONSTRAINT "billing_payment_month_chk" CHECK (billing_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        CONSTRAINT "billing_payment_pk" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "billing_payment_account_idx" ON "billing_payment" ("account_id")`);
    await queryRunner.query(
      `CREATE INDEX "billing_payment_customer_idx" ON "billing_payment" ("customer_id", "paid_on")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "billing_payment"`);
    await queryRunner.query(`DROP TABLE "billing_bill"`);
  }
}
