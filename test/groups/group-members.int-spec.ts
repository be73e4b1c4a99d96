import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { AccessScope } from '@kaf/auth';
import type { CustomerSnapshot } from '@kaf/contracts';
import { type FederatedHandlers, Topology } from '@kaf/federation';
import { GROUPS_ENTITIES, GROUPS_MIGRATIONS } from '@kaf/groups';
import { CustomerSnapshotHandler, GroupMembersService } from '@kaf/groups/testing';
import { type InboundMessage, PermanentMessageError, uuidv7 } from '@kaf/messaging';
import { REPO_ROOT } from '../support/paths';
import { snapshot } from './group-builders';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const GROUP = 'G00000042';
const OTHER_GROUP = 'G00000043';

/**
 * The national node's CustomerSnapshot handler against a real PostgreSQL database: per customer
 * the highest version wins, so duplicates, reordering and late replays never change a member
 * list, and a customer who left its group stays out of it.
 */
describe('group member lists from customer snapshots', () => {
  let db: TestDatabase;
  const topology = Topology.load(join(REPO_ROOT, 'deploy/topology/dev.json'));
  let dataSource: DataSource;
  let handler: CustomerSnapshotHandler;
  let members: GroupMembersService;
  const hq = new AccessScope(
    { subject: 'hq', roles: ['hq_analyst'], nodeCode: 'CN' },
    'groups:read',
    'subtree',
    topology,
  );
  const zhejiang = new AccessScope(
    { subject: 'zj', roles: ['province_analyst'], nodeCode: '330000' },
    'groups:read',
    'subtree',
    topology,
  );

  beforeAll(async () => {
    db = await createTestDatabase('groups', { entities: GROUPS_ENTITIES, migrations: GROUPS_MIGRATIONS });
    dataSource = db.dataSource;
    // The registry entries the member lists hang off (written directly: this suite is about snapshots).
    for (const code of [GROUP, OTHER_GROUP]) {
      await dataSource.query(
        `INSERT INTO group_customer (group_code, name, credit_code, industry, grade, status, lead_node, version)
         VALUES ($1::text, $1::text, $1::text, 'I', 'A', 'active', 'CN', 1)`,
        [code],
      );
    }
    handler = new CustomerSnapshotHandler({} as FederatedHandlers, topology);
    members = new GroupMembersService(dataSource, topology);
  }, 60_000);

  afterAll(() => db?.dispose());

  const message = (source: string): InboundMessage => ({
    id: uuidv7(),
    type: 'kaf.customers.v1.CustomerSnapshot',
    source,
    target: 'CN',
    key: '',
    correlationId: '',
    causationId: '',
    occurredAt: new Date(),
    payload: new Uint8Array(),
  });

  /** Delivers snapshots as one inbox chunk would, each from the city it names unless told. */
  const deliver = (snapshots: CustomerSnapshot[], source?: string) =>
    dataSource.transaction((tx) =>
      handler.handle(
        snapshots.map((payload) => ({ payload, message: message(source ?? payload.cityCode) })),
        tx,
      ),
    );

  const memberIds = async (group: string, scope = hq) =>
    (await members.list(group, { limit: 500, offset: 0 }, scope)).items.map((m) => m.customerId).sort();

  it('lists members from two cities with their province, business fields only', async () => {
    const sz = snapshot({ cityCode: '440300', groupCode: GROUP, name: '深圳成员' });
    const hz = snapshot({
      cityCode: '330100',
      groupCode: GROUP,
      name: '杭州成员',
      classes: ['group_member', 'strategic'],
    });
    await deliver([sz, hz]);

    const { items, total } = await members.list(GROUP, { limit: 500, offset: 0 }, hq);
    expect(total).toBe(2);
    expect(items.find((m) => m.customerId === hz.customerId)).toEqual({
      customerId: hz.customerId,
      cityCode: '330100',
      provinceCode: '330000',
      name: '杭州成员',
      creditCode: hz.creditCode,
      industry: 'I',
      grade: 'A',
      status: 'active',
      classes: ['group_member', 'strategic'],
      version: '1',
      updatedAt: expect.any(String),
    });
    expect(await memberIds(GROUP, zhejiang)).toEqual([hz.customerId]);
    expect(await members.countByProvince(GROUP, hq)).toEqual([
      { provinceCode: '330000', provinceName: expect.any(String), memberCount: 1 },
      { provinceCode: '440000', provinceName: expect.any(String), memberCount: 1 },
    ]);
    const inProvince = await members.list(GROUP, { limit: 500, offset: 0, provinceCode: '440000' }, hq);
    expect(inProvince.items.map((m) => m.customerId)).toEqual([sz.customerId]);
  });

  it('drops a customer that left, and a late older snapshot does not bring it back', async () => {
    const joined = snapshot({ groupCode: GROUP, version: 4n });
    const left = { ...joined, version: 5n, groupCode: '', previousGroupCode: GROUP };
    await deliver([joined]);
    expect(await memberIds(GROUP)).toContain(joined.customerId);

    await deliver([left]);
    expect(await memberIds(GROUP)).not.toContain(joined.customerId);
    await deliver([joined]);
    await deliver([{ ...joined, version: 3n }]);
    expect(await memberIds(GROUP)).not.toContain(joined.customerId);
    const [row] = await dataSource.query<{ group_code: string | null; version: string }[]>(
      'SELECT group_code, version::text AS version FROM group_member WHERE customer_id = $1',
      [joined.customerId],
    );
    expect(row).toEqual({ group_code: null, version: '5' });

    await deliver([{ ...joined, version: 6n, groupCode: OTHER_GROUP }]);
    expect(await memberIds(OTHER_GROUP)).toEqual([joined.customerId]);
  });

  it('keeps the highest version when one chunk holds several snapshots of a customer, in any order', async () => {
    const base = snapshot({ groupCode: GROUP, name: 'v1' });
    await deliver([
      { ...base, version: 3n, name: 'v3' },
      { ...base, version: 7n, name: 'v7', grade: 'C' },
      { ...base, version: 7n, name: 'v7-copy' },
      { ...base, version: 2n, groupCode: '', name: 'v2' },
    ]);
    const member = (await members.list(GROUP, { limit: 500, offset: 0 }, hq)).items.find(
      (m) => m.customerId === base.customerId,
    );
    expect(member).toMatchObject({ name: 'v7', grade: 'C', version: '7' });
  });

  it('refuses snapshots a city could not have sent, as permanent failures, writing nothing', async () => {
    const count = async () =>
      Number((await dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM group_member'))[0]!.n);
    const before = await count();
    const own = snapshot({ cityCode: '440300', groupCode: GROUP });
    await expect(deliver([own], '440100')).rejects.toThrow(PermanentMessageError);
    await expect(deliver([own], '440000')).rejects.toThrow(PermanentMessageError);
    await expect(deliver([snapshot({ cityCode: '440000' })])).rejects.toThrow(PermanentMessageError);
    await expect(deliver([snapshot({ customerId: 'not-a-uuid' })])).rejects.toThrow(PermanentMessageError);
    await expect(deliver([snapshot({ version: 0n })])).rejects.toThrow(PermanentMessageError);
    await expect(deliver([snapshot({ groupCode: GROUP }), snapshot({ cityCode: '999900' })])).rejects.toThrow(
      PermanentMessageError,
    );
    expect(await count()).toBe(before);
  });
});
