import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAuditLog1795456709089 implements MigrationInterface {
  name = 'CreateAuditLog1795456709089';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "audit_entry" (
                "id" uuid NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "actor_subject" text NOT NULL,
                "actor_roles" text array NOT NULL,
                "actor_node" text NOT NULL,
                "action" text NOT NULL,
                "resource_type" text NOT NULL,
                "resource_id" text NOT NULL,
                "before" jsonb,
                "after" jsonb,
                "correlation_id" text,
                CONSTRAINT "PK_58a130a4b9da189f46ba2a01801" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "audit_entry_occurred_at_idx" ON "audit_entry" ("occurred_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "audit_entry_actor_idx" ON "audit_entry" ("actor_subject", "occurred_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "audit_entry_resource_idx" ON "audit_entry" ("resource_type", "resource_id", "occurred_at")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."audit_entry_resource_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."audit_entry_actor_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."audit_entry_occurred_at_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "audit_entry"
        `);
  }
}
