import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Circuits get an identity of their own and a history of versions (ADR 0038). Circuits recorded
 * before keep their order's id as their circuit id and become version 1; orders before were all
 * `add` orders of the circuit of the same id.
 */
export class CircuitIdentity1796800000001 implements MigrationInterface {
  name = 'CircuitIdentity1796800000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "customer_circuit_version" (
                "circuit_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "order_id" uuid NOT NULL,
                "action" text NOT NULL,
                "bandwidth_mbps" integer NOT NULL,
                "circuit_ids" text array NOT NULL,
                "monthly_charge_fen" bigint NOT NULL,
                "one_time_charge_fen" bigint NOT NULL,
                "effective_date" date NOT NULL,
                "completed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "customer_circuit_version_action_chk" CHECK (action IN ('add', 'modify', 'delete')),
                CONSTRAINT "PK_45c3837f489a377c45a03d16874" PRIMARY KEY ("circuit_id", "version")
            )
        `);
    await queryRunner.query(`ALTER TABLE "customer_circuit" ADD "circuit_id" uuid`);
    await queryRunner.query(`UPDATE "customer_circuit" SET "circuit_id" = "order_id"`);
    await queryRunner.query(`ALTER TABLE "customer_circuit" ALTER COLUMN "circuit_id" SET NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "customer_circuit" DROP CONSTRAINT "PK_9649ef16c472fe9d23f9238da64"`,
    );
    await queryRunner.query(
      `ALTER TABLE "customer_circuit" ADD CONSTRAINT "PK_7dddaf5eb31e2c2a54048cd0d04" PRIMARY KEY ("circuit_id")`,
    );
    await queryRunner.query(`ALTER TABLE "customer_circuit" ADD "version" integer NOT NULL DEFAULT '1'`);
    await queryRunner.query(`ALTER TABLE "customer_circuit" ADD "state" text NOT NULL DEFAULT 'inService'`);
    await queryRunner.query(`ALTER TABLE "customer_circuit" ADD "ceased_on" date`);
    await queryRunner.query(`ALTER TABLE "customer_circuit" ADD "pending_order_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "customer_circuit" ADD "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`,
    );
    await queryRunner.query(`
            INSERT INTO "customer_circuit_version"
              ("circuit_id", "version", "order_id", "action", "bandwidth_mbps", "circuit_ids",
               "monthly_charge_fen", "one_time_charge_fen", "effective_date", "completed_at")
            SELECT "circuit_id", 1, "order_id", 'add', "bandwidth_mbps", "circuit_ids",
                   "monthly_charge_fen", "one_time_charge_fen", "completion_date", "completed_at"
              FROM "customer_circuit"
        `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "customer_circuit_order_key" ON "customer_circuit" ("order_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "customer_circuit" ADD CONSTRAINT "customer_circuit_state_chk" CHECK (state IN ('inService', 'ceased'))`,
    );
    await queryRunner.query(`ALTER TABLE "circuit_order" ADD "action" text NOT NULL DEFAULT 'add'`);
    await queryRunner.query(`ALTER TABLE "circuit_order" ADD "circuit_id" uuid`);
    await queryRunner.query(`UPDATE "circuit_order" SET "circuit_id" = "id"`);
    await queryRunner.query(`ALTER TABLE "circuit_order" ALTER COLUMN "circuit_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "circuit_order" ADD "base_version" integer`);
    await queryRunner.query(`ALTER TABLE "circuit_order" ADD "cease_date" date`);
    await queryRunner.query(
      `CREATE INDEX "circuit_order_circuit_idx" ON "circuit_order" ("circuit_id", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "circuit_order" ADD CONSTRAINT "circuit_order_cease_date_chk" CHECK ((action = 'delete') = (cease_date IS NOT NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "circuit_order" ADD CONSTRAINT "circuit_order_action_chk" CHECK (action IN ('add', 'modify', 'delete'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "circuit_order" WHERE "action" <> 'add'`);
    await queryRunner.query(`ALTER TABLE "circuit_order" DROP CONSTRAINT "circuit_order_action_chk"`);
    await queryRunner.query(`ALTER TABLE "circuit_order" DROP CONSTRAINT "circuit_order_cease_date_chk"`);
    await queryRunner.query(`DROP INDEX "public"."circuit_order_circuit_idx"`);
    await queryRunner.query(`ALTER TABLE "circuit_order" DROP COLUMN "cease_date"`);
    await queryRunner.query(`ALTER TABLE "circuit_order" DROP COLUMN "base_version"`);
    await queryRunner.query(`ALTER TABLE "circuit_order" DROP COLUMN "circuit_id"`);
    await queryRunner.query(`ALTER TABLE "circuit_order" DROP COLUMN "action"`);
    await queryRunner.query(`ALTER TABLE "customer_circuit" DROP CONSTRAINT "customer_circuit_state_chk"`);
    await queryRunner.query(`DROP INDEX "public"."customer_circuit_order_key"`);
    await queryRunner.query(
      `ALTER TABLE "customer_circuit" DROP CONSTRAINT "PK_7dddaf5eb31e2c2a54048cd0d04"`,
    );
    await queryRunner.query(
      `ALTER TABLE "customer_circuit" ADD CONSTRAINT "PK_9649ef16c472fe9d23f9238da64" PRIMARY KEY ("order_id")`,
    );
    await queryRunner.query(`ALTER TABLE "customer_circuit" DROP COLUMN "updated_at"`);
    await queryRunner.query(`ALTER TABLE "customer_circuit" DROP COLUMN "pending_order_id"`);
    await queryRunner.query(`ALTER TABLE "customer_circuit" DROP COLUMN "ceased_on"`);
    await queryRunner.query(`ALTER TABLE "customer_circuit" DROP COLUMN "state"`);
    await queryRunner.query(`ALTER TABLE "customer_circuit" DROP COLUMN "version"`);
    await queryRunner.query(`ALTER TABLE "customer_circuit" DROP COLUMN "circuit_id"`);
    await queryRunner.query(`DROP TABLE "customer_circuit_version"`);
  }
}
