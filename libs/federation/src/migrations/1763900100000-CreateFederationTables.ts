import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateFederationTables1763900100000 implements MigrationInterface {
  name = 'CreateFederationTables1763900100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "federation_child_status" ("child_code" text NOT NULL, "tier" text NOT NULL, "version" text NOT NULL, "sequence" bigint NOT NULL, "outbox_backlog" bigint NOT NULL, "consumer_lag" bigint NOT NULL, "dead_letters" bigint NOT NULL, "last_error" text, "last_error_at" TIMESTAMP WITH TIME ZONE, "uptime_seconds" bigint NOT NULL, "reported_at" TIMESTAMP WITH TIME ZONE NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_91cbbb7c3fcf2f46a3899c137d9" PRIMARY KEY ("child_code"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "federation_child_status"`);
  }
}
