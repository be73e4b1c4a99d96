import { create } from '@bufbuild/protobuf';
import {
  FiguresResyncRequestSchema,
  type FiguresTotals,
  FiguresTotalsReportSchema,
  FiguresTotalsRequestSchema,
  FiguresTotalsSchema,
} from '@kaf/contracts';
import { addMonths, billingMonthOf } from '@kaf/platform';
import { tokenFor } from '../support/auth';
import { FederationFixture } from '../support/federation-fixture';
import { BOOT_BUDGET_MS, BOOT_HOOK_TIMEOUT_MS, type NodeProcess } from '../support/node-process';
import { waitFor } from '../support/wait';
import { inboxPayloads, sendAs } from '../support/inbox-injection';
import { expectNone } from '../support/expectations';

interface Figures {
  revenueFen: string;
  eventCount: string;
  cells?: string;
}
interface ChildView {
  node: string;
  answered: boolean;
  answeredAt: string | null;
  late: boolean;
  linesCompared: number;
  differences: { city: string; month: string; ours: Figures | null; theirs: Figures | null }[];
  resyncRequested: { months: string[]; cityCodes: string[]; messageId: string } | null;
}
interface RunView {
  id: string;
  measure: string;
  status: 'running' | 'complete' | 'partial';
  trigger: string;
  requestedBy: string | null;
  from: string;
  to: string;
  months: string[];
  deadlineAt: string;
  finishedAt: string | null;
  differences: number;
  children: ChildView[];
}
interface Problem {
  errors?: { field: string; message: string }[];
}

const RUNS = '/api/v1/reconciliations';
// Long enough for the suite to read the requests off the topics and answer; the partial case waits it out.
const ANSWER_TIMEOUT_MS = 20_000;
const CUSTOMER = (n: number) => `0190a1b2-0000-7000-8000-${String(n).padStart(12, '0')}`;
const USAGE = 'usage';
const total = (
  cityCode: string,
  billingMonth: string,
  revenueFen: bigint,
  eventCount: bigint,
  cells: bigint,
): FiguresTotals =>
  create(FiguresTotalsSchema, { cityCode, billingMonth, figures: { revenueFen, eventCount, cells } });

/**
 * The national node and Guangdong as real processes; the cities of Guangdong and the province
 * of Zhejiang are played by the suite through their inbox topics (they answer, or do not, as each
 * case needs). A run asks every child for its totals, compares them to the fen with what the node
 * holds, records the findings and asks the child to resend the months that differ.
 */
