import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateParkedUsageEvents1795827295596 implements MigrationInterface {
  name = 'CreateParkedUsageEvents1795827295596';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "billing_parked_event" (
                "id" uuid NOT NULL,
                "topic" text NOT NULL,
                "partition" integer NOT NULL,
                "offset" bigint NOT NULL,
                "index" integer NOT NULL,
                "source" text,
                "event_id" text,
                "reason" text NOT NULL,
                "payload" text NOT NULL,
                "parked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "replayed_at" TIMESTAMP WITH TIME ZONE,
                "replay_status" text,
                CONSTRAINT "PK_d8ea895e9d5bce08de703d53825" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "billing_parked_event_event_id_idx" ON "billing_parked_event" ("event_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "billing_parked_event_parked_at_idx" ON "billing_parked_event" ("parked_at")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "billing_parked_event_position_uq" ON "billing_parked_event" ("topic", "partition", "offset", "index")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."billing_parked_event_position_uq"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."billing_parked_event_parked_at_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."billing_parked_event_event_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "billing_parked_event"
        `);
  }
}
