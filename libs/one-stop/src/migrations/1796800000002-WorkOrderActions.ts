import { MigrationInterface, QueryRunner } from 'typeorm';

/** Work orders know what the home city's order does to the circuit (ADR 0038). */
export class WorkOrderActions1796800000002 implements MigrationInterface {
  name = 'WorkOrderActions1796800000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "one_stop_work_order" ADD "action" text NOT NULL DEFAULT 'add'`);
    await queryRunner.query(`ALTER TABLE "one_stop_work_order" ADD "circuit_ref" uuid`);
    await queryRunner.query(`ALTER TABLE "one_stop_work_order" ADD "cease_date" date`);
    await queryRunner.query(
      `ALTER TABLE "one_stop_work_order" ADD CONSTRAINT "one_stop_work_order_action_chk" CHECK (action IN ('add', 'modify', 'delete'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "one_stop_work_order" DROP CONSTRAINT "one_stop_work_order_action_chk"`,
    );
    await queryRunner.query(`ALTER TABLE "one_stop_work_order" DROP COLUMN "cease_date"`);
    await queryRunner.query(`ALTER TABLE "one_stop_work_order" DROP COLUMN "circuit_ref"`);
    await queryRunner.query(`ALTER TABLE "one_stop_work_order" DROP COLUMN "action"`);
  }
}
