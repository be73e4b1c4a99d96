import type { MigrationInterface } from 'typeorm';
import { DOCUMENTS_ENTITIES, DOCUMENTS_MIGRATIONS } from '@kaf/documents';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The upgrade that lets a version be a withdrawal (a province withdrawing its override): every
 * version a node held before stands, so no node loses its policy or registry to the upgrade.
 */
describe('document withdrawals, upgrading a node', () => {
  let db: TestDatabase;
  let migration: MigrationInterface;

  beforeAll(async () => {
    db = await createTestDatabase('withdrawal', {
      entities: DOCUMENTS_ENTITIES,
      migrations: DOCUMENTS_MIGRATIONS,
    });
    const found = DOCUMENTS_MIGRATIONS.find((m) => m.name.startsWith('AddDocumentWithdrawal'));
    if (!found) throw new Error('no migration AddDocumentWithdrawal');
    migration = new found();
  }, 60_000);
  afterAll(() => db.dispose());

  const rows = () =>
    db.dataSource.query<
      { document: string; key: string; issuer: string; version: string; withdrawn: boolean }[]
    >(
      `SELECT document, key, issuer, version::text, withdrawn FROM document_version ORDER BY document, key, issuer`,
    );

  it('keeps every version held before as standing, and drops only withdrawals when rolled back', async () => {
    const runner = db.dataSource.createQueryRunner();
    try {
      // The node as it was before the upgrade: a policy and two groups of the registry.
      await migration.down(runner);
      await runner.query(
        `INSERT INTO document_version (document, key, issuer, version, body, audience, published_at)
         VALUES ('billing-policy', '', 'CN', 4, '\\x0804', '{"tiers":[],"nodes":[]}', now()),
                ('group-registry', 'G1', 'CN', 2, '\\x0802', '{"tiers":["city"],"nodes":[]}', now()),
                ('group-registry', 'G2', 'CN', 7, '\\x0807', '{"tiers":["city"],"nodes":[]}', now())`,
      );
      await migration.up(runner);
      expect(await rows()).toEqual([
        { document: 'billing-policy', key: '', issuer: 'CN', version: '4', withdrawn: false },
        { document: 'group-registry', key: 'G1', issuer: 'CN', version: '2', withdrawn: false },
        { document: 'group-registry', key: 'G2', issuer: 'CN', version: '7', withdrawn: false },
      ]);

      // A province's override withdrawn after the upgrade; rolled back, the old code would read
      // its empty body as a policy, so the withdrawal goes and the rest stays.
      await runner.query(
        `INSERT INTO document_version (document, key, issuer, version, body, withdrawn, audience, published_at)
         VALUES ('billing-policy', '', '440000', 2, '\\x', true, '{"tiers":[],"nodes":[]}', now())`,
      );
      await migration.down(runner);
      const kept = await db.dataSource.query<{ row: string }[]>(
        `SELECT document || '/' || key || '/' || issuer || ' v' || version AS row FROM document_version ORDER BY 1`,
      );
      expect(kept.map((r) => r.row)).toEqual([
        'billing-policy//CN v4',
        'group-registry/G1/CN v2',
        'group-registry/G2/CN v7',
      ]);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
  });
});
