import { MigrationInterface, QueryRunner } from 'typeorm';

export class FaultCheckRounds1796970000001 implements MigrationInterface {
  name = 'FaultCheckRounds1796970000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."ticket_fault_check_ticket_segment_key"
        `);
    await queryRunner.query(`
            ALTER TABLE "ticket_fault_check"
            ADD "round" integer NOT NULL DEFAULT '1'
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "ticket_fault_check_ticket_round_segment_key" ON "ticket_fault_check" ("ticket_id", "round", "segment_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "ticket_fault_check"
            ADD CONSTRAINT "ticket_fault_check_round_chk" CHECK (round >= 1)
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "ticket_fault_check" DROP CONSTRAINT "ticket_fault_check_round_chk"
        `);
    // One check per ticket and segment again: the rounds after the first go with the column.
    await queryRunner.query(`
            DELETE FROM "ticket_fault_check" WHERE "round" > 1
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ticket_fault_check_ticket_round_segment_key"
        `);
    await queryRunner.query(`
            ALTER TABLE "ticket_fault_check" DROP COLUMN "round"
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "ticket_fault_check_ticket_segment_key" ON "ticket_fault_check" ("ticket_id", "segment_id")
        `);
  }
}
