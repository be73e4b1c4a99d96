import { toBinary } from '@bufbuild/protobuf';
import { OneStopPolicyPublishedSchema } from '@kaf/contracts';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { policyOfRow, toPublished } from '../policy/one-stop-policy.codec';
import type { SegmentSlaRule, SettlementOverrideRule } from '../policy/one-stop-policy.reader';

/**
 * Provinces and cities hold the one-stop policy as the `one-stop-policy` document now. The version
 * a node held in the old one-row replica is carried over as the document's version (issued by the
 * national node, whose code is always `CN`), so the node keeps its SLAs and shares through the
 * upgrade; then the replica goes.
 */
export class DropOneStopPolicyReplica1796618601112 implements MigrationInterface {
  name = 'DropOneStopPolicyReplica1796618601112';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const rows = (await queryRunner.query(
      `SELECT version::text, slas, transit_share_bp, overrides, updated_at FROM one_stop_policy_replica`,
    )) as {
      version: string;
      slas: SegmentSlaRule[];
      transit_share_bp: number;
      overrides: SettlementOverrideRule[];
      updated_at: Date;
    }[];
    for (const row of rows) {
      const policy = policyOfRow({
        version: BigInt(row.version),
        slas: row.slas,
        transitShareBp: row.transit_share_bp,
        overrides: row.overrides,
        updatedAt: row.updated_at,
      });
      await queryRunner.query(
        `INSERT INTO document_version (document, key, issuer, version, body, audience, published_at)
         VALUES ('one-stop-policy', '', 'CN', $1, $2, '{"tiers":[],"nodes":[]}', $3)
         ON CONFLICT DO NOTHING`,
        [
          row.version,
          Buffer.from(toBinary(OneStopPolicyPublishedSchema, toPublished(policy))),
          row.updated_at,
        ],
      );
    }
    await queryRunner.query(`DROP TABLE "one_stop_policy_replica"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "one_stop_policy_replica" (
                "id" smallint NOT NULL DEFAULT '1',
                "version" bigint NOT NULL,
                "slas" jsonb NOT NULL,
                "transit_share_bp" integer NOT NULL,
                "overrides" jsonb NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "one_stop_policy_replica_single_row" CHECK ("id" = 1),
                CONSTRAINT "PK_4a14220cdff1cea218a67bae96b" PRIMARY KEY ("id")
            )
        `);
  }
}