describe('reconciliation by totals', () => {
  const fed = new FederationFixture();
  let national: NodeProcess;
  let province: NodeProcess;
  const env = {
    RECONCILIATION_INTERVAL_MS: '0',
    RECONCILIATION_ANSWER_TIMEOUT_MS: String(ANSWER_TIMEOUT_MS),
  };
  const provinceAdmin = () => tokenFor({ roles: 'province_admin', node: '440000' });
  const hqAdmin = () => tokenFor({ roles: 'hq_admin', node: 'CN' });

  beforeAll(async () => {
    national = await fed.addNode('CN', 'national', env);
    province = await fed.addNode('440000', 'province', env);
    await Promise.all([national, province].map((n) => n.startAndWaitReady()));
  }, BOOT_HOOK_TIMEOUT_MS);

  afterAll(() => fed.dispose(), 120_000);

  async function start(node: NodeProcess, body: unknown, token: string): Promise<RunView> {
    const res = await node.request<RunView>('POST', RUNS, { body, token });
    expect(res.status).toBe(202);
    return res.body;
  }
  const run = (node: NodeProcess, id: string) => node.get<RunView>(`${RUNS}/${id}`);
  const child = (view: RunView, code: string) => view.children.find((c) => c.node === code)!;
  const answer = (
    from: string,
    to: string,
    requestId: string,
    lines: FiguresTotals[],
    months: string[],
    measure = USAGE,
  ) =>
    sendAs(
      fed.namespace,
      from,
      to,
      FiguresTotalsReportSchema,
      create(FiguresTotalsReportSchema, { measure, requestId, reporter: from, lines, billingMonths: months }),
    );

  it('refuses bad ranges naming the field and keeps runs to those allowed', async () => {
    const token = await provinceAdmin();
    for (const [body, field] of [
      [{ from: '2026-13' }, 'from'],
      [{ from: '2026-05', to: '2026-04' }, 'from'],
      [{ to: '2999-01' }, 'to'],
      [{ from: '2020-01', to: '2026-01' }, 'from'],
      [{ from: '2026-04', until: '2026-05' }, 'until'],
      // A measure this node does not receive, and one that is no measure name at all.
      [{ measure: 'quality' }, 'measure'],
      [{ measure: 'Usage!' }, 'measure'],
    ] as const) {
      const res = await province.request<Problem>('POST', RUNS, { body, token });
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.errors?.map((e) => e.field)).toContain(field);
    }
    const analyst = await tokenFor({ roles: 'province_analyst', node: '440000' });
    expect((await province.request('POST', RUNS, { body: {}, token: analyst })).status).toBe(403);
    expect((await province.request('POST', RUNS, { body: {}, token: null })).status).toBe(401);
    expect((await province.request('GET', `${RUNS}/latest`, { token: analyst })).status).toBe(404);
    expect((await province.request('GET', `${RUNS}/not-a-uuid`, { token: analyst })).status).toBe(400);
    expect((await province.request('GET', `${RUNS}/${CUSTOMER(9)}`, { token: analyst })).status).toBe(404);
    // A child's staff may neither start nor read the runs of the node above: they hold every
    // sibling's totals and resync every sibling.
    const cityAdmin = await tokenFor({ roles: 'node_admin', node: '440300' });
    expect((await province.request('POST', RUNS, { body: {}, token: cityAdmin })).status).toBe(403);
    expect((await province.request('GET', `${RUNS}/latest`, { token: cityAdmin })).status).toBe(403);
    expect((await national.request('POST', RUNS, { body: {}, token: await provinceAdmin() })).status).toBe(
      403,
    );
    expect((await national.request('GET', `${RUNS}/latest`, { token: analyst })).status).toBe(403);
    expect(await fed.count('440000', 'SELECT count(*)::int AS n FROM reconciliation_run')).toBe(0);
    expect(await fed.count('CN', 'SELECT count(*)::int AS n FROM reconciliation_run')).toBe(0);
  });

  it("finds where the province's copy of a city differs, to the fen, and asks that city to resend", async () => {
    // The province's copy of its cities' cells, as reports left it.
    await fed.sql(
      '440000',
      `INSERT INTO city_customer_usage
         (customer_id, product, billing_month, city_code, revenue_fen, quantity, event_count, version, changed_at)
       VALUES ($1, 'dedicated_internet', '2026-04', '440300', 120000, 1, 3, 2, now()),
              ($2, 'cloud',              '2026-04', '440300',  50050, 1, 2, 1, now()),
              ($1, 'dedicated_internet', '2026-05', '440300', 130000, 1, 4, 3, now()),
              ($3, 'mpls_vpn',           '2026-05', '440100',  99999, 1, 1, 1, now())`,
      [CUSTOMER(1), CUSTOMER(2), CUSTOMER(3)],
    );
    // The copy diverges: a cell of April is lost at the province.
    await fed.sql('440000', `DELETE FROM city_customer_usage WHERE customer_id = $1`, [CUSTOMER(2)]);

    const started = await start(
      province,
      { measure: USAGE, from: '2026-04', to: '2026-05' },
      await provinceAdmin(),
    );
    expect(started).toMatchObject({
      measure: USAGE,
      status: 'running',
      trigger: 'manual',
      requestedBy: 'province_admin@440000',
      from: '2026-04',
      to: '2026-05',
      months: ['2026-04', '2026-05'],
      differences: 0,
    });
    expect(started.children.map((c) => [c.node, c.answered])).toEqual([
      ['440100', false],
      ['440300', false],
    ]);
    // Each city was asked, with the run's id and months.
    for (const city of ['440100', '440300']) {
      const asked = await waitFor(
        `the totals request in ${city}'s inbox`,
        () => inboxPayloads(fed.namespace, city, FiguresTotalsRequestSchema),
        (found) => found.some((r) => r.payload.requestId === started.id),
      );
      expect(asked.find((r) => r.payload.requestId === started.id)).toMatchObject({
        source: '440000',
        payload: { measure: USAGE, billingMonths: ['2026-04', '2026-05'] },
      });
    }

    const months = ['2026-04', '2026-05'];
    await answer(
      '440300',
      '440000',
      started.id,
      [total('440300', '2026-04', 170050n, 5n, 2n), total('440300', '2026-05', 130000n, 4n, 1n)],
      months,
    );
    await answer('440100', '440000', started.id, [total('440100', '2026-05', 99999n, 1n, 1n)], months);

    const done = await waitFor(
      'the run complete',
      () => run(province, started.id),
      (v) => v.status === 'complete',
    );
    // Completed by the last answer, not by the deadline.
    expect(Date.parse(done.finishedAt!)).toBeLessThan(Date.parse(done.deadlineAt));
    expect(done.differences).toBe(1);
    expect(child(done, '440100')).toMatchObject({
      answered: true,
      late: false,
      linesCompared: 2,
      differences: [],
      resyncRequested: null,
    });
    expect(child(done, '440300')).toMatchObject({
      answered: true,
      late: false,
      linesCompared: 2,
      differences: [
        {
          city: '440300',
          month: '2026-04',
          ours: { revenueFen: '120000', eventCount: '3', cells: '1' },
          theirs: { revenueFen: '170050', eventCount: '5', cells: '2' },
        },
      ],
      resyncRequested: { months: ['2026-04'], cityCodes: ['440300'] },
    });
    expect((await province.get<RunView>(`${RUNS}/latest`)).id).toBe(started.id);
    expect((await province.get<RunView>(`${RUNS}/latest?measure=${USAGE}`)).id).toBe(started.id);
    // A measure the province does not receive, or two of them, is a bad request naming the field.
    for (const query of ['measure=quality', 'measure=usage&measure=usage']) {
      const refused = await province.request<{ errors: { field: string }[] }>(
        'GET',
        `${RUNS}/latest?${query}`,
        {
          token: await provinceAdmin(),
        },
      );
      expect([refused.status, refused.body.errors.map((e) => e.field)]).toEqual([400, ['measure']]);
    }
    expect(
      await fed.sql(
        '440000',
        `SELECT actor_subject, resource_id FROM audit_entry WHERE action = 'reconciliation.run'`,
      ),
    ).toEqual([{ actor_subject: 'province_admin@440000', resource_id: started.id }]);

    // The resend request reached Shenzhen only, for April only.
    const resyncs = await waitFor(
      "the resync request in Shenzhen's inbox",
      () => inboxPayloads(fed.namespace, '440300', FiguresResyncRequestSchema),
      (found) => found.length > 0,
    );
    expect(resyncs).toEqual([
      {
        id: child(done, '440300').resyncRequested!.messageId,
        source: '440000',
        payload: expect.objectContaining({
          measure: USAGE,
          requestId: started.id,
          billingMonths: ['2026-04'],
          cityCodes: ['440300'],
        }),
      },
    ]);
    expect(await inboxPayloads(fed.namespace, '440100', FiguresResyncRequestSchema)).toEqual([]);

    // A second answer and an answer to an unknown run change nothing.
    const again = await answer('440300', '440000', started.id, [], months);
    const stray = await answer('440300', '440000', CUSTOMER(77), [], months);
    await waitFor(
      'both handled',
      () =>
        fed.count(
          '440000',
          `SELECT count(*)::int AS n FROM messaging_inbox WHERE message_id = ANY($1::uuid[]) AND outcome = 'handled'`,
          [[again, stray]],
        ),
      (n) => n === 2,
    );
    expect(await run(province, started.id)).toEqual(done);
  });

  it('closes a run as partial when a city does not answer in time, and records a late answer', async () => {
    const months = ['2026-05'];
    const started = await start(
      province,
      { measure: USAGE, from: '2026-05', to: '2026-05' },
      await provinceAdmin(),
    );
    await answer('440100', '440000', started.id, [total('440100', '2026-05', 99999n, 1n, 1n)], months);
    const partial = await waitFor(
      'the run closed at its deadline',
      () => run(province, started.id),
      (v) => v.status !== 'running',
      ANSWER_TIMEOUT_MS + 30_000,
    );
    expect(partial.status).toBe('partial');
    expect(child(partial, '440100')).toMatchObject({ answered: true, late: false, differences: [] });
    expect(child(partial, '440300')).toMatchObject({
      answered: false,
      linesCompared: 0,
      resyncRequested: null,
    });

    // Shenzhen answers after the deadline, with a figure that differs by one fen.
    await answer('440300', '440000', started.id, [total('440300', '2026-05', 130001n, 4n, 1n)], months);
    const late = await waitFor(
      'the late answer recorded',
      () => run(province, started.id),
      (v) => child(v, '440300').answered,
    );
    expect(late.status).toBe('partial');
    expect(late.finishedAt).toBe(partial.finishedAt);
    expect(child(late, '440300')).toMatchObject({
      late: true,
      linesCompared: 1,
      differences: [
        {
          city: '440300',
          month: '2026-05',
          ours: { revenueFen: '130000', eventCount: '4', cells: '1' },
          theirs: { revenueFen: '130001', eventCount: '4', cells: '1' },
        },
      ],
      resyncRequested: { months: ['2026-05'], cityCodes: ['440300'] },
    });
  });

  it('compares the national slices with a province and asks it to resend the differing cities', async () => {
    // What CN holds of Zhejiang's cities: one slice each for May.
    await fed.sql(
      'CN',
      `INSERT INTO usage_slice (city_code, billing_month, province_code, version, revenue_fen, event_count,
                                customers, newest_change_at, first_reported_at, reported_at)
       VALUES ('330100', '2026-05', '330000', 5, 500000, 10, 3, now(), now(), now()),
              ('330200', '2026-05', '330000', 2,  70000,  2, 1, now(), now(), now())`,
    );
    const started = await start(
      national,
      { measure: USAGE, from: '2026-04', to: '2026-05' },
      await hqAdmin(),
    );
    expect(started.children.map((c) => c.node)).toEqual(['330000', '440000']);
    const asked = await waitFor(
      "the totals request in Zhejiang's inbox",
      () => inboxPayloads(fed.namespace, '330000', FiguresTotalsRequestSchema),
      (found) => found.some((r) => r.payload.requestId === started.id),
    );
    expect(asked[0]!.source).toBe('CN');

    // Zhejiang: Hangzhou agrees for May (cells are not compared at CN: they mean something else
    // there), Ningbo is one fen higher, and Hangzhou has April usage CN never received.
    await answer(
      '330000',
      'CN',
      started.id,
      [
        total('330100', '2026-05', 500000n, 10n, 4n),
        total('330200', '2026-05', 70001n, 2n, 1n),
        total('330100', '2026-04', 1000n, 1n, 1n),
      ],
      ['2026-04', '2026-05'],
    );
    const answered = await waitFor(
      "Zhejiang's answer compared",
      () => run(national, started.id),
      (v) => child(v, '330000').answered,
    );
    expect(child(answered, '330000')).toMatchObject({
      late: false,
      linesCompared: 4,
      differences: [
        { city: '330100', month: '2026-04', ours: null, theirs: { revenueFen: '1000', eventCount: '1' } },
        {
          city: '330200',
          month: '2026-05',
          ours: { revenueFen: '70000', eventCount: '2' },
          theirs: { revenueFen: '70001', eventCount: '2' },
        },
      ],
      resyncRequested: { months: ['2026-04', '2026-05'], cityCodes: ['330100', '330200'] },
    });
    const resyncs = await waitFor(
      "the resync request in Zhejiang's inbox",
      () => inboxPayloads(fed.namespace, '330000', FiguresResyncRequestSchema),
      (found) => found.length > 0,
    );
    expect(resyncs.map((r) => r.payload)).toEqual([
      expect.objectContaining({
        measure: USAGE,
        requestId: started.id,
        billingMonths: ['2026-04', '2026-05'],
        cityCodes: ['330100', '330200'],
      }),
    ]);
  });

  it('refuses an answer from a node that is not a child, for another child, or of a measure not received', async () => {
    const started = await start(
      province,
      { measure: USAGE, from: '2026-05', to: '2026-05' },
      await provinceAdmin(),
    );
    const impostor = await answer('330100', '440000', started.id, [], ['2026-05']);
    // Shenzhen answering in Guangzhou's name.
    const forged = await sendAs(
      fed.namespace,
      '440300',
      '440000',
      FiguresTotalsReportSchema,
      create(FiguresTotalsReportSchema, {
        measure: USAGE,
        requestId: started.id,
        reporter: '440100',
        billingMonths: ['2026-05'],
      }),
    );
    const unknown = await answer('440300', '440000', started.id, [], ['2026-05'], 'quality');
    const reasons = await waitFor(
      'the three answers dead-lettered',
      () =>
        fed.sql<{ message_id: string; reason: string }>(
          '440000',
          `SELECT message_id, reason FROM messaging_dead_letter WHERE message_id = ANY($1::uuid[])`,
          [[impostor, forged, unknown]],
        ),
      (rows) => rows.length === 3,
    );
    const reason = (id: string) => reasons.find((r) => r.message_id === id)!.reason;
    expect(reason(forged)).toContain('usage totals of "440100" sent by 440300: a child reports for itself');
    expect(reason(unknown)).toContain('quality totals from 440300: this node receives no such measure');
    expectNone((await run(province, started.id)).children, (c) => c.answered, 'children answered');
  });

  it(
    'runs on its own every RECONCILIATION_INTERVAL_MS over the last three months',
    async () => {
      await national.stop();
      await national.startAndWaitReady({ RECONCILIATION_INTERVAL_MS: '1000' });
      // One scheduled run per measure received, started together: ask for each by name.
      const scheduledOf = (measure: string) =>
        waitFor(
          `a scheduled ${measure} run at CN`,
          () => national.get<RunView>(`${RUNS}/latest?measure=${measure}`),
          (v) => v.trigger === 'scheduled',
        );
      const scheduled = await scheduledOf(USAGE);
      expect((await scheduledOf('arrears')).months).toEqual(scheduled.months);
      const current = billingMonthOf(new Date());
      const month = (delta: number) => addMonths(current, delta);
      expect(scheduled).toMatchObject({
        measure: USAGE,
        requestedBy: null,
        months: [month(-2), month(-1), month(0)],
      });
      expect(scheduled.children.map((c) => c.node)).toEqual(['330000', '440000']);
      await national.stop();
      await national.startAndWaitReady();
    },
    2 * BOOT_BUDGET_MS + 60_000,
  );
});
