import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTroubleTickets1796900000001 implements MigrationInterface {
  name = 'CreateTroubleTickets1796900000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "trouble_ticket_note" ("id" uuid NOT NULL, "ticket_id" uuid NOT NULL, "text" character varying(4000) NOT NULL, "author" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_23603ef0a5f6ad3a39d49669e23" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "trouble_ticket_note_ticket_idx" ON "trouble_ticket_note" ("ticket_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "trouble_ticket_status_change" ("id" uuid NOT NULL, "ticket_id" uuid NOT NULL, "from_status" text, "to_status" text NOT NULL, "reason" character varying(500), "changed_by" text NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_4812892d2ffec9af256a78bc0e1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "trouble_ticket_status_change_ticket_idx" ON "trouble_ticket_status_change" ("ticket_id", "changed_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "trouble_ticket" ("id" uuid NOT NULL, "city_code" text NOT NULL, "customer_id" uuid NOT NULL, "ticket_type" text NOT NULL, "severity" text NOT NULL, "priority" text NOT NULL, "status" text NOT NULL, "name" character varying(200) NOT NULL, "description" character varying(4000) NOT NULL, "channel" text NOT NULL, "external_identifier" text, "reporter_contact_id" uuid, "reporter_name" character varying(100), "reporter_phone" character varying(32), "owner_staff_id" text, "circuit_id" uuid, "agreement_id" uuid, "requested_resolution_date" TIMESTAMP WITH TIME ZONE, "expected_resolution_date" TIMESTAMP WITH TIME ZONE, "responded_at" TIMESTAMP WITH TIME ZONE, "restored_at" TIMESTAMP WITH TIME ZONE, "resolution_date" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "merged_into" uuid, "reopen_count" integer NOT NULL DEFAULT '0', "version" integer NOT NULL DEFAULT '1', "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "trouble_ticket_reporter_chk" CHECK (reporter_contact_id IS NOT NULL OR (reporter_name IS NOT NULL AND reporter_phone IS NOT NULL)), CONSTRAINT "trouble_ticket_channel_chk" CHECK (channel IN ('phone', 'accountManager', 'web', 'networkAlarm')), CONSTRAINT "trouble_ticket_status_chk" CHECK (status IN ('acknowledged', 'inProgress', 'pending', 'held', 'resolved', 'closed', 'rejected', 'cancelled')), CONSTRAINT "trouble_ticket_priority_chk" CHECK (priority IN ('high', 'medium', 'low')), CONSTRAINT "trouble_ticket_severity_chk" CHECK (severity IN ('critical', 'major', 'minor')), CONSTRAINT "trouble_ticket_type_chk" CHECK (ticket_type IN ('fault', 'complaint', 'inquiry', 'serviceRequest')), CONSTRAINT "PK_f8881cc7c59ca1f1274b53234a5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "trouble_ticket_open_idx" ON "trouble_ticket" ("status") WHERE status IN ('acknowledged', 'inProgress', 'pending', 'held', 'resolved')`,
    );
    await queryRunner.query(
      `CREATE INDEX "trouble_ticket_created_idx" ON "trouble_ticket" ("created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "trouble_ticket_circuit_idx" ON "trouble_ticket" ("circuit_id") WHERE circuit_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "trouble_ticket_owner_idx" ON "trouble_ticket" ("owner_staff_id", "status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "trouble_ticket_customer_idx" ON "trouble_ticket" ("customer_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "trouble_ticket_external_identifier_key" ON "trouble_ticket" ("external_identifier") WHERE external_identifier IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."trouble_ticket_external_identifier_key"`);
    await queryRunner.query(`DROP INDEX "public"."trouble_ticket_customer_idx"`);
    await queryRunner.query(`DROP INDEX "public"."trouble_ticket_owner_idx"`);
    await queryRunner.query(`DROP INDEX "public"."trouble_ticket_circuit_idx"`);
    await queryRunner.query(`DROP INDEX "public"."trouble_ticket_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."trouble_ticket_open_idx"`);
    await queryRunner.query(`DROP TABLE "trouble_ticket"`);
    await queryRunner.query(`DROP INDEX "public"."trouble_ticket_status_change_ticket_idx"`);
    await queryRunner.query(`DROP TABLE "trouble_ticket_status_change"`);
    await queryRunner.query(`DROP INDEX "public"."trouble_ticket_note_ticket_idx"`);
    await queryRunner.query(`DROP TABLE "trouble_ticket_note"`);
  }
}
