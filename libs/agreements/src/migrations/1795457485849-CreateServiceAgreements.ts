import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateServiceAgreements1795457485849 implements MigrationInterface {
  name = 'CreateServiceAgreements1795457485849';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "service_agreement" (
                "id" uuid NOT NULL,
                "city_code" text NOT NULL,
                "agreement_no" text NOT NULL,
                "customer_id" uuid NOT NULL,
                "title" character varying(200) NOT NULL,
                "products" text array NOT NULL,
                "start_date" date NOT NULL,
                "end_date" date NOT NULL,
                "monthly_value_fen" bigint NOT NULL,
                "manager_id" uuid NOT NULL,
                "manager_staff_id" text NOT NULL,
                "status" text NOT NULL,
                "reminder_days" integer NOT NULL,
                "renewal_reminded_at" TIMESTAMP WITH TIME ZONE,
                "version" integer NOT NULL,
                "created_by" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "service_agreement_products_chk" CHECK (cardinality(products) > 0),
                CONSTRAINT "service_agreement_reminder_days_chk" CHECK (
                    reminder_days BETWEEN 1 AND 365
                ),
                CONSTRAINT "service_agreement_value_chk" CHECK (
                    monthly_value_fen BETWEEN 1 AND 10000000000000
                ),
                CONSTRAINT "service_agreement_dates_chk" CHECK (end_date > start_date),
                CONSTRAINT "service_agreement_status_chk" CHECK (
                    status IN ('draft', 'active', 'expired', 'terminated')
                ),
                CONSTRAINT "PK_23c574361e1f14e0e4087330f81" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "service_agreement_pending_reminder_idx" ON "service_agreement" ("renewal_reminded_at")
            WHERE renewal_reminded_at IS NULL
                AND status = 'active'
        `);
    await queryRunner.query(`
            CREATE INDEX "service_agreement_end_date_idx" ON "service_agreement" ("end_date")
        `);
    await queryRunner.query(`
            CREATE INDEX "service_agreement_manager_idx" ON "service_agreement" ("manager_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "service_agreement_customer_idx" ON "service_agreement" ("customer_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "service_agreement_city_no_key" ON "service_agreement" ("city_code", "agreement_no")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."service_agreement_city_no_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."service_agreement_customer_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."service_agreement_manager_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."service_agreement_end_date_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."service_agreement_pending_reminder_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "service_agreement"
        `);
  }
}
