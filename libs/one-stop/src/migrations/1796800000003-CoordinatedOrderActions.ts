import { MigrationInterface, QueryRunner } from 'typeorm';

/** Coordinators see what an order does to its circuit (ADR 0038). */
export class CoordinatedOrderActions1796800000003 implements MigrationInterface {
  name = 'CoordinatedOrderActions1796800000003';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "coordinated_circuit_order" ADD "action" text NOT NULL DEFAULT 'add'`,
    );
    await queryRunner.query(`ALTER TABLE "coordinated_circuit_order" ADD "circuit_id" uuid`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "coordinated_circuit_order" DROP COLUMN "circuit_id"`);
    await queryRunner.query(`ALTER TABLE "coordinated_circuit_order" DROP COLUMN "action"`);
  }
}
