import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Quotes time out and price bandwidth changes (ADR 0040). A quote keeps the policy's answer time
 * it was asked under and the instant its answers are due; quotes asked before (and rows written
 * without the service) get the default hour from their creation (one still requested long after is timed out by the first reconcile
 * pass). Policy versions set before carry the default hour; tariffs charge nothing for a change
 * until their node sets it.
 */
export class QuoteTimeoutsAndModifyQuotes1796820000001 implements MigrationInterface {
  name = 'QuoteTimeoutsAndModifyQuotes1796820000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "circuit_quote" ADD "action" text NOT NULL DEFAULT 'add'`);
    await queryRunner.query(`ALTER TABLE "circuit_quote" ADD "circuit_id" uuid`);
    await queryRunner.query(`ALTER TABLE "circuit_quote" ADD "reply_seconds" integer NOT NULL DEFAULT 3600`);
    await queryRunner.query(`ALTER TABLE "circuit_quote" ADD "answer_by" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`UPDATE "circuit_quote" SET "answer_by" = "created_at" + interval '1 hour'`);
    await queryRunner.query(`ALTER TABLE "circuit_quote" ALTER COLUMN "answer_by" SET NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "circuit_quote" ALTER COLUMN "answer_by" SET DEFAULT (now() + '01:00:00'::interval)`,
    );
    await queryRunner.query(
      `ALTER TABLE "one_stop_policy" ADD "quote_reply_seconds" integer NOT NULL DEFAULT 3600`,
    );
    await queryRunner.query(`ALTER TABLE "one_stop_policy" ALTER COLUMN "quote_reply_seconds" DROP DEFAULT`);
    await queryRunner.query(
      `ALTER TABLE "circuit_tariff" ADD "change_one_time_fen" bigint NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `CREATE INDEX "circuit_quote_answer_by_idx" ON "circuit_quote" ("answer_by") WHERE state = 'requested'`,
    );
    await queryRunner.query(
      `ALTER TABLE "circuit_quote" ADD CONSTRAINT "circuit_quote_reply_seconds_chk" CHECK (reply_seconds >= 1)`,
    );
    await queryRunner.query(
      `ALTER TABLE "circuit_quote" ADD CONSTRAINT "circuit_quote_action_chk" CHECK (action IN ('add', 'modify') AND (action = 'modify') = (circuit_id IS NOT NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "one_stop_policy" ADD CONSTRAINT "one_stop_policy_quote_reply_chk" CHECK (quote_reply_seconds BETWEEN 5 AND 604800)`,
    );
    await queryRunner.query(`ALTER TABLE "circuit_tariff" DROP CONSTRAINT "circuit_tariff_fen_chk"`);
    await queryRunner.query(
      `ALTER TABLE "circuit_tariff" ADD CONSTRAINT "circuit_tariff_fen_chk" CHECK (one_time_fen >= 0 AND monthly_base_fen >= 0 AND monthly_per_mbps_fen >= 0 AND change_one_time_fen >= 0)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "circuit_tariff" DROP CONSTRAINT "circuit_tariff_fen_chk"`);
    await queryRunner.query(
      `ALTER TABLE "circuit_tariff" ADD CONSTRAINT "circuit_tariff_fen_chk" CHECK (one_time_fen >= 0 AND monthly_base_fen >= 0 AND monthly_per_mbps_fen >= 0)`,
    );
    await queryRunner.query(
      `ALTER TABLE "one_stop_policy" DROP CONSTRAINT "one_stop_policy_quote_reply_chk"`,
    );
    await queryRunner.query(`ALTER TABLE "circuit_quote" DROP CONSTRAINT "circuit_quote_action_chk"`);
    await queryRunner.query(`ALTER TABLE "circuit_quote" DROP CONSTRAINT "circuit_quote_reply_seconds_chk"`);
    await queryRunner.query(`DROP INDEX "public"."circuit_quote_answer_by_idx"`);
    await queryRunner.query(`ALTER TABLE "circuit_tariff" DROP COLUMN "change_one_time_fen"`);
    await queryRunner.query(`ALTER TABLE "one_stop_policy" DROP COLUMN "quote_reply_seconds"`);
    await queryRunner.query(`ALTER TABLE "circuit_quote" DROP COLUMN "answer_by"`);
    await queryRunner.query(`ALTER TABLE "circuit_quote" DROP COLUMN "reply_seconds"`);
    await queryRunner.query(`ALTER TABLE "circuit_quote" DROP COLUMN "circuit_id"`);
    await queryRunner.query(`ALTER TABLE "circuit_quote" DROP COLUMN "action"`);
  }
}
