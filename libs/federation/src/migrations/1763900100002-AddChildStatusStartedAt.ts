import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddChildStatusStartedAt1763900100002 implements MigrationInterface {
  name = 'AddChildStatusStartedAt1763900100002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Rows from before this migration get the epoch: any report from a running child wins.
    await queryRunner.query(
      `ALTER TABLE "federation_child_status" ADD "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT 'epoch'`,
    );
    await queryRunner.query(`ALTER TABLE "federation_child_status" ALTER COLUMN "started_at" DROP DEFAULT`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "federation_child_status" DROP COLUMN "started_at"`);
  }
}
