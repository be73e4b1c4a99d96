import { MigrationInterface, QueryRunner } from 'typeorm';

export class GuardRepeatedRedispatch1795842670327 implements MigrationInterface {
  name = 'GuardRepeatedRedispatch1795842670327';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "one_stop_coordination_request"
            ADD "attempt" integer
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "one_stop_coordination_request_attempt_key" ON "one_stop_coordination_request" ("segment_id", "attempt")
            WHERE kind = 'redispatch'
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."one_stop_coordination_request_attempt_key"
        `);
    await queryRunner.query(`
            ALTER TABLE "one_stop_coordination_request" DROP COLUMN "attempt"
        `);
  }
}
