import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateGroupRegistry1795457158672 implements MigrationInterface {
  name = 'CreateGroupRegistry1795457158672';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "group_customer" (
                "group_code" text NOT NULL,
                "name" character varying(200) NOT NULL,
                "credit_code" text NOT NULL,
                "industry" text NOT NULL,
                "grade" text NOT NULL,
                "status" text NOT NULL,
                "lead_node" text NOT NULL,
                "version" bigint NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_cf6e2c03b46cdf206f985cd240b" PRIMARY KEY ("group_code")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "group_customer_credit_code_key" ON "group_customer" ("credit_code")
        `);
    await queryRunner.query(`
            CREATE INDEX "group_customer_filter_idx" ON "group_customer" ("status", "industry", "grade")
        `);
    await queryRunner.query(`
            CREATE TABLE "group_member" (
                "customer_id" uuid NOT NULL,
                "group_code" text,
                "city_code" text NOT NULL,
                "province_code" text NOT NULL,
                "name" text NOT NULL,
                "credit_code" text NOT NULL,
                "industry" text NOT NULL,
                "grade" text NOT NULL,
                "status" text NOT NULL,
                "classes" text array NOT NULL,
                "version" bigint NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_c1cd6d36b8359bcee30a64eafbd" PRIMARY KEY ("customer_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "group_member_group_idx" ON "group_member" ("group_code", "province_code", "city_code")
        `);
    await queryRunner.query(`
            CREATE TABLE "group_customer_replica" (
                "group_code" text NOT NULL,
                "name" character varying(200) NOT NULL,
                "credit_code" text NOT NULL,
                "industry" text NOT NULL,
                "grade" text NOT NULL,
                "status" text NOT NULL,
                "lead_node" text NOT NULL,
                "version" bigint NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_d24d2386c61183dd92f293c736b" PRIMARY KEY ("group_code")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "group_customer_replica_status_idx" ON "group_customer_replica" ("status")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."group_customer_replica_status_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "group_customer_replica"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."group_member_group_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "group_member"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."group_customer_filter_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."group_customer_credit_code_key"
        `);
    await queryRunner.query(`
            DROP TABLE "group_customer"
        `);
  }
}
