import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCustomerContact1795457584401 implements MigrationInterface {
  name = 'CreateCustomerContact1795457584401';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "customer_contact" (
                "id" uuid NOT NULL,
                "customer_id" uuid NOT NULL,
                "name" character varying(50) NOT NULL,
                "mobile" character varying(11) NOT NULL,
                "email" character varying(254),
                "role" character varying(50) NOT NULL,
                "id_number" character varying(18),
                "is_primary" boolean NOT NULL DEFAULT false,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_2595307eaefa572e332a43f8b88" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "customer_contact_one_primary_key" ON "customer_contact" ("customer_id")
            WHERE "is_primary"
        `);
    await queryRunner.query(`
            CREATE INDEX "customer_contact_customer_idx" ON "customer_contact" ("customer_id", "created_at")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."customer_contact_customer_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."customer_contact_one_primary_key"
        `);
    await queryRunner.query(`
            DROP TABLE "customer_contact"
        `);
  }
}
