import {
  aCustomerOf,
  aSalesTeam,
  fieldsOf,
  type Manager,
  mergePatch,
  type Problem,
} from '../agreements/sales-builders';
import { tokenFor } from '../support/auth';
import { FederationFixture } from '../support/federation-fixture';
import { BOOT_HOOK_TIMEOUT_MS, type NodeProcess } from '../support/node-process';
import { expectEvery } from '../support/expectations';

interface TaskView {
  id: string;
  customerId: string | null;
  assigneeManagerId: string;
  title: string;
  dueAt: string;
  status: string;
  source: string;
  overdue: boolean;
  completedAt: string | null;
}

interface VisitView {
  id: string;
  customerId: string;
  managerId: string;
  visitedAt: string;
  channel: string;
  followUpTask?: TaskView | null;
}

const hoursFromNow = (h: number): string => new Date(Date.now() + h * 3600_000).toISOString();

function aVisit(customerId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    customerId,
    visitedAt: hoursFromNow(-2),
    channel: 'onsite',
    summary: '与信息部讨论总部与分支机构 SD-WAN 组网方案',
    outcome: '客户同意下月试点',
    ...overrides,
  };
}

/**
 * Customer visits and follow-up tasks at a city node (440300): a visit can raise a task for the
 * customer's manager, tasks are listed by due date and overdue-ness and completed by merge patch,
 * and an account manager reaches only their own customers' visits and their own tasks.
 */
