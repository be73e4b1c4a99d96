import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateWorkOrders1795838310654 implements MigrationInterface {
  name = 'CreateWorkOrders1795838310654';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "one_stop_work_order" (
                "id" uuid NOT NULL,
                "order_id" uuid NOT NULL,
                "segment_id" uuid NOT NULL,
                "attempt" integer NOT NULL,
                "role" text,
                "home_node" text NOT NULL,
                "customer_id" uuid,
                "customer_name" text,
                "product" text,
                "bandwidth_mbps" bigint,
                "site_address" text,
                "site_contact_name" text,
                "site_contact_phone" text,
                "a_end_node" text,
                "z_end_node" text,
                "requested_completion_date" date,
                "deadline" TIMESTAMP WITH TIME ZONE,
                "notes" text,
                "state" text NOT NULL,
                "state_reason" text,
                "version" bigint NOT NULL,
                "expected_completion_date" date,
                "circuit_id" text,
                "handover" text,
                "requested_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "one_stop_work_order_version_chk" CHECK (version >= 1),
                CONSTRAINT "one_stop_work_order_attempt_chk" CHECK (attempt >= 1),
                CONSTRAINT "one_stop_work_order_state_chk" CHECK (
                    state IN (
                        'acknowledged',
                        'accepted',
                        'rejected',
                        'inProgress',
                        'pending',
                        'done',
                        'failed',
                        'cancelled'
                    )
                ),
                CONSTRAINT "PK_2854eaeebc67f8dc9c577e43514" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "one_stop_work_order_open_idx" ON "one_stop_work_order" ("state")
            WHERE state IN (
                    'acknowledged',
                    'accepted',
                    'inProgress',
                    'pending'
                )
        `);
    await queryRunner.query(`
            CREATE INDEX "one_stop_work_order_created_idx" ON "one_stop_work_order" ("created_at", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "one_stop_work_order_order_idx" ON "one_stop_work_order" ("order_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "one_stop_work_order_segment_attempt_key" ON "one_stop_work_order" ("segment_id", "attempt")
        `);
    await queryRunner.query(`
            CREATE TABLE "one_stop_work_order_state_change" (
                "id" uuid NOT NULL,
                "work_order_id" uuid NOT NULL,
                "from_state" text,
                "to_state" text NOT NULL,
                "reason" text,
                "actor" text NOT NULL,
                "version" bigint NOT NULL,
                "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_d63530f9b322ad3d9b90193a87a" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "one_stop_work_order_state_change_order_idx" ON "one_stop_work_order_state_change" ("work_order_id", "changed_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "one_stop_work_order_state_change"
            ADD CONSTRAINT "one_stop_work_order_state_change_order_fk" FOREIGN KEY ("work_order_id") REFERENCES "one_stop_work_order"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "one_stop_work_order_state_change" DROP CONSTRAINT "one_stop_work_order_state_change_order_fk"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."one_stop_work_order_state_change_order_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "one_stop_work_order_state_change"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."one_stop_work_order_segment_attempt_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."one_stop_work_order_order_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."one_stop_work_order_created_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."one_stop_work_order_open_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "one_stop_work_order"
        `);
  }
}
