import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTicketReturnVisits1796910000002 implements MigrationInterface {
  name = 'CreateTicketReturnVisits1796910000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "ticket_return_visit" ("id" uuid NOT NULL, "ticket_id" uuid NOT NULL, "task_id" uuid, "owner_staff_id" text NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "done_at" TIMESTAMP WITH TIME ZONE, "satisfaction" smallint, "comment" character varying(1000), "confirmed" boolean, "state" text NOT NULL DEFAULT 'open', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ticket_return_visit_satisfaction_chk" CHECK (satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5), CONSTRAINT "ticket_return_visit_state_chk" CHECK (state IN ('open', 'done', 'cancelled')), CONSTRAINT "PK_58b9fe72b6462fded0684b92ca7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ticket_return_visit_one_open_key" ON "ticket_return_visit" ("ticket_id") WHERE state = 'open'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ticket_return_visit_ticket_idx" ON "ticket_return_visit" ("ticket_id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ticket_return_visit_ticket_idx"`);
    await queryRunner.query(`DROP INDEX "public"."ticket_return_visit_one_open_key"`);
    await queryRunner.query(`DROP TABLE "ticket_return_visit"`);
  }
}
