import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A version may be a withdrawal (a province withdrawing its override of a national document,
 * ADR 0032). Every version stored before stands: the column defaults to false, so the upgrade
 * changes no row's meaning and needs no rewrite of the bodies.
 */
export class AddDocumentWithdrawal1796618601113 implements MigrationInterface {
  name = 'AddDocumentWithdrawal1796618601113';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "document_version" ADD "withdrawn" boolean NOT NULL DEFAULT false`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "document_version" WHERE "withdrawn"`);
    await queryRunner.query(`ALTER TABLE "document_version" DROP COLUMN "withdrawn"`);
  }
}
