import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateUsageLedger1795463841487 implements MigrationInterface {
  name = 'CreateUsageLedger1795463841487';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "billing_monthly_usage" (
                "customer_id" uuid NOT NULL,
                "product" text NOT NULL,
                "billing_month" text NOT NULL,
                "revenue_fen" bigint NOT NULL DEFAULT '0',
                "quantity" numeric NOT NULL DEFAULT '0',
                "event_count" integer NOT NULL DEFAULT '0',
                "version" bigint NOT NULL DEFAULT '1',
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_ae86e8f0d2c6fbae5238cdc2aa2" PRIMARY KEY ("customer_id", "product", "billing_month")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "billing_usage_event" (
                "id" uuid NOT NULL,
                "source" text NOT NULL,
                "event_id" character varying(128) NOT NULL,
                "customer_id" uuid NOT NULL,
                "product" text NOT NULL,
                "billing_month" text NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "amount_fen" bigint NOT NULL,
                "quantity" numeric,
                "unit" character varying(16),
                "supersedes" character varying(128),
                "superseded_by" character varying(128),
                "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "billing_usage_event_source_event_uq" UNIQUE ("source", "event_id"),
                CONSTRAINT "billing_usage_event_month_chk" CHECK (billing_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
                CONSTRAINT "PK_0ee9bb4cf7530df06c08435b2f6" PRIMARY KEY ("id")
            )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TABLE "billing_usage_event"
        `);
    await queryRunner.query(`
            DROP TABLE "billing_monthly_usage"
        `);
  }
}
