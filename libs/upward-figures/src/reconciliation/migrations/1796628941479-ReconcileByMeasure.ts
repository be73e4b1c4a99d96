import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Reconciliation runs name the measure they compare; every run before this one compared usage. */
export class ReconcileByMeasure1796628941479 implements MigrationInterface {
  name = 'ReconcileByMeasure1796628941479';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "reconciliation_run" ADD "measure" text NOT NULL DEFAULT 'usage'`);
    await queryRunner.query(`ALTER TABLE "reconciliation_run" ALTER COLUMN "measure" DROP DEFAULT`);
    await queryRunner.query(
      `CREATE INDEX "reconciliation_run_measure_started_idx" ON "reconciliation_run" ("measure", "started_at") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."reconciliation_run_measure_started_idx"`);
    await queryRunner.query(`ALTER TABLE "reconciliation_run" DROP COLUMN "measure"`);
  }
}
