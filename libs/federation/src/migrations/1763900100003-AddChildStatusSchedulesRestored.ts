import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddChildStatusSchedulesRestored1763900100003 implements MigrationInterface {
  name = 'AddChildStatusSchedulesRestored1763900100003';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "federation_child_status" ADD "schedules_restored" bigint NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `ALTER TABLE "federation_child_status" ADD "schedules_restored_at" TIMESTAMP WITH TIME ZONE`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "federation_child_status" DROP COLUMN "schedules_restored_at"`);
    await queryRunner.query(`ALTER TABLE "federation_child_status" DROP COLUMN "schedules_restored"`);
  }
}
