import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateFederationTables1763900100000 implements MigrationInterface {
  name = 'CreateFederationTables1763900100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "federation_probe_batch" ("batch_id" uuid NOT NULL, "target" text NOT NULL, "count" integer NOT NULL, "keys" integer NOT NULL, "mode" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bd7378577a1ce5ed01247394666" PRIMARY KEY ("batch_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "federation_probe_received" ("seq" BIGSERIAL NOT NULL, "probe_id" uuid NOT NULL, "batch_id" uuid NOT NULL, "source" text NOT NULL, "key" text NOT NULL, "sequence" integer NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "PK_d25632de825c736152f960d2969" PRIMARY KEY ("seq"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "federation_probe_received_batch_idx" ON "federation_probe_received" ("batch_id", "key", "seq") `,
    );
    await queryRunner.query(
      `CREATE TABLE "federation_probe_reply" ("probe_id" uuid NOT NULL, "batch_id" uuid NOT NULL, "key" text NOT NULL, "sequence" integer NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "replied_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "PK_1fd20ee46f6ec35851e7e17c66a" PRIMARY KEY ("probe_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "federation_probe_reply_batch_idx" ON "federation_probe_reply" ("batch_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "federation_child_status" ("child_code" text NOT NULL, "tier" text NOT NULL, "version" text NOT NULL, "sequence" bigint NOT NULL, "outbox_backlog" bigint NOT NULL, "consumer_lag" bigint NOT NULL, "dead_letters" bigint NOT NULL, "last_error" text, "last_error_at" TIMESTAMP WITH TIME ZONE, "uptime_seconds" bigint NOT NULL, "reported_at" TIMESTAMP WITH TIME ZONE NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_91cbbb7c3fcf2f46a3899c137d9" PRIMARY KEY ("child_code"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "federation_child_status"`);
    await queryRunner.query(`DROP INDEX "public"."federation_probe_reply_batch_idx"`);
    await queryRunner.query(`DROP TABLE "federation_probe_reply"`);
    await queryRunner.query(`DROP INDEX "public"."federation_probe_received_batch_idx"`);
    await queryRunner.query(`DROP TABLE "federation_probe_received"`);
    await queryRunner.query(`DROP TABLE "federation_probe_batch"`);
  }
}
