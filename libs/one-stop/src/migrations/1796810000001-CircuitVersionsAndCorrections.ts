import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Settlement follows the circuit's life (ADR 0039): `one_stop_circuit` is keyed by the circuit's
 * own id, every version received is kept in `one_stop_circuit_version`, and records carry the
 * circuit, a kind (`charge` | `correction`) and a sequence per (month, circuit, role). Circuits
 * registered before have no id of their own: their order id stands for it, and their completion
 * becomes version 1 (`add`), in force from the Shanghai date of `completed_at`. Records written
 * before are the charges (seq 1) of those circuits.
 */
export class CircuitVersionsAndCorrections1796810000001 implements MigrationInterface {
  name = 'CircuitVersionsAndCorrections1796810000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "one_stop_circuit_version" (
                "circuit_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "order_id" uuid NOT NULL,
                "action" text NOT NULL,
                "bandwidth_mbps" integer NOT NULL,
                "a_end_node" text NOT NULL,
                "z_end_node" text NOT NULL,
                "monthly_charge_fen" bigint NOT NULL,
                "one_time_charge_fen" bigint NOT NULL,
                "effective_date" date NOT NULL,
                "completed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "circuit_ids" text array NOT NULL,
                "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),
                CONSTRAINT "one_stop_circuit_version_charges_chk" CHECK (
                    monthly_charge_fen >= 0
                    AND one_time_charge_fen >= 0
                ),
                CONSTRAINT "one_stop_circuit_version_version_chk" CHECK (version >= 1),
                CONSTRAINT "one_stop_circuit_version_action_chk" CHECK (action IN ('add', 'modify', 'delete')),
                CONSTRAINT "PK_ccfe62d613b1e58991a286a7f4d" PRIMARY KEY ("circuit_id", "version")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "one_stop_circuit_version_received_idx" ON "one_stop_circuit_version" ("received_at")
        `);

    await queryRunner.query(`
            ALTER TABLE "one_stop_circuit"
            ADD "circuit_id" uuid,
            ADD "version" integer NOT NULL DEFAULT 1,
            ADD "ceased_on" date,
            ADD "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
        `);
    await queryRunner.query(`
            UPDATE "one_stop_circuit" SET "circuit_id" = "order_id", "changed_at" = "received_at"
        `);
    await queryRunner.query(`
            INSERT INTO "one_stop_circuit_version"
                ("circuit_id", "version", "order_id", "action", "bandwidth_mbps", "a_end_node", "z_end_node",
                 "monthly_charge_fen", "one_time_charge_fen", "effective_date", "completed_at", "circuit_ids",
                 "received_at")
            SELECT "circuit_id", 1, "order_id", 'add', "bandwidth_mbps", "a_end_node", "z_end_node",
                   "monthly_charge_fen", "one_time_charge_fen", ("completed_at" AT TIME ZONE 'Asia/Shanghai')::date,
                   "completed_at", "circuit_ids", "received_at"
              FROM "one_stop_circuit"
        `);
    await queryRunner.query(`
            ALTER TABLE "one_stop_circuit"
            ALTER COLUMN "circuit_id" SET NOT NULL,
            ALTER COLUMN "version" DROP DEFAULT,
            DROP CONSTRAINT "PK_04cd116df50a6247af46d45980e",
            ADD CONSTRAINT "PK_817987c2c78cedf85da1e8a65d4" PRIMARY KEY ("circuit_id")
        `);

    await queryRunner.query(`
            ALTER TABLE "one_stop_settlement_record"
            DROP CONSTRAINT "one_stop_settlement_record_month_order_role_key",
            DROP CONSTRAINT "one_stop_settlement_record_amount_chk",
            ADD "circuit_id" uuid,
            ADD "kind" text NOT NULL DEFAULT 'charge',
            ADD "seq" integer NOT NULL DEFAULT 1
        `);
    await queryRunner.query(`
            UPDATE "one_stop_settlement_record" SET "circuit_id" = "order_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "one_stop_settlement_record"
            ALTER COLUMN "circuit_id" SET NOT NULL,
            ALTER COLUMN "kind" DROP DEFAULT,
            ALTER COLUMN "seq" DROP DEFAULT,
            ADD CONSTRAINT "one_stop_settlement_record_seq_chk" CHECK ((kind = 'charge') = (seq = 1)),
            ADD CONSTRAINT "one_stop_settlement_record_kind_chk" CHECK (kind IN ('charge', 'correction')),
            ADD CONSTRAINT "one_stop_settlement_record_amount_chk" CHECK (
                (kind = 'charge' AND amount_fen >= 0) OR (kind = 'correction' AND amount_fen <> 0)
            ),
            ADD CONSTRAINT "one_stop_settlement_record_month_circuit_role_seq_key" UNIQUE ("billing_month", "circuit_id", "role", "seq")
        `);
    await queryRunner.query(`
            CREATE INDEX "one_stop_settlement_record_circuit_idx" ON "one_stop_settlement_record" ("circuit_id")
        `);
  }

  /** Back to one row per order: only possible while no circuit has a second version or a correction. */
  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."one_stop_settlement_record_circuit_idx"
        `);
    await queryRunner.query(`
            ALTER TABLE "one_stop_settlement_record"
            DROP CONSTRAINT "one_stop_settlement_record_month_circuit_role_seq_key",
            DROP CONSTRAINT "one_stop_settlement_record_amount_chk",
            DROP CONSTRAINT "one_stop_settlement_record_kind_chk",
            DROP CONSTRAINT "one_stop_settlement_record_seq_chk",
            DROP COLUMN "seq",
            DROP COLUMN "kind",
            DROP COLUMN "circuit_id",
            ADD CONSTRAINT "one_stop_settlement_record_amount_chk" CHECK (amount_fen >= 0),
            ADD CONSTRAINT "one_stop_settlement_record_month_order_role_key" UNIQUE ("billing_month", "order_id", "role")
        `);
    await queryRunner.query(`
            ALTER TABLE "one_stop_circuit"
            DROP CONSTRAINT "PK_817987c2c78cedf85da1e8a65d4",
            DROP COLUMN "changed_at",
            DROP COLUMN "ceased_on",
            DROP COLUMN "version",
            DROP COLUMN "circuit_id",
            ADD CONSTRAINT "PK_04cd116df50a6247af46d45980e" PRIMARY KEY ("order_id")
        `);
    await queryRunner.query(`
            DROP INDEX "public"."one_stop_circuit_version_received_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "one_stop_circuit_version"
        `);
  }
}
