import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { tokenFor } from '../support/auth';
import { FederationFixture } from '../support/federation-fixture';
import { BOOT_HOOK_TIMEOUT_MS, type NodeProcess } from '../support/node-process';
import { waitFor } from '../support/wait';
import {
  aCustomerOf,
  anAgreement,
  aSalesTeam,
  fieldsOf,
  type Manager,
  mergePatch,
  type Problem,
  shanghaiDay,
} from './sales-builders';
import { expectEvery, expectNone } from '../support/expectations';

interface AgreementView {
  id: string;
  agreementNo: string;
  customerId: string;
  status: string;
  endDate: string;
  reminderDays: number;
  monthlyValueFen: string;
  managerId: string;
  renewalReminderDate: string;
  renewalRemindedAt: string | null;
  version: number;
}

interface TaskView {
  id: string;
  title: string;
  dueAt: string;
  source: string;
  customerId: string | null;
  assigneeManagerId: string;
  status: string;
}

const QUEUE = 'agreements-renewal-reminders';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Renewal reminders of service agreements at a city node (440300): a reminder due today fires
 * once, however often its job runs; jobs lost from Redis come back from the database; the API
 * refuses bad input by field and keeps account managers to their own customers' agreements.
 */
describe('service agreements and their renewal reminders', () => {
  const fed = new FederationFixture();
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 2 });
  let shenzhen: NodeProcess;
  let guangzhou: NodeProcess;
  let queue: Queue;
  let admin: string;
  let a: Manager;
  let b: Manager;
  let customerOfA: string;
  let customerOfB: string;

  beforeAll(async () => {
    shenzhen = await fed.addNode('440300', 'city', { AGREEMENT_REMINDER_RECONCILE_MS: '3000' });
    guangzhou = await fed.addNode('440100', 'city');
    await Promise.all([shenzhen.startAndWaitReady(), guangzhou.startAndWaitReady()]);
    admin = await tokenFor({ roles: 'city_admin', node: '440300' });
    ({ a, b } = await aSalesTeam(shenzhen));
    customerOfA = await aCustomerOf(shenzhen, a);
    customerOfB = await aCustomerOf(shenzhen, b);
    queue = new Queue(QUEUE, { prefix: prefix(), connection: { url: REDIS_URL } });
  }, BOOT_HOOK_TIMEOUT_MS);

  afterAll(async () => {
    await queue?.close();
    redis.disconnect();
    await fed.dispose();
  }, 120_000);

  const prefix = (): string => `kaf:${fed.namespace}:440300`;
  const jobKey = (v: AgreementView): string =>
    `${prefix()}:${QUEUE}:remind-renewal-${v.id}.${v.endDate}.${v.reminderDays}d`;

  async function created(body: Record<string, unknown>, token = admin): Promise<AgreementView> {
    const res = await shenzhen.request<AgreementView>('POST', '/api/v1/service-agreements', { token, body });
    if (res.status !== 201) throw new Error(`agreement not created: ${res.status} ${res.text}`);
    return res.body;
  }

  const renewalTasks = (token: string) =>
    shenzhen.get<TaskView[]>('/api/v1/tasks?source=renewal-reminder&limit=500', token);

  const remindedAt = async (id: string): Promise<string | null> =>
    (await shenzhen.get<AgreementView>(`/api/v1/service-agreements/${id}`, admin)).renewalRemindedAt;

  async function deleteQueueKeys(): Promise<number> {
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix()}:${QUEUE}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) deleted += await redis.del(...keys);
    } while (cursor !== '0');
    return deleted;
  }

  let dueToday: AgreementView;

  it('fires a reminder due today at once and gives its manager one renewal task', async () => {
    dueToday = await created(
      anAgreement(customerOfA, { status: 'active', endDate: shanghaiDay(30), reminderDays: 30 }),
    );
    expect(dueToday.renewalReminderDate).toBe(shanghaiDay(0));
    const tasks = await waitFor(
      'renewal task for manager A',
      () => renewalTasks(a.token),
      (list) => list.some((t) => t.title.includes(dueToday.agreementNo)),
      20_000,
    );
    const task = tasks.find((t) => t.title.includes(dueToday.agreementNo))!;
    expect(task).toMatchObject({
      title: `Renew agreement ${dueToday.agreementNo} ending ${dueToday.endDate}`,
      source: 'renewal-reminder',
      status: 'open',
      customerId: customerOfA,
      assigneeManagerId: a.id,
      // Due at the start of the end date in Shanghai.
      dueAt: new Date(`${dueToday.endDate}T00:00:00+08:00`).toISOString(),
    });
    expect(await remindedAt(dueToday.id)).not.toBeNull();
    // B may hold no renewal task at all yet, which is as right.
    expectNone(
      await renewalTasks(b.token),
      (t) => t.title.includes(dueToday.agreementNo),
      `renewal tasks of ${dueToday.agreementNo} held by B`,
      { mayBeEmpty: true },
    );
  });

  it('reminds whoever holds the customer when the reminder fires, after a portfolio hand-over', async () => {
    const customer = await aCustomerOf(shenzhen, a);
    const later = await created(
      anAgreement(customer, { status: 'active', endDate: shanghaiDay(60), reminderDays: 30 }),
    );
    const moved = await shenzhen.request('PUT', `/api/v1/customers/${customer}/manager`, {
      token: admin,
      body: { managerId: b.id, reason: '调岗' },
    });
    expect(moved.status).toBe(200);
    // The new terms make the reminder due today.
    const patched = await shenzhen.request('PATCH', `/api/v1/service-agreements/${later.id}`, {
      token: admin,
      body: { reminderDays: 60 },
    });
    expect(patched.status).toBe(200);
    const tasks = await waitFor(
      'renewal task for the new holder',
      () => renewalTasks(b.token),
      (list) => list.some((t) => t.title.includes(later.agreementNo)),
      20_000,
    );
    expect(tasks.find((t) => t.title.includes(later.agreementNo))).toMatchObject({ assigneeManagerId: b.id });
    // A may hold no renewal task at all, which is as right.
    expectNone(
      await renewalTasks(a.token),
      (t) => t.title.includes(later.agreementNo),
      `renewal tasks of ${later.agreementNo} held by A`,
      { mayBeEmpty: true },
    );
  });

  it('creates no second task when the reminder fires again after a restart', async () => {
    // As if the node died between firing and recording it: the reminder is due once more.
    await fed.sql('440300', `UPDATE service_agreement SET renewal_reminded_at = NULL WHERE id = $1`, [
      dueToday.id,
    ]);
    await shenzhen.stop();
    await shenzhen.startAndWaitReady();
    await waitFor(
      'reminder fired again',
      () => remindedAt(dueToday.id),
      (at) => at !== null,
      20_000,
    );
    const count = await fed.count(
      '440300',
      `SELECT count(*) AS n FROM follow_up_task WHERE source = 'renewal-reminder' AND title LIKE $1`,
      [`%${dueToday.agreementNo}%`],
    );
    expect(count).toBe(1);
  });

  it('re-creates a reminder job that Redis lost, at boot and on the reconcile schedule', async () => {
    const later = await created(
      anAgreement(customerOfA, { status: 'active', endDate: shanghaiDay(200), reminderDays: 45 }),
    );
    const fireAt = new Date(`${shanghaiDay(155)}T00:00:00+08:00`).getTime();
    await waitFor(
      'job in Redis',
      () => redis.exists(jobKey(later)),
      (n) => n === 1,
      10_000,
    );

    await shenzhen.stop();
    expect(await deleteQueueKeys()).toBeGreaterThan(0);
    expect(await redis.exists(jobKey(later))).toBe(0);
    await shenzhen.startAndWaitReady();
    await waitFor(
      'job re-created at boot',
      () => redis.exists(jobKey(later)),
      (n) => n === 1,
      15_000,
    );
    const job = (await queue.getJob(`remind-renewal-${later.id}.${later.endDate}.45d`))!;
    expect(await job.getState()).toBe('delayed');
    expect(Math.abs(job.timestamp + job.delay - fireAt)).toBeLessThan(60_000);

    // Lost while the node runs: the job scheduler's next pass brings it back.
    await deleteQueueKeys();
    await waitFor(
      'job re-created by the scheduler',
      () => redis.exists(jobKey(later)),
      (n) => n === 1,
      15_000,
    );
    expect(await remindedAt(later.id)).toBeNull();
  });

  it('reschedules when the end date moves, and the new terms fire', async () => {
    const moving = await created(
      anAgreement(customerOfB, { status: 'active', endDate: shanghaiDay(300), reminderDays: 30 }),
    );
    await waitFor(
      'first job',
      () => redis.exists(jobKey(moving)),
      (n) => n === 1,
      10_000,
    );
    const res = await mergePatch<AgreementView>(shenzhen, `/api/v1/service-agreements/${moving.id}`, admin, {
      endDate: shanghaiDay(10),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ endDate: shanghaiDay(10), version: moving.version + 1 });
    const tasks = await waitFor(
      'renewal task for the new end date',
      () => renewalTasks(b.token),
      (list) =>
        list.some((t) => t.title === `Renew agreement ${moving.agreementNo} ending ${shanghaiDay(10)}`),
      20_000,
    );
    expect(tasks.filter((t) => t.title.includes(moving.agreementNo))).toHaveLength(1);
    const ending = await shenzhen.get<AgreementView[]>(
      `/api/v1/service-agreements?status=active&endingBefore=${shanghaiDay(11)}`,
      admin,
    );
    expect(ending.map((v) => v.id)).toEqual([moving.id]);
    expect(await redis.exists(jobKey(moving))).toBe(0);
  });

  it('refuses bad input with 400 naming the field, and writes nothing', async () => {
    const before = await fed.count('440300', 'SELECT count(*) AS n FROM service_agreement');
    const cases: [Record<string, unknown>, string][] = [
      [{ monthlyValueFen: 12.5 }, 'monthlyValueFen'],
      [{ monthlyValueFen: 1250000 }, 'monthlyValueFen'],
      [{ monthlyValueFen: '-100' }, 'monthlyValueFen'],
      [{ monthlyValueFen: '100.50' }, 'monthlyValueFen'],
      [{ monthlyValueFen: '10000000000001' }, 'monthlyValueFen'],
      [{ startDate: '2026-02-30' }, 'startDate'],
      [{ endDate: '2026/12/31' }, 'endDate'],
      [{ startDate: shanghaiDay(10), endDate: shanghaiDay(5) }, 'endDate'],
      [{ products: ['sd_wan', 'fax'] }, 'products'],
      [{ products: [] }, 'products'],
      [{ discountPercent: 10 }, 'discountPercent'],
      [{ agreementNo: 'sz-lower' }, 'agreementNo'],
      [{ reminderDays: 0 }, 'reminderDays'],
      [{ title: 'x'.repeat(201) }, 'title'],
    ];
    for (const [override, field] of cases) {
      const res = await shenzhen.request<Problem>('POST', '/api/v1/service-agreements', {
        token: admin,
        body: anAgreement(customerOfA, override),
      });
      expect({ override, status: res.status }).toEqual({ override, status: 400 });
      expect(fieldsOf(res.body)).toContain(field);
    }
    expect(await fed.count('440300', 'SELECT count(*) AS n FROM service_agreement')).toBe(before);

    const existing = await created(anAgreement(customerOfA));
    const clash = await shenzhen.request<Problem>('POST', '/api/v1/service-agreements', {
      token: admin,
      body: anAgreement(customerOfB, { agreementNo: existing.agreementNo }),
    });
    expect(clash.status).toBe(409);
    expect(clash.body.detail).toContain('agreementNo');

    const nulled = await mergePatch<Problem>(shenzhen, `/api/v1/service-agreements/${existing.id}`, admin, {
      title: null,
    });
    expect(nulled.status).toBe(400);
    expect(fieldsOf(nulled.body)).toEqual(['title']);
    const skipped = await mergePatch<Problem>(shenzhen, `/api/v1/service-agreements/${existing.id}`, admin, {
      status: 'expired',
    });
    expect(skipped.status).toBe(409);
    expect(skipped.body.detail).toContain('draft');
  });

  it('follows draft → active → terminated and then refuses changes', async () => {
    const draft = await created(anAgreement(customerOfA));
    expect(draft).toMatchObject({ status: 'draft', reminderDays: 30, monthlyValueFen: '1250000' });
    const path = `/api/v1/service-agreements/${draft.id}`;
    expect((await mergePatch(shenzhen, path, admin, { status: 'active' })).status).toBe(200);
    await waitFor(
      'job for the activated agreement',
      () => redis.exists(jobKey(draft)),
      (n) => n === 1,
      10_000,
    );
    expect((await mergePatch(shenzhen, path, admin, { status: 'terminated' })).status).toBe(200);
    expect(await redis.exists(jobKey(draft))).toBe(0);
    expect((await mergePatch(shenzhen, path, admin, { title: 'late change' })).status).toBe(409);
  });

  it('shows an account manager only the agreements of their own customers', async () => {
    const ofB = await created(anAgreement(customerOfB));
    const mine = await created(anAgreement(customerOfA), a.token);
    expect(mine.managerId).toBe(a.id);

    const listed = await shenzhen.request<AgreementView[]>('GET', '/api/v1/service-agreements?limit=500', {
      token: a.token,
    });
    expect(listed.status).toBe(200);
    expectEvery(listed.body, (v) => v.customerId === customerOfA, "agreements listed to A, of A's customer");
    expect(listed.headers.get('x-total-count')).toBe(String(listed.body.length));

    const path = `/api/v1/service-agreements/${ofB.id}`;
    expect((await shenzhen.request('GET', path, { token: a.token })).status).toBe(404);
    expect((await mergePatch(shenzhen, path, a.token, { title: 'not mine' })).status).toBe(404);
    const forB = await shenzhen.request('POST', '/api/v1/service-agreements', {
      token: a.token,
      body: anAgreement(customerOfB),
    });
    expect(forB.status).toBe(404);
    expect((await shenzhen.request('GET', path, { token: b.token })).status).toBe(200);
  });

  it("does not find another city's agreement", async () => {
    const team = await aSalesTeam(guangzhou);
    const customer = await aCustomerOf(guangzhou, team.a);
    const gzAdmin = await tokenFor({ roles: 'city_admin', node: '440100' });
    const res = await guangzhou.request<AgreementView>('POST', '/api/v1/service-agreements', {
      token: gzAdmin,
      body: anAgreement(customer),
    });
    expect(res.status).toBe(201);
    const path = `/api/v1/service-agreements/${res.body.id}`;
    expect((await guangzhou.request('GET', path, { token: gzAdmin })).status).toBe(200);
    expect((await shenzhen.request('GET', path, { token: admin })).status).toBe(404);
  });
});
