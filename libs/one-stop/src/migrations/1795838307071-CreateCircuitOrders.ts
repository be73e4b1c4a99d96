import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCircuitOrders1795838307071 implements MigrationInterface {
  name = 'CreateCircuitOrders1795838307071';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "circuit_escalation" (
                "id" uuid NOT NULL,
                "order_id" uuid NOT NULL,
                "segment_id" uuid NOT NULL,
                "attempt" integer NOT NULL,
                "role" text NOT NULL,
                "node_code" text NOT NULL,
                "coordinator" text NOT NULL,
                "segment_state" text NOT NULL,
                "deadline" TIMESTAMP WITH TIME ZONE NOT NULL,
                "breached_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_91dac0e5c1711ceb63c530b7540" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "circuit_escalation_order_idx" ON "circuit_escalation" ("order_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "circuit_escalation_segment_attempt_key" ON "circuit_escalation" ("segment_id", "attempt")
        `);
    await queryRunner.query(`
            CREATE TABLE "circuit_order_state_change" (
                "id" BIGSERIAL NOT NULL,
                "order_id" uuid NOT NULL,
                "segment_id" uuid,
                "role" text,
                "node_code" text,
                "attempt" integer,
                "status_version" bigint,
                "from_state" text,
                "to_state" text NOT NULL,
                "reason" text,
                "source" text NOT NULL,
                "actor" text NOT NULL,
                "reported_at" TIMESTAMP WITH TIME ZONE,
                "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_e7c255edc1050df3e233e90e9f4" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "circuit_order_state_change_status_key" ON "circuit_order_state_change" ("segment_id", "attempt", "status_version")
            WHERE status_version IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "circuit_order_state_change_order_idx" ON "circuit_order_state_change" ("order_id", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "circuit_order" (
                "id" uuid NOT NULL,
                "home_node" text NOT NULL,
                "customer_id" uuid NOT NULL,
                "customer_name" character varying(200) NOT NULL,
                "external_id" character varying(64),
                "request_fingerprint" text NOT NULL,
                "product" text NOT NULL,
                "bandwidth_mbps" integer NOT NULL,
                "a_end_node" text NOT NULL,
                "a_end_address" character varying(300) NOT NULL,
                "a_end_contact_name" character varying(100) NOT NULL,
                "a_end_contact_phone" character varying(40) NOT NULL,
                "z_end_node" text NOT NULL,
                "z_end_address" character varying(300) NOT NULL,
                "z_end_contact_name" character varying(100) NOT NULL,
                "z_end_contact_phone" character varying(40) NOT NULL,
                "transit_node" text,
                "coordinator" text NOT NULL,
                "requested_completion_date" date NOT NULL,
                "notes" character varying(2000),
                "quote_id" uuid,
                "one_time_charge_fen" bigint NOT NULL,
                "monthly_charge_fen" bigint NOT NULL,
                "state" text NOT NULL,
                "state_reason" text,
                "expected_completion_date" date,
                "completion_date" date,
                "completed_at" TIMESTAMP WITH TIME ZONE,
                "held_at" TIMESTAMP WITH TIME ZONE,
                "held_from" text,
                "version" integer NOT NULL,
                "created_by" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "circuit_order_bandwidth_chk" CHECK (
                    bandwidth_mbps BETWEEN 1 AND 100000
                ),
                CONSTRAINT "circuit_order_charges_chk" CHECK (
                    one_time_charge_fen >= 0
                    AND monthly_charge_fen >= 1
                ),
                CONSTRAINT "circuit_order_state_chk" CHECK (
                    state IN (
                        'acknowledged',
                        'inProgress',
                        'held',
                        'pending',
                        'completed',
                        'failed',
                        'partial',
                        'cancelled',
                        'assessingCancellation',
                        'pendingCancellation',
                        'rejected'
                    )
                ),
                CONSTRAINT "PK_7f8d1f99aa31d66de6b76d1879a" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "circuit_order_state_idx" ON "circuit_order" ("state", "created_at")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "circuit_order_customer_external_key" ON "circuit_order" ("customer_id", "external_id")
            WHERE external_id IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "circuit_order_customer_idx" ON "circuit_order" ("customer_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "circuit_segment" (
                "id" uuid NOT NULL,
                "order_id" uuid NOT NULL,
                "role" text NOT NULL,
                "node_code" text NOT NULL,
                "attempt" integer NOT NULL,
                "state" text NOT NULL,
                "status_version" bigint NOT NULL,
                "work_order_id" uuid,
                "refused_on_receipt" boolean NOT NULL,
                "reason" text,
                "expected_completion_date" date,
                "circuit_id" text,
                "handover" text,
                "deadline" TIMESTAMP WITH TIME ZONE NOT NULL,
                "dispatched_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "acknowledged_at" TIMESTAMP WITH TIME ZONE,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "circuit_segment_attempt_chk" CHECK (attempt >= 1),
                CONSTRAINT "circuit_segment_role_chk" CHECK (role IN ('a_end', 'z_end', 'transit')),
                CONSTRAINT "circuit_segment_state_chk" CHECK (
                    state IN (
                        'dispatched',
                        'acknowledged',
                        'accepted',
                        'rejected',
                        'inProgress',
                        'pending',
                        'done',
                        'failed',
                        'cancelling',
                        'cancelled'
                    )
                ),
                CONSTRAINT "PK_fe516700b3b855707ba0f3ee41a" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "circuit_segment_open_deadline_idx" ON "circuit_segment" ("deadline")
            WHERE state IN (
                    'dispatched',
                    'acknowledged',
                    'accepted',
                    'inProgress',
                    'pending'
                )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "circuit_segment_order_role_key" ON "circuit_segment" ("order_id", "role")
        `);
    await queryRunner.query(`
            CREATE TABLE "circuit_coordinator_request" (
                "request_id" uuid NOT NULL,
                "order_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "coordinator" text NOT NULL,
                "requested_by" text NOT NULL,
                "reason" text,
                "outcome" text NOT NULL,
                "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_972e68906968f4f8a978867f05a" PRIMARY KEY ("request_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "circuit_coordinator_request_order_idx" ON "circuit_coordinator_request" ("order_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "customer_circuit" (
                "order_id" uuid NOT NULL,
                "customer_id" uuid NOT NULL,
                "product" text NOT NULL,
                "bandwidth_mbps" integer NOT NULL,
                "a_end_node" text NOT NULL,
                "z_end_node" text NOT NULL,
                "transit_node" text,
                "circuit_ids" text array NOT NULL,
                "monthly_charge_fen" bigint NOT NULL,
                "one_time_charge_fen" bigint NOT NULL,
                "completion_date" date NOT NULL,
                "completed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_9649ef16c472fe9d23f9238da64" PRIMARY KEY ("order_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "customer_circuit_customer_idx" ON "customer_circuit" ("customer_id", "completed_at")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."customer_circuit_customer_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "customer_circuit"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."circuit_coordinator_request_order_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "circuit_coordinator_request"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."circuit_segment_order_role_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."circuit_segment_open_deadline_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "circuit_segment"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."circuit_order_customer_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."circuit_order_customer_external_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."circuit_order_state_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "circuit_order"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."circuit_order_state_change_order_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."circuit_order_state_change_status_key"
        `);
    await queryRunner.query(`
            DROP TABLE "circuit_order_state_change"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."circuit_escalation_segment_attempt_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."circuit_escalation_order_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "circuit_escalation"
        `);
  }
}
