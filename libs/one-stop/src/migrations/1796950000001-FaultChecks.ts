import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fault checks are work orders of kind faultCheck, one per check id (ADR 0047); a segment attempt
 * stays unique among provisioning work orders. The coordinator keeps the fault tickets of its orders.
 */
export class FaultChecks1796950000001 implements MigrationInterface {
  name = 'FaultChecks1796950000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "coordinated_fault_ticket" ("ticket_id" uuid NOT NULL, "version" bigint NOT NULL, "home_node" text NOT NULL, "circuit_id" uuid NOT NULL, "order_id" uuid NOT NULL, "status" text NOT NULL, "severity" text NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "restored_at" TIMESTAMP WITH TIME ZONE, "checks" jsonb NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "coordinated_fault_ticket_version_chk" CHECK (version >= 1), CONSTRAINT "PK_132d6d0c4113b12c69a31a49f36" PRIMARY KEY ("ticket_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "coordinated_fault_ticket_changed_idx" ON "coordinated_fault_ticket" ("changed_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "coordinated_fault_ticket_order_idx" ON "coordinated_fault_ticket" ("order_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "one_stop_work_order" ADD "kind" text NOT NULL DEFAULT 'provisioning'`,
    );
    await queryRunner.query(`ALTER TABLE "one_stop_work_order" ADD "check_id" uuid`);
    await queryRunner.query(`ALTER TABLE "one_stop_work_order" ADD "ticket_id" uuid`);
    await queryRunner.query(`ALTER TABLE "one_stop_work_order" ADD "severity" text`);
    await queryRunner.query(`ALTER TABLE "one_stop_work_order" ADD "check_result" text`);
    await queryRunner.query(`ALTER TABLE "one_stop_work_order" ADD "check_note" text`);
    await queryRunner.query(`ALTER TABLE "one_stop_work_order" ADD "answered_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "one_stop_work_order" ADD "restored_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`DROP INDEX "public"."one_stop_work_order_segment_attempt_key"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "one_stop_work_order_segment_attempt_key" ON "one_stop_work_order" ("segment_id", "attempt") WHERE kind = 'provisioning'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "one_stop_work_order_check_key" ON "one_stop_work_order" ("check_id") WHERE check_id IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "one_stop_work_order" ADD CONSTRAINT "one_stop_work_order_check_result_chk" CHECK (check_result IN ('found', 'notFound', 'restored'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "one_stop_work_order" ADD CONSTRAINT "one_stop_work_order_check_chk" CHECK ((kind = 'faultCheck') = (check_id IS NOT NULL AND ticket_id IS NOT NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "one_stop_work_order" ADD CONSTRAINT "one_stop_work_order_kind_chk" CHECK (kind IN ('provisioning', 'faultCheck'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "one_stop_work_order" DROP CONSTRAINT "one_stop_work_order_kind_chk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "one_stop_work_order" DROP CONSTRAINT "one_stop_work_order_check_chk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "one_stop_work_order" DROP CONSTRAINT "one_stop_work_order_check_result_chk"`,
    );
    await queryRunner.query(`DROP INDEX "public"."one_stop_work_order_check_key"`);
    await queryRunner.query(`DELETE FROM "one_stop_work_order" WHERE kind = 'faultCheck'`);
    await queryRunner.query(`DROP INDEX "public"."one_stop_work_order_segment_attempt_key"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "one_stop_work_order_segment_attempt_key" ON "one_stop_work_order" ("segment_id", "attempt") `,
    );
    await queryRunner.query(`ALTER TABLE "one_stop_work_order" DROP COLUMN "restored_at"`);
    await queryRunner.query(`ALTER TABLE "one_stop_work_order" DROP COLUMN "answered_at"`);
    await queryRunner.query(`ALTER TABLE "one_stop_work_order" DROP COLUMN "check_note"`);
    await queryRunner.query(`ALTER TABLE "one_stop_work_order" DROP COLUMN "check_result"`);
    await queryRunner.query(`ALTER TABLE "one_stop_work_order" DROP COLUMN "severity"`);
    await queryRunner.query(`ALTER TABLE "one_stop_work_order" DROP COLUMN "ticket_id"`);
    await queryRunner.query(`ALTER TABLE "one_stop_work_order" DROP COLUMN "check_id"`);
    await queryRunner.query(`ALTER TABLE "one_stop_work_order" DROP COLUMN "kind"`);
    await queryRunner.query(`DROP INDEX "public"."coordinated_fault_ticket_order_idx"`);
    await queryRunner.query(`DROP INDEX "public"."coordinated_fault_ticket_changed_idx"`);
    await queryRunner.query(`DROP TABLE "coordinated_fault_ticket"`);
  }
}
