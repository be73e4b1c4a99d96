import { tokenFor } from '../support/auth';
import { FederationFixture } from '../support/federation-fixture';
import { BOOT_HOOK_TIMEOUT_MS, type NodeProcess } from '../support/node-process';
import { type ManagerBody, aManager, fieldsOf } from './people-builders';
import { expectEvery } from '../support/expectations';

interface ManagerView {
  id: string;
  cityCode: string;
  staffId: string;
  name: string;
  title: string;
  supervisorId: string | null;
  active: boolean;
}

/**
 * The account-manager chain at a city node (440300): creation and validation of the chain,
 * chain and reports endpoints, merge-patch re-validation, audit entries, and node reach.
 */
describe('account managers at a city node', () => {
  const fed = new FederationFixture();
  let shenzhen: NodeProcess;
  let guangzhou: NodeProcess;
  let admin: string;

  beforeAll(async () => {
    shenzhen = await fed.addNode('440300', 'city');
    guangzhou = await fed.addNode('440100', 'city');
    await Promise.all([shenzhen.startAndWaitReady(), guangzhou.startAndWaitReady()]);
    admin = await tokenFor({ roles: 'city_admin', node: '440300' });
  }, BOOT_HOOK_TIMEOUT_MS);

  afterAll(() => fed.dispose(), 120_000);

  async function create(body: Partial<ManagerBody> | Record<string, unknown>, token = admin) {
    return shenzhen.request<ManagerView>('POST', '/api/v1/account-managers', { token, body });
  }

  async function created(body: Partial<ManagerBody>): Promise<ManagerView> {
    const res = await create(aManager(body));
    expect(res.status).toBe(201);
    return res.body;
  }

  function patch(id: string, body: Record<string, unknown>, token = admin) {
    return shenzhen.request<ManagerView>('PATCH', `/api/v1/account-managers/${id}`, {
      token,
      rawBody: JSON.stringify(body),
      headers: { 'content-type': 'application/merge-patch+json' },
    });
  }

  /** A chief with one supervisor under it and one account manager under the supervisor. */
  async function aChain() {
    const chief = await created({ title: 'chief' });
    const supervisor = await created({ title: 'supervisor', supervisorId: chief.id });
    const manager = await created({ title: 'account_manager', supervisorId: supervisor.id });
    return { chief, supervisor, manager };
  }

  it('creates a chain whose members take their city from the node, and audits each write', async () => {
    const { chief, supervisor, manager } = await aChain();
    expect(chief).toMatchObject({ cityCode: '440300', title: 'chief', supervisorId: null, active: true });
    expect(supervisor.supervisorId).toBe(chief.id);
    expect(manager.supervisorId).toBe(supervisor.id);
    const audited = await fed.sql<{ action: string; actor_subject: string }>(
      '440300',
      `SELECT action, actor_subject FROM audit_entry WHERE resource_type = 'account_manager' AND resource_id = $1`,
      [manager.id],
    );
    expect(audited).toEqual([{ action: 'account_manager.create', actor_subject: 'city_admin@440300' }]);
  });

  it('walks the chain up to the chief and lists direct reports', async () => {
    const { chief, supervisor, manager } = await aChain();
    const second = await created({ supervisorId: supervisor.id });
    const chain = await shenzhen.request<ManagerView[]>(
      'GET',
      `/api/v1/account-managers/${manager.id}/chain`,
      {
        token: admin,
      },
    );
    expect(chain.status).toBe(200);
    expect(chain.body.map((m) => m.id)).toEqual([manager.id, supervisor.id, chief.id]);

    const reports = await shenzhen.request<ManagerView[]>(
      'GET',
      `/api/v1/account-managers/${supervisor.id}/reports?limit=1`,
      { token: admin },
    );
    expect(reports.status).toBe(200);
    expect(reports.headers.get('x-total-count')).toBe('2');
    expect(reports.headers.get('x-result-count')).toBe('1');
    const all = await shenzhen.get<ManagerView[]>(`/api/v1/account-managers/${supervisor.id}/reports`, admin);
    expect(all.map((m) => m.id).sort()).toEqual([manager.id, second.id].sort());
    const ofChief = await shenzhen.get<ManagerView[]>(`/api/v1/account-managers/${chief.id}/reports`, admin);
    expect(ofChief.map((m) => m.id)).toEqual([supervisor.id]);
  });

  it('refuses chains that break the rules, naming supervisorId, and writes nothing', async () => {
    const { chief, supervisor, manager } = await aChain();
    const inactive = await created({ title: 'supervisor', supervisorId: chief.id, active: false });
    const cases: Partial<ManagerBody>[] = [
      { title: 'account_manager' },
      { title: 'account_manager', supervisorId: null },
      { title: 'account_manager', supervisorId: manager.id },
      { title: 'account_manager', supervisorId: inactive.id },
      { title: 'account_manager', supervisorId: '0190a5a0-0000-7000-8000-000000000000' },
      { title: 'supervisor', supervisorId: supervisor.id },
      { title: 'chief', supervisorId: chief.id },
    ];
    const before = await fed.count('440300', 'SELECT count(*) AS n FROM account_manager');
    const audits = await fed.count('440300', 'SELECT count(*) AS n FROM audit_entry');
    for (const body of cases) {
      const res = await create(aManager(body));
      expect({ body, status: res.status, fields: fieldsOf(res.body) }).toEqual({
        body,
        status: 400,
        fields: ['supervisorId'],
      });
    }
    expect(await fed.count('440300', 'SELECT count(*) AS n FROM account_manager')).toBe(before);
    expect(await fed.count('440300', 'SELECT count(*) AS n FROM audit_entry')).toBe(audits);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a staff id with spaces', { staffId: 'E 1' }, 'staffId'],
    ['an oversize staff id', { staffId: 'E'.repeat(65) }, 'staffId'],
    ['a name over 50 characters', { name: '张'.repeat(51) }, 'name'],
    ['an unknown title', { title: 'director' }, 'title'],
    ['a supervisor id that is not a UUID', { supervisorId: 'boss' }, 'supervisorId'],
    ['active as a string', { active: 'yes' }, 'active'],
    ['an unknown field', { cityCode: '440100' }, 'cityCode'],
  ])('answers 400 naming the field for %s', async (_case, overrides, field) => {
    const res = await create({ ...aManager({ title: 'chief' }), ...overrides });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(fieldsOf(res.body)).toContain(field);
  });

  it('answers 409 naming staffId when the staff id is taken', async () => {
    const first = await created({ title: 'chief' });
    const res = await create(aManager({ title: 'chief', staffId: first.staffId }));
    expect(res.status).toBe(409);
    expect(res.text).toContain('staffId');
  });

  it('re-validates the chain on merge patch and keeps staffId immutable', async () => {
    const { chief, supervisor, manager } = await aChain();
    const otherSupervisor = await created({ title: 'supervisor', supervisorId: chief.id });

    const staff = await patch(manager.id, { staffId: 'E-new' });
    expect(staff.status).toBe(400);
    expect(fieldsOf(staff.body)).toEqual(['staffId']);

    const demote = await patch(supervisor.id, { title: 'account_manager' });
    expect(demote.status).toBe(400);
    expect(fieldsOf(demote.body)).toContain('title');

    const deactivate = await patch(supervisor.id, { active: false });
    expect(deactivate.status).toBe(400);
    expect(fieldsOf(deactivate.body)).toEqual(['active']);

    const underPeer = await patch(supervisor.id, { supervisorId: otherSupervisor.id });
    expect(underPeer.status).toBe(400);
    expect(fieldsOf(underPeer.body)).toEqual(['supervisorId']);

    const nullName = await patch(manager.id, { name: null });
    expect(nullName.status).toBe(400);
    expect(fieldsOf(nullName.body)).toEqual(['name']);

    const moved = await patch(manager.id, { supervisorId: otherSupervisor.id, name: '王芳' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      supervisorId: otherSupervisor.id,
      name: '王芳',
      staffId: manager.staffId,
    });

    // The supervisor has no reports left, so it may now step down; a chief needs no supervisor.
    expect((await patch(supervisor.id, { active: false })).status).toBe(200);
    const promoted = await patch(otherSupervisor.id, { title: 'chief', supervisorId: null });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ title: 'chief', supervisorId: null });
    const chain = await shenzhen.get<ManagerView[]>(`/api/v1/account-managers/${manager.id}/chain`, admin);
    expect(chain.map((m) => m.id)).toEqual([manager.id, otherSupervisor.id]);

    const updates = await fed.sql<{ before: { name: string }; after: { name: string } }>(
      '440300',
      `SELECT before, after FROM audit_entry WHERE action = 'account_manager.update' AND resource_id = $1`,
      [manager.id],
    );
    expect(updates).toEqual([
      expect.objectContaining({
        before: expect.objectContaining({ name: manager.name }),
        after: expect.objectContaining({ name: '王芳' }),
      }),
    ]);
  });

  it('lists with filters and paging headers', async () => {
    const { chief, supervisor, manager } = await aChain();
    const marked = await created({ supervisorId: supervisor.id, name: '筛选测试员' });
    const leaver = await created({ supervisorId: supervisor.id, active: false });

    const byQuery = await shenzhen.request<ManagerView[]>(
      'GET',
      `/api/v1/account-managers?q=${encodeURIComponent('筛选测试')}`,
      { token: admin },
    );
    expect(byQuery.body.map((m) => m.id)).toEqual([marked.id]);
    expect(byQuery.headers.get('x-total-count')).toBe('1');

    const byState = async (active: boolean) =>
      (
        await shenzhen.get<ManagerView[]>(
          `/api/v1/account-managers?supervisorId=${supervisor.id}&active=${active}`,
          admin,
        )
      )
        .map((m) => m.id)
        .sort();
    expect(await byState(true)).toEqual([manager.id, marked.id].sort());
    expect(await byState(false)).toEqual([leaver.id]);
    const chiefs = await shenzhen.get<ManagerView[]>('/api/v1/account-managers?title=chief&limit=500', admin);
    expectEvery(chiefs, (m) => m.title === 'chief', 'managers listed for title=chief');
    expect(chiefs.map((m) => m.id)).toContain(chief.id);

    for (const bad of ['active=maybe', 'title=boss', 'supervisorId=x', 'limit=0', 'colour=red']) {
      const res = await shenzhen.request('GET', `/api/v1/account-managers?${bad}`, { token: admin });
      expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
      expect(fieldsOf(res.body)).toContain(bad.split('=')[0]);
    }
  });

  it('answers 404 for an unknown id and 400 naming id for a malformed one', async () => {
    const unknown = await shenzhen.request(
      'GET',
      '/api/v1/account-managers/0190a5a0-0000-7000-8000-000000000000',
      {
        token: admin,
      },
    );
    expect(unknown.status).toBe(404);
    const malformed = await shenzhen.request('GET', '/api/v1/account-managers/nope/chain', { token: admin });
    expect(malformed.status).toBe(400);
    expect(fieldsOf(malformed.body)).toEqual(['id']);
  });

  it('lets an account manager read the chain but not change it', async () => {
    const { manager } = await aChain();
    const own = await tokenFor({ roles: 'account_manager', node: '440300', subject: manager.staffId });
    expect(
      (await shenzhen.request('GET', `/api/v1/account-managers/${manager.id}/chain`, { token: own })).status,
    ).toBe(200);
    expect((await create(aManager({ title: 'chief' }), own)).status).toBe(403);
    expect((await patch(manager.id, { name: '改名' }, own)).status).toBe(403);
  });

  it('refuses a token of one city at another city node', async () => {
    const guangzhouAdmin = await tokenFor({ roles: 'city_admin', node: '440100' });
    const across = await shenzhen.request('GET', '/api/v1/account-managers', { token: guangzhouAdmin });
    expect(across.status).toBe(403);
    expect((await create(aManager({ title: 'chief' }), guangzhouAdmin)).status).toBe(403);
    const back = await guangzhou.request('GET', '/api/v1/account-managers', { token: admin });
    expect(back.status).toBe(403);
    const home = await guangzhou.request('GET', '/api/v1/account-managers', { token: guangzhouAdmin });
    expect(home.status).toBe(200);
  });
});
