import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateVisitsAndTasks1795457469307 implements MigrationInterface {
  name = 'CreateVisitsAndTasks1795457469307';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "follow_up_task" (
                "id" uuid NOT NULL,
                "city_code" text NOT NULL,
                "customer_id" uuid,
                "assignee_manager_id" uuid NOT NULL,
                "assignee_staff_id" text NOT NULL,
                "title" character varying(200) NOT NULL,
                "due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "status" text NOT NULL DEFAULT 'open',
                "source" text NOT NULL,
                "source_key" text,
                "completed_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "follow_up_task_source_chk" CHECK (
                    source IN ('manual', 'visit', 'renewal-reminder')
                ),
                CONSTRAINT "follow_up_task_status_chk" CHECK (status IN ('open', 'done', 'cancelled')),
                CONSTRAINT "PK_e14f926bb57c06a45be03e312c7" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "follow_up_task_source_key_uq" ON "follow_up_task" ("source_key")
        `);
    await queryRunner.query(`
            CREATE INDEX "follow_up_task_customer_idx" ON "follow_up_task" ("customer_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "follow_up_task_due_idx" ON "follow_up_task" ("status", "due_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "follow_up_task_assignee_idx" ON "follow_up_task" ("assignee_staff_id", "status", "due_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "customer_visit" (
                "id" uuid NOT NULL,
                "city_code" text NOT NULL,
                "customer_id" uuid NOT NULL,
                "manager_id" uuid NOT NULL,
                "manager_staff_id" text NOT NULL,
                "visited_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "channel" text NOT NULL,
                "summary" character varying(2000) NOT NULL,
                "outcome" character varying(500),
                "created_by" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "customer_visit_channel_chk" CHECK (channel IN ('onsite', 'phone', 'video')),
                CONSTRAINT "PK_9c5b5159ab93724317381757132" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "customer_visit_manager_idx" ON "customer_visit" ("manager_id", "visited_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "customer_visit_customer_idx" ON "customer_visit" ("customer_id", "visited_at")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."customer_visit_customer_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."customer_visit_manager_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "customer_visit"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."follow_up_task_assignee_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."follow_up_task_due_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."follow_up_task_customer_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."follow_up_task_source_key_uq"
        `);
    await queryRunner.query(`
            DROP TABLE "follow_up_task"
        `);
  }
}
