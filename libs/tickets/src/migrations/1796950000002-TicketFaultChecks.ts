import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The home city's fault checks on one-stop circuits (ADR 0047), and the sequence that versions
 * the fault tickets' states told to coordinators.
 */
export class TicketFaultChecks1796950000002 implements MigrationInterface {
  name = 'TicketFaultChecks1796950000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "ticket_fault_check" ("id" uuid NOT NULL, "ticket_id" uuid NOT NULL, "circuit_id" uuid NOT NULL, "order_id" uuid NOT NULL, "coordinator" text NOT NULL, "segment_id" uuid NOT NULL, "node_code" text NOT NULL, "role" text NOT NULL, "state" text NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "answered_at" TIMESTAMP WITH TIME ZONE, "found" boolean, "restored_at" TIMESTAMP WITH TIME ZONE, "note" text, "answered_by" text, "escalated_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ticket_fault_check_state_chk" CHECK (state IN ('sent', 'overdue', 'found', 'notFound', 'restored', 'cancelled')), CONSTRAINT "PK_eefe6b796c0e176230d461a8f7b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ticket_fault_check_waiting_idx" ON "ticket_fault_check" ("due_at") WHERE state = 'sent'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ticket_fault_check_ticket_segment_key" ON "ticket_fault_check" ("ticket_id", "segment_id") `,
    );
    await queryRunner.query(`CREATE SEQUENCE "ticket_fault_status_version_seq"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SEQUENCE "ticket_fault_status_version_seq"`);
    await queryRunner.query(`DROP INDEX "public"."ticket_fault_check_ticket_segment_key"`);
    await queryRunner.query(`DROP INDEX "public"."ticket_fault_check_waiting_idx"`);
    await queryRunner.query(`DROP TABLE "ticket_fault_check"`);
  }
}
