import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOneStopCoordination1795838432989 implements MigrationInterface {
  name = 'CreateOneStopCoordination1795838432989';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "one_stop_coordination_request" (
                "id" uuid NOT NULL,
                "order_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "segment_id" uuid,
                "reason" text NOT NULL,
                "requested_by" text NOT NULL,
                "home_node" text NOT NULL,
                "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "one_stop_coordination_request_segment_chk" CHECK ((kind = 'redispatch') = (segment_id IS NOT NULL)),
                CONSTRAINT "one_stop_coordination_request_kind_chk" CHECK (kind IN ('redispatch', 'cancel')),
                CONSTRAINT "PK_00f6bfe091dc9b8c9bf392e6fae" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "one_stop_coordination_request_order_idx" ON "one_stop_coordination_request" ("order_id", "requested_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "one_stop_escalation" (
                "id" uuid NOT NULL,
                "order_id" uuid NOT NULL,
                "segment_id" uuid NOT NULL,
                "attempt" integer NOT NULL,
                "role" text NOT NULL,
                "node_code" text NOT NULL,
                "segment_state" text NOT NULL,
                "home_node" text NOT NULL,
                "deadline" TIMESTAMP WITH TIME ZONE,
                "breached_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "status" text NOT NULL,
                "resolution" text,
                "resolved_at" TIMESTAMP WITH TIME ZONE,
                "resolved_by" text,
                "request_id" uuid,
                "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "one_stop_escalation_segment_attempt_key" UNIQUE ("segment_id", "attempt"),
                CONSTRAINT "one_stop_escalation_resolution_chk" CHECK ((status = 'open') = (resolution IS NULL)),
                CONSTRAINT "one_stop_escalation_status_chk" CHECK (status IN ('open', 'resolved')),
                CONSTRAINT "PK_eed992053f315ace426d01ae5d0" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "one_stop_escalation_received_idx" ON "one_stop_escalation" ("received_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "one_stop_escalation_open_idx" ON "one_stop_escalation" ("order_id", "segment_id")
            WHERE status = 'open'
        `);
    await queryRunner.query(`
            CREATE INDEX "one_stop_escalation_order_idx" ON "one_stop_escalation" ("order_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "coordinated_circuit_order" (
                "order_id" uuid NOT NULL,
                "version" bigint NOT NULL,
                "home_node" text NOT NULL,
                "customer_id" uuid NOT NULL,
                "customer_name" text NOT NULL,
                "product" text NOT NULL,
                "bandwidth_mbps" integer NOT NULL,
                "a_end_node" text NOT NULL,
                "z_end_node" text NOT NULL,
                "transit_node" text,
                "a_end_province" text NOT NULL,
                "z_end_province" text NOT NULL,
                "state" text NOT NULL,
                "state_reason" text,
                "requested_date" date,
                "expected_completion_date" date,
                "ordered_at" TIMESTAMP WITH TIME ZONE,
                "completed_at" TIMESTAMP WITH TIME ZONE,
                "monthly_charge_fen" bigint NOT NULL,
                "segments" jsonb NOT NULL,
                "next_open_deadline" TIMESTAMP WITH TIME ZONE,
                "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "coordinated_circuit_order_version_chk" CHECK (version >= 1),
                CONSTRAINT "PK_775a7f8fe13112edc7ae7d8f61c" PRIMARY KEY ("order_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "coordinated_circuit_order_deadline_idx" ON "coordinated_circuit_order" ("next_open_deadline")
            WHERE next_open_deadline IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "coordinated_circuit_order_ends_idx" ON "coordinated_circuit_order" ("a_end_node", "z_end_node")
        `);
    await queryRunner.query(`
            CREATE INDEX "coordinated_circuit_order_home_idx" ON "coordinated_circuit_order" ("home_node")
        `);
    await queryRunner.query(`
            CREATE INDEX "coordinated_circuit_order_changed_idx" ON "coordinated_circuit_order" ("changed_at")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."coordinated_circuit_order_changed_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."coordinated_circuit_order_home_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."coordinated_circuit_order_ends_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."coordinated_circuit_order_deadline_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "coordinated_circuit_order"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."one_stop_escalation_order_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."one_stop_escalation_open_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."one_stop_escalation_received_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "one_stop_escalation"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."one_stop_coordination_request_order_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "one_stop_coordination_request"
        `);
  }
}
