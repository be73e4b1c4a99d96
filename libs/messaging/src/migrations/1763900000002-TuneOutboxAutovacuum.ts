import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox is a queue: every row is inserted once and deleted soon after. Vacuum it after a
 * fixed number of dead rows rather than a fraction of a (small) table, so the relay's scan from
 * the head of the queue does not wade through dead index entries during a burst.
 */
export class TuneOutboxAutovacuum1763900000002 implements MigrationInterface {
  name = 'TuneOutboxAutovacuum1763900000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE messaging_outbox SET (
      autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000,
      autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 5000,
      autovacuum_vacuum_cost_delay = 0)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE messaging_outbox RESET (
      autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold,
      autovacuum_vacuum_insert_scale_factor, autovacuum_vacuum_insert_threshold, autovacuum_vacuum_cost_delay)`);
  }
}
