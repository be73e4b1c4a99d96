import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAccountManager1795457103221 implements MigrationInterface {
  name = 'CreateAccountManager1795457103221';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "account_manager" (
                "id" uuid NOT NULL,
                "city_code" text NOT NULL,
                "staff_id" character varying(64) NOT NULL,
                "name" character varying(50) NOT NULL,
                "title" text NOT NULL,
                "supervisor_id" uuid,
                "active" boolean NOT NULL DEFAULT true,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "account_manager_chief_top_check" CHECK (("title" = 'chief') = ("supervisor_id" IS NULL)),
                CONSTRAINT "account_manager_title_check" CHECK (
                    "title" IN ('account_manager', 'supervisor', 'chief')
                ),
                CONSTRAINT "PK_b5be038eb710b0b66e8ddb96a1b" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "account_manager_staff_id_key" ON "account_manager" ("staff_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "account_manager_supervisor_idx" ON "account_manager" ("supervisor_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "account_manager"
            ADD CONSTRAINT "account_manager_supervisor_fk" FOREIGN KEY ("supervisor_id") REFERENCES "account_manager"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "account_manager" DROP CONSTRAINT "account_manager_supervisor_fk"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."account_manager_supervisor_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."account_manager_staff_id_key"
        `);
    await queryRunner.query(`
            DROP TABLE "account_manager"
        `);
  }
}
