import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddReportedManagerStaffId1795460275498 implements MigrationInterface {
  name = 'AddReportedManagerStaffId1795460275498';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "reported_customer"
            ADD "manager_staff_id" text
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "reported_customer" DROP COLUMN "manager_staff_id"
        `);
  }
}
