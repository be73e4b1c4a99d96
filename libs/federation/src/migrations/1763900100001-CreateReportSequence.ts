import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Monotonic sequence stamped on this node's status reports (parents keep the highest). */
export class CreateReportSequence1763900100001 implements MigrationInterface {
  name = 'CreateReportSequence1763900100001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SEQUENCE federation_report_seq`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SEQUENCE federation_report_seq`);
  }
}
