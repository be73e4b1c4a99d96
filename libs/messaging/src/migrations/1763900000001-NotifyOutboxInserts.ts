import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Wakes the outbox relay when rows are committed (NOTIFY is delivered at commit, once per
 * statement). Not expressible in entities, so written by hand.
 */
export class NotifyOutboxInserts1763900000001 implements MigrationInterface {
  name = 'NotifyOutboxInserts1763900000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION messaging_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('kaf_outbox', '');
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER messaging_outbox_notify AFTER INSERT ON messaging_outbox
      FOR EACH STATEMENT EXECUTE FUNCTION messaging_outbox_notify()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER messaging_outbox_notify ON messaging_outbox`);
    await queryRunner.query(`DROP FUNCTION messaging_outbox_notify()`);
  }
}
