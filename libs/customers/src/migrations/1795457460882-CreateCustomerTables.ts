import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCustomerTables1795457460882 implements MigrationInterface {
  name = 'CreateCustomerTables1795457460882';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "customer" (
                "id" uuid NOT NULL,
                "city_code" text NOT NULL,
                "name" character varying(200) NOT NULL,
                "credit_code" text NOT NULL,
                "industry" text NOT NULL,
                "classes" text array NOT NULL DEFAULT '{}',
                "grade" text NOT NULL,
                "status" text NOT NULL,
                "status_reason" text,
                "grid_code" text,
                "address" character varying(300),
                "manager_id" uuid,
                "manager_staff_id" text,
                "group_code" text,
                "version" bigint NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_by" text NOT NULL,
                CONSTRAINT "customer_grade_check" CHECK ("grade" IN ('A', 'B', 'C')),
                CONSTRAINT "customer_status_check" CHECK (
                    "status" IN ('prospect', 'active', 'suspended', 'churned')
                ),
                CONSTRAINT "PK_a7a13f4cacb744524e44dfdad32" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "customer_created_at_idx" ON "customer" ("created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "customer_group_idx" ON "customer" ("group_code")
        `);
    await queryRunner.query(`
            CREATE INDEX "customer_manager_idx" ON "customer" ("manager_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "customer_manager_staff_idx" ON "customer" ("manager_staff_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "customer_city_credit_code_key" ON "customer" ("city_code", "credit_code")
        `);
    await queryRunner.query(`
            CREATE TABLE "customer_assignment" (
                "id" uuid NOT NULL,
                "customer_id" uuid NOT NULL,
                "from_manager_id" uuid,
                "to_manager_id" uuid,
                "reason" text,
                "transfer_id" uuid,
                "assigned_by" text NOT NULL,
                "assigned_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_2214acb19af23df743c070ab526" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "customer_assignment_transfer_idx" ON "customer_assignment" ("transfer_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "customer_assignment_customer_idx" ON "customer_assignment" ("customer_id", "assigned_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "customer_status_change" (
                "id" uuid NOT NULL,
                "customer_id" uuid NOT NULL,
                "from_status" text,
                "to_status" text NOT NULL,
                "reason" text,
                "changed_by" text NOT NULL,
                "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_f8a0a1ed347b9594bb76a3debae" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "customer_status_change_customer_idx" ON "customer_status_change" ("customer_id", "changed_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "reported_customer" (
                "id" uuid NOT NULL,
                "city_code" text NOT NULL,
                "version" bigint NOT NULL,
                "name" character varying(200) NOT NULL,
                "credit_code" text NOT NULL,
                "industry" text NOT NULL,
                "classes" text array NOT NULL DEFAULT '{}',
                "grade" text NOT NULL,
                "status" text NOT NULL,
                "manager_id" uuid,
                "group_code" text,
                "grid_code" text,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_dcab572e91b17706ff15e3943af" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "reported_customer_city_credit_code_idx" ON "reported_customer" ("city_code", "credit_code")
        `);
    await queryRunner.query(`
            CREATE INDEX "reported_customer_city_idx" ON "reported_customer" ("city_code")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."reported_customer_city_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."reported_customer_city_credit_code_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "reported_customer"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."customer_status_change_customer_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "customer_status_change"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."customer_assignment_customer_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."customer_assignment_transfer_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "customer_assignment"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."customer_city_credit_code_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."customer_manager_staff_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."customer_manager_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."customer_group_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."customer_created_at_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "customer"
        `);
  }
}
