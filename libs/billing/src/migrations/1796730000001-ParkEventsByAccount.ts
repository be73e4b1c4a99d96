import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ParkEventsByAccount1796730000001 implements MigrationInterface {
  name = 'ParkEventsByAccount1796730000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "billing_parked_event" ADD "billing_account" text`);
    // Numbers the batches of a province's REST door: with the index, an event's position there.
    await queryRunner.query(`CREATE SEQUENCE "billing_door_batch_seq"`);
    await queryRunner.query(
      `CREATE INDEX "billing_parked_event_account_idx" ON "billing_parked_event" ("source", "billing_account") WHERE "replayed_at" IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SEQUENCE "billing_door_batch_seq"`);
    await queryRunner.query(`DROP INDEX "billing_parked_event_account_idx"`);
    await queryRunner.query(`ALTER TABLE "billing_parked_event" DROP COLUMN "billing_account"`);
  }
}
