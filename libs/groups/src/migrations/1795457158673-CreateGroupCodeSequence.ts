import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Numbers national group codes (G + 8 digits). TypeORM cannot derive a free-standing sequence
 * from an entity, so this one migration is written by hand.
 */
export class CreateGroupCodeSequence1795457158673 implements MigrationInterface {
  name = 'CreateGroupCodeSequence1795457158673';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SEQUENCE group_customer_code_seq MINVALUE 1 MAXVALUE 99999999 NO CYCLE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SEQUENCE group_customer_code_seq`);
  }
}
