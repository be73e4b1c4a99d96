import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateEscalations1796930000001 implements MigrationInterface {
  name = 'CreateEscalations1796930000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "held_escalation" ("id" uuid NOT NULL, "subject_type" text NOT NULL, "subject_id" text NOT NULL, "case_id" text NOT NULL, "reason" text NOT NULL, "raised_by" text NOT NULL, "city_code" text NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "breached_at" TIMESTAMP WITH TIME ZONE NOT NULL, "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL, "facts" jsonb NOT NULL, "status" text NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "acknowledged_by" text, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "acknowledgement_note" text, "closed_at" TIMESTAMP WITH TIME ZONE, "closed_why" text, CONSTRAINT "held_escalation_closed_chk" CHECK ((status = 'closed') = (closed_at IS NOT NULL)), CONSTRAINT "held_escalation_status_chk" CHECK (status IN ('open', 'acknowledged', 'closed')), CONSTRAINT "PK_1b79df64805cab8ca4429016825" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "held_escalation_open_idx" ON "held_escalation" ("city_code") WHERE status <> 'closed'`,
    );
    await queryRunner.query(`CREATE INDEX "held_escalation_case_idx" ON "held_escalation" ("case_id") `);
    await queryRunner.query(`CREATE INDEX "held_escalation_raised_idx" ON "held_escalation" ("raised_at") `);
    await queryRunner.query(
      `CREATE TABLE "raised_escalation" ("id" uuid NOT NULL, "subject_type" text NOT NULL, "subject_id" text NOT NULL, "case_id" text NOT NULL, "reason" text NOT NULL, "holder_node" text NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "breached_at" TIMESTAMP WITH TIME ZONE NOT NULL, "facts" jsonb NOT NULL, "status" text NOT NULL, "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "acknowledged_by" text, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "acknowledgement_note" text, "closed_at" TIMESTAMP WITH TIME ZONE, "closed_why" text, CONSTRAINT "raised_escalation_subject_reason_holder_key" UNIQUE ("subject_id", "reason", "holder_node"), CONSTRAINT "raised_escalation_closed_chk" CHECK ((status = 'closed') = (closed_at IS NOT NULL)), CONSTRAINT "raised_escalation_status_chk" CHECK (status IN ('open', 'acknowledged', 'closed')), CONSTRAINT "PK_4a8290a85fa0387851f4cc77a20" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "raised_escalation_case_idx" ON "raised_escalation" ("case_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."raised_escalation_case_idx"`);
    await queryRunner.query(`DROP TABLE "raised_escalation"`);
    await queryRunner.query(`DROP INDEX "public"."held_escalation_raised_idx"`);
    await queryRunner.query(`DROP INDEX "public"."held_escalation_case_idx"`);
    await queryRunner.query(`DROP INDEX "public"."held_escalation_open_idx"`);
    await queryRunner.query(`DROP TABLE "held_escalation"`);
  }
}