describe('customer visits and follow-up tasks', () => {
  const fed = new FederationFixture();
  let shenzhen: NodeProcess;
  let admin: string;
  let a: Manager;
  let b: Manager;
  let customerOfA: string;
  let customerOfB: string;

  beforeAll(async () => {
    shenzhen = await fed.addNode('440300', 'city');
    await shenzhen.startAndWaitReady();
    admin = await tokenFor({ roles: 'city_admin', node: '440300' });
    ({ a, b } = await aSalesTeam(shenzhen));
    customerOfA = await aCustomerOf(shenzhen, a);
    customerOfB = await aCustomerOf(shenzhen, b);
  }, BOOT_HOOK_TIMEOUT_MS);

  afterAll(() => fed.dispose(), 120_000);

  const tasks = (query: string, token = admin) =>
    shenzhen.request<TaskView[]>('GET', `/api/v1/tasks?${query}`, { token });

  async function aTask(body: Record<string, unknown>, token = admin): Promise<TaskView> {
    const res = await shenzhen.request<TaskView>('POST', '/api/v1/tasks', { token, body });
    if (res.status !== 201) throw new Error(`task not created: ${res.status} ${res.text}`);
    return res.body;
  }

  it("records a visit whose follow-up becomes a task of the customer's manager, in one write", async () => {
    const res = await shenzhen.request<VisitView>('POST', '/api/v1/visits', {
      token: admin,
      body: aVisit(customerOfA, { followUp: { title: '发送试点报价', dueAt: hoursFromNow(72) } }),
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ customerId: customerOfA, managerId: a.id, channel: 'onsite' });
    expect(res.body.followUpTask).toMatchObject({
      title: '发送试点报价',
      source: 'visit',
      status: 'open',
      customerId: customerOfA,
      assigneeManagerId: a.id,
    });
    const listed = await tasks(`customerId=${customerOfA}&source=visit`, a.token);
    expect(listed.body.map((t) => t.id)).toEqual([res.body.followUpTask!.id]);
    const audited = await fed.sql<{ action: string }>(
      '440300',
      `SELECT action FROM audit_entry WHERE resource_id = ANY($1) ORDER BY action`,
      [[res.body.id, res.body.followUpTask!.id]],
    );
    expect(audited.map((r) => r.action)).toEqual(['task.create', 'visit.create']);
  });

  it('refuses a bad visit by field and writes neither visit nor task', async () => {
    const count = () =>
      fed.count(
        '440300',
        'SELECT (SELECT count(*) FROM customer_visit) + (SELECT count(*) FROM follow_up_task) AS n',
      );
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [{ visitedAt: hoursFromNow(3) }, 'visitedAt'],
      [{ visitedAt: '2026-05-01' }, 'visitedAt'],
      [{ channel: 'email' }, 'channel'],
      [{ summary: 's'.repeat(2001) }, 'summary'],
      [{ outcome: 'o'.repeat(501) }, 'outcome'],
      [{ followUp: { title: '', dueAt: hoursFromNow(1) } }, 'followUp.title'],
      [{ followUp: { title: 'x', dueAt: 'tomorrow' } }, 'followUp.dueAt'],
      [{ rating: 5 }, 'rating'],
    ];
    for (const [override, field] of cases) {
      const res = await shenzhen.request<Problem>('POST', '/api/v1/visits', {
        token: admin,
        body: aVisit(customerOfA, override),
      });
      expect({ override, status: res.status }).toEqual({ override, status: 400 });
      expect(fieldsOf(res.body)).toContain(field);
    }
    expect(await count()).toBe(before);
  });

  it('lists overdue open tasks, soonest due first', async () => {
    const late = await aTask({ title: 'late', dueAt: hoursFromNow(-48), assigneeManagerId: b.id });
    const later = await aTask({ title: 'later', dueAt: hoursFromNow(-1), assigneeManagerId: b.id });
    const upcoming = await aTask({ title: 'upcoming', dueAt: hoursFromNow(24), assigneeManagerId: b.id });
    const res = await tasks(`overdue=true&assigneeManagerId=${b.id}`);
    expect(res.status).toBe(200);
    expect(res.body.map((t) => t.id)).toEqual([late.id, later.id]);
    expectEvery(res.body, (t) => t.overdue, 'tasks listed for overdue=true, overdue');
    expect(res.headers.get('x-total-count')).toBe('2');
    const all = await tasks(`assigneeManagerId=${b.id}&limit=2`);
    expect(all.body.map((t) => t.id)).toEqual([late.id, later.id]);
    expect(all.headers.get('x-total-count')).toBe('3');
    expect(upcoming.overdue).toBe(false);
  });

  it('completes a task by merge patch, and can reopen it', async () => {
    const task = await aTask({ title: '回访', dueAt: hoursFromNow(-3), customerId: customerOfB });
    expect(task.assigneeManagerId).toBe(b.id);
    const done = await mergePatch<TaskView>(shenzhen, `/api/v1/tasks/${task.id}`, admin, { status: 'done' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', overdue: false });
    expect(done.body.completedAt).not.toBeNull();
    const overdue = await tasks(`overdue=true&customerId=${customerOfB}`);
    expect(overdue.body.map((t) => t.id)).not.toContain(task.id);

    const reopened = await mergePatch<TaskView>(shenzhen, `/api/v1/tasks/${task.id}`, admin, {
      status: 'open',
      dueAt: hoursFromNow(5),
    });
    expect(reopened.body).toMatchObject({ status: 'open', completedAt: null, overdue: false });

    const bad = await mergePatch<Problem>(shenzhen, `/api/v1/tasks/${task.id}`, admin, {
      title: null,
      status: 'finished',
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body).sort()).toEqual(['status', 'title']);
  });

  it("keeps an account manager to their own customers' visits and their own tasks", async () => {
    const own = await shenzhen.request<VisitView>('POST', '/api/v1/visits', {
      token: a.token,
      body: aVisit(customerOfA, { channel: 'phone' }),
    });
    expect(own.status).toBe(201);
    expect(own.body.managerId).toBe(a.id);
    const foreign = await shenzhen.request<Problem>('POST', '/api/v1/visits', {
      token: a.token,
      body: aVisit(customerOfB),
    });
    expect(foreign.status).toBe(404);
    await shenzhen.request('POST', '/api/v1/visits', { token: admin, body: aVisit(customerOfB) });

    const visits = await shenzhen.request<VisitView[]>('GET', '/api/v1/visits?limit=500', { token: a.token });
    expectEvery(visits.body, (v) => v.customerId === customerOfA, "visits listed to A, at A's customer");
    const allVisits = await shenzhen.request<VisitView[]>('GET', '/api/v1/visits?limit=500', {
      token: admin,
    });
    expect(allVisits.body.some((v) => v.customerId === customerOfB)).toBe(true);

    const mine = await aTask({ title: '准备方案', dueAt: hoursFromNow(10) }, a.token);
    expect(mine.assigneeManagerId).toBe(a.id);
    const toB = await shenzhen.request<Problem>('POST', '/api/v1/tasks', {
      token: a.token,
      body: { title: 'for b', dueAt: hoursFromNow(10), assigneeManagerId: b.id },
    });
    expect(toB.status).toBe(400);
    expect(fieldsOf(toB.body)).toEqual(['assigneeManagerId']);

    const listed = await tasks('limit=500', a.token);
    expectEvery(listed.body, (t) => t.assigneeManagerId === a.id, 'tasks listed to A, assigned to A');
    const ofB = (await tasks(`assigneeManagerId=${b.id}`)).body[0]!;
    expect((await mergePatch(shenzhen, `/api/v1/tasks/${ofB.id}`, a.token, { status: 'done' })).status).toBe(
      404,
    );
    expect((await mergePatch(shenzhen, `/api/v1/tasks/${ofB.id}`, b.token, { status: 'done' })).status).toBe(
      200,
    );
  });
});
