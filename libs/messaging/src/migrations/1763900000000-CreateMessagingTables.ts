import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMessagingTables1763900000000 implements MigrationInterface {
  name = 'CreateMessagingTables1763900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "messaging_dead_letter" ("id" uuid NOT NULL, "message_id" uuid, "type" text, "source" text, "topic" text NOT NULL, "partition" integer NOT NULL, "offset" bigint NOT NULL, "raw" bytea, "reason" text NOT NULL, "attempts" integer NOT NULL, "failed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "replayed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_da2591f05833427d1319f017367" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "messaging_dead_letter_message_id_idx" ON "messaging_dead_letter" ("message_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "messaging_dead_letter_failed_at_idx" ON "messaging_dead_letter" ("failed_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "messaging_dead_letter_record_uq" ON "messaging_dead_letter" ("topic", "partition", "offset") `,
    );
    await queryRunner.query(
      `CREATE TABLE "messaging_inbox" ("message_id" uuid NOT NULL, "type" text NOT NULL, "source" text NOT NULL, "outcome" text NOT NULL DEFAULT 'handled', "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fb6796a12d030e05459ad91d0bb" PRIMARY KEY ("message_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "messaging_inbox_received_at_idx" ON "messaging_inbox" ("received_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "messaging_outbox" ("id" uuid NOT NULL, "seq" BIGSERIAL NOT NULL, "topic" text NOT NULL, "key" text NOT NULL, "type" text NOT NULL, "target" text NOT NULL, "envelope" bytea NOT NULL, "correlation_id" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_052ed60e513cd404a60189b10f2" UNIQUE ("seq"), CONSTRAINT "PK_ba7747c53d9db6bf73936cc85e9" PRIMARY KEY ("id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "messaging_outbox"`);
    await queryRunner.query(`DROP INDEX "public"."messaging_inbox_received_at_idx"`);
    await queryRunner.query(`DROP TABLE "messaging_inbox"`);
    await queryRunner.query(`DROP INDEX "public"."messaging_dead_letter_record_uq"`);
    await queryRunner.query(`DROP INDEX "public"."messaging_dead_letter_failed_at_idx"`);
    await queryRunner.query(`DROP INDEX "public"."messaging_dead_letter_message_id_idx"`);
    await queryRunner.query(`DROP TABLE "messaging_dead_letter"`);
  }
}
