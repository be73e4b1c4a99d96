import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tasks owned by staff without an account-manager record; a ticket's return visit and SLA warnings as sources. */
export class TasksWithStaffOwners1796910000001 implements MigrationInterface {
  name = 'TasksWithStaffOwners1796910000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "follow_up_task" ALTER COLUMN "assignee_manager_id" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "follow_up_task" DROP CONSTRAINT "follow_up_task_source_chk"`);
    await queryRunner.query(
      `ALTER TABLE "follow_up_task" ADD CONSTRAINT "follow_up_task_source_chk" CHECK (source IN ('manual', 'visit', 'renewal-reminder', 'return-visit', 'sla-warning'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "follow_up_task" DROP CONSTRAINT "follow_up_task_source_chk"`);
    await queryRunner.query(
      `ALTER TABLE "follow_up_task" ADD CONSTRAINT "follow_up_task_source_chk" CHECK (source IN ('manual', 'visit', 'renewal-reminder'))`,
    );
    await queryRunner.query(`ALTER TABLE "follow_up_task" ALTER COLUMN "assignee_manager_id" SET NOT NULL`);
  }
}
