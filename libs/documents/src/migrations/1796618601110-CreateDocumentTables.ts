import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateDocumentTables1796618601110 implements MigrationInterface {
  name = 'CreateDocumentTables1796618601110';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "document_receipt" (
                "document" text NOT NULL,
                "key" text NOT NULL,
                "issuer" text NOT NULL,
                "node" text NOT NULL,
                "version" bigint NOT NULL,
                "applied_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_06bb1fb68681e043d5e13089b31" PRIMARY KEY ("document", "key", "issuer", "node")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "document_version" (
                "document" text NOT NULL,
                "key" text NOT NULL,
                "issuer" text NOT NULL,
                "version" bigint NOT NULL,
                "body" bytea NOT NULL,
                "audience" jsonb NOT NULL,
                "published_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "stored_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_a2a9a1df05d2ad71e5f12a5a3a6" PRIMARY KEY ("document", "key", "issuer")
            )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "document_version"`);
    await queryRunner.query(`DROP TABLE "document_receipt"`);
  }
}
