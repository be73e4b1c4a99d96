import { randomUUID } from 'node:crypto';
import { type CircuitCompleted, CircuitCompletedSchema } from '@kaf/contracts';
import { addMonths, billingMonthOf } from '@kaf/platform';
import { defaultOneStopPolicy, settleCircuit } from '@kaf/one-stop';
import { tokenFor } from '../support/auth';
import { FederationFixture } from '../support/federation-fixture';
import { sendAs } from '../support/inbox-injection';
import { metricValue } from '../support/metrics';
import { BOOT_HOOK_TIMEOUT_MS, type NodeProcess } from '../support/node-process';
import { waitFor } from '../support/wait';
import { aCircuitVersion, aCompletedCircuit, outcomeOf, writeOneStopTopology } from './coordination-builders';
import { expectEvery } from '../support/expectations';

interface RunView {
  id: string;
  billingMonth: string;
  trigger: string;
  requestedBy: string | null;
  policyVersion: string;
  circuits: number;
  records: number;
  amountFen: string;
  regionCodes: string[] | null;
}
interface RecordView {
  billingMonth: string;
  circuitId: string;
  orderId: string;
  kind: string;
  seq: number;
  role: string;
  regionCode: string;
  shareBp: number;
  amountFen: string;
  product: string;
  runId: string;
}
interface ReportRow {
  region?: string;
  regionName?: string;
  month?: string;
  role?: string;
  amountFen: string;
  circuits: number;
  records: number;
}
interface ReportView {
  from: string;
  to: string;
  groupBy: string[];
  regionCodes: string[] | null;
  rows: ReportRow[];
  totals: { amountFen: string; circuits: number; records: number };
}
interface CircuitView {
  circuitId: string;
  version: number;
  state: string;
  ceasedOn: string | null;
  orderId: string;
  bandwidthMbps: number;
  monthlyChargeFen: string;
  firstBillingMonth: string;
  versions?: { version: number; action: string; effectiveDate: string; monthlyChargeFen: string }[];
}
interface Problem {
  errors?: { field: string; message: string }[];
}

const RUNS = '/api/v1/settlement-runs';
const RECORDS = '/api/v1/settlement-records';
const REPORT = '/api/v1/analytics/one-stop-settlement';
const CIRCUITS = '/api/v1/settlement-circuits';
const PROVINCE_OF: Record<string, string> = {
  '440100': '440000',
  '440300': '440000',
  '330100': '330000',
  '330200': '330000',
  '110100': '110000',
};

/**
 * The national node as a real process; home cities register circuit versions (add, changes,
 * cease) through its inbox topic. Runs of a month split each circuit's day-prorated charge between
 * the regions that carry it, to the fen, and only ever add records: charges, then corrections.
 */
describe('one-stop settlement', () => {
  const fed = new FederationFixture();
  let cn: NodeProcess;
  const current = billingMonthOf(new Date());
  const m1 = addMonths(current, -1);
  const m2 = addMonths(current, -2);
  const m3 = addMonths(current, -3);
  /** Noon in Shanghai on a day of a month. */
  const dayOf = (month: string, day: number) =>
    new Date(`${month}-${String(day).padStart(2, '0')}T12:00:00+08:00`);
  const hqAdmin = () => tokenFor({ roles: 'hq_admin', node: 'CN', subject: 'HQ-SETTLE-01' });
  const hqAnalyst = () => tokenFor({ roles: 'hq_analyst', node: 'CN' });
  const gdAdmin = () => tokenFor({ roles: 'province_admin', node: '440000' });

  const circuits = {
    crossProvince: aCompletedCircuit({
      aEndNode: '440300',
      zEndNode: '330100',
      monthlyChargeFen: 1_000_001n,
      completedAt: dayOf(m3, 15),
    }),
    sameCity: aCompletedCircuit({
      aEndNode: '440300',
      zEndNode: '440300',
      product: 'ddn',
      monthlyChargeFen: 999n,
      completedAt: dayOf(m3, 10),
    }),
    inProvince: aCompletedCircuit({
      aEndNode: '440300',
      zEndNode: '440100',
      product: 'ethernet_private_line',
      monthlyChargeFen: 1n,
      completedAt: dayOf(m3, 20),
    }),
    beijingZhejiang: aCompletedCircuit({
      aEndNode: '110100',
      zEndNode: '330200',
      monthlyChargeFen: 777_777n,
      completedAt: dayOf(m3, 28),
    }),
    // 00:30 on the first of the month in Shanghai is still the previous day in UTC.
    firstOfMonth: aCompletedCircuit({
      aEndNode: '440100',
      zEndNode: '330100',
      monthlyChargeFen: 3_333_333n,
      completedAt: new Date(`${m1}-01T00:30:00+08:00`),
    }),
    thisMonth: aCompletedCircuit({
      aEndNode: '330200',
      zEndNode: '440300',
      monthlyChargeFen: 50_000n,
      completedAt: dayOf(current, 1),
    }),
  };
  const late = aCompletedCircuit({
    aEndNode: '440100',
    zEndNode: '110100',
    monthlyChargeFen: 12_345n,
    completedAt: dayOf(m3, 5),
  });
  const all = [...Object.values(circuits), late];

  beforeAll(async () => {
    const env = { TOPOLOGY_FILE: writeOneStopTopology(fed.namespace), ONE_STOP_SETTLEMENT_CHECK_MS: '0' };
    cn = await fed.addNode('CN', 'national', env);
    await cn.startAndWaitReady();
  }, BOOT_HOOK_TIMEOUT_MS);

  afterAll(() => fed.dispose(), 120_000);

  const register = async (circuit: CircuitCompleted, source = circuit.homeNode) =>
    outcomeOf(
      fed,
      'CN',
      await sendAs(
        fed.namespace,
        source,
        'CN',
        CircuitCompletedSchema,
        circuit,
        circuit.circuitId || circuit.orderId,
      ),
    );
  const run = async (billingMonth: string) => {
    const res = await cn.request<RunView>('POST', RUNS, { token: await hqAdmin(), body: { billingMonth } });
    expect(res.status).toBe(201);
    return res.body;
  };
  const records = async (query: string, token?: string) =>
    (
      await cn.request<RecordView[]>('GET', `${RECORDS}?limit=500&${query}`, {
        token: token ?? (await hqAnalyst()),
      })
    ).body;
  /** What the split gives a circuit under the default policy, as records read back would show it. */
  const expected = (c: CircuitCompleted) =>
    settleCircuit(
      defaultOneStopPolicy({}),
      {
        product: c.product as 'mpls_vpn',
        aEndProvince: PROVINCE_OF[c.aEndNode]!,
        zEndProvince: PROVINCE_OF[c.zEndNode]!,
        transitNode: c.transitNode || undefined,
      },
      c.monthlyChargeFen,
    ).map((l) => [l.role, l.regionCode, l.shareBp, l.amountFen.toString()]);
  const linesOf = (rs: RecordView[], orderId: string) =>
    rs.filter((r) => r.orderId === orderId).map((r) => [r.role, r.regionCode, r.shareBp, r.amountFen]);

  it('registers each completed circuit once, from its home city only', async () => {
    for (const c of Object.values(circuits)) expect(await register(c)).toBe('handled');
    expect(await register(circuits.crossProvince)).toBe('handled');
    const impostor = aCompletedCircuit({ aEndNode: '440300', zEndNode: '330100', completedAt: dayOf(m2, 3) });
    expect(await register(impostor, '440100')).toBe('dead_lettered');
    const badTransit = aCompletedCircuit({
      aEndNode: '440300',
      zEndNode: '440100',
      transitNode: 'CN',
      completedAt: dayOf(m2, 3),
    });
    expect(await register(badTransit)).toBe('dead_lettered');
    expect(await fed.count('CN', 'SELECT count(*)::int AS n FROM one_stop_circuit')).toBe(6);
    expect(await metricValue(cn, 'kaf_one_stop_circuits_registered_total', { outcome: 'duplicate' })).toBe(1);
    const [row] = await fed.sql<{ transit_node: string; first_billing_month: string }>(
      'CN',
      'SELECT transit_node, first_billing_month FROM one_stop_circuit WHERE order_id = $1',
      [circuits.firstOfMonth.orderId],
    );
    expect(row).toEqual({ transit_node: 'CN', first_billing_month: m1 });
    // Sent without a circuit id, version, action or effective date: the order stands for the
    // circuit, version 1 adds it, in force from the Shanghai date of completion.
    const versions = await fed.sql(
      'CN',
      `SELECT circuit_id, version, action, effective_date::text AS effective_date
         FROM one_stop_circuit_version WHERE order_id = $1`,
      [circuits.firstOfMonth.orderId],
    );
    expect(versions).toEqual([
      { circuit_id: circuits.firstOfMonth.orderId, version: 1, action: 'add', effective_date: `${m1}-01` },
    ]);
  });

  it('settles a month: every circuit in service that month, its records summing to its monthly charge', async () => {
    const done = await run(m2);
    expect(done).toMatchObject({
      billingMonth: m2,
      trigger: 'manual',
      requestedBy: 'HQ-SETTLE-01',
      policyVersion: '0',
      circuits: 4,
      records: 11,
      regionCodes: null,
    });
    const inM2 = [circuits.crossProvince, circuits.sameCity, circuits.inProvince, circuits.beijingZhejiang];
    expect(done.amountFen).toBe(inM2.reduce((s, c) => s + c.monthlyChargeFen, 0n).toString());
    const rs = await records(`billingMonth=${m2}`);
    expect(new Set(rs.map((r) => r.orderId))).toEqual(new Set(inM2.map((c) => c.orderId)));
    for (const c of inM2) {
      expect(linesOf(rs, c.orderId)).toEqual(expected(c));
      const sum = rs.filter((r) => r.orderId === c.orderId).reduce((s, r) => s + BigInt(r.amountFen), 0n);
      expect([c.orderId, sum]).toEqual([c.orderId, c.monthlyChargeFen]);
    }
    // The default split, to the fen: transit 10 % to the node carrying it, the rest halved.
    expect(linesOf(rs, circuits.crossProvince.orderId)).toEqual([
      ['a_end', '440000', 4500, '450001'],
      ['z_end', '330000', 4500, '450000'],
      ['transit', 'CN', 1000, '100000'],
    ]);
    expect(linesOf(rs, circuits.sameCity.orderId)).toEqual([
      ['a_end', '440000', 5000, '500'],
      ['z_end', '440000', 5000, '499'],
    ]);
    expect(linesOf(rs, circuits.inProvince.orderId)).toEqual([
      ['a_end', '440000', 4500, '1'],
      ['z_end', '440000', 4500, '0'],
      ['transit', '440000', 1000, '0'],
    ]);
    expectEvery(rs, (r) => r.runId === done.id, 'settlement records of the run');
    const audit = await fed.sql<{ actor_subject: string; action: string }>(
      'CN',
      'SELECT actor_subject, action FROM audit_entry WHERE resource_id = $1',
      [done.id],
    );
    expect(audit).toEqual([{ actor_subject: 'HQ-SETTLE-01', action: 'settlement-run.create' }]);
    // Run again: nothing is left to settle, and nothing settled changes.
    expect(await run(m2)).toMatchObject({
      circuits: 0,
      records: 0,
      amountFen: '0',
    });
  });

  it('adds a circuit that arrived after its month was run, and changes nothing else', async () => {
    const before = await fed.sql<{ id: string; amount_fen: string; run_id: string }>(
      'CN',
      `SELECT id, amount_fen::text, run_id FROM one_stop_settlement_record WHERE billing_month = $1 ORDER BY id`,
      [m2],
    );
    expect(await register(late)).toBe('handled');
    const rerun = await run(m2);
    expect(rerun).toMatchObject({ circuits: 1, records: 3, amountFen: '12345' });
    const after = await fed.sql<{ id: string; amount_fen: string; run_id: string }>(
      'CN',
      `SELECT id, amount_fen::text, run_id FROM one_stop_settlement_record WHERE billing_month = $1 ORDER BY id`,
      [m2],
    );
    expect(after.filter((r) => r.run_id !== rerun.id)).toEqual(before);
    expect(linesOf(await records(`billingMonth=${m2}&orderId=${late.orderId}`), late.orderId)).toEqual(
      expected(late),
    );
  });

  it('settles the current month with every circuit completed so far; later months are refused', async () => {
    const now = await run(current);
    expect(now.circuits).toBe(all.length);
    const rs = await records(`billingMonth=${current}`);
    for (const c of all) {
      const sum = rs.filter((r) => r.orderId === c.orderId).reduce((s, r) => s + BigInt(r.amountFen), 0n);
      expect([c.orderId, sum]).toEqual([c.orderId, c.monthlyChargeFen]);
    }
    const token = await hqAdmin();
    for (const [body, field] of [
      [{ billingMonth: addMonths(current, 1) }, 'billingMonth'],
      [{ billingMonth: '2026-13' }, 'billingMonth'],
      [{ billingMonth: 202605 }, 'billingMonth'],
      [{}, 'billingMonth'],
      [{ billingMonth: current, force: true }, 'force'],
    ] as const) {
      const res = await cn.request<Problem>('POST', RUNS, { token, body });
      expect([body, res.status, [...new Set(res.body.errors?.map((e) => e.field))]]).toEqual([
        body,
        400,
        [field],
      ]);
    }
    for (const t of [await gdAdmin(), await hqAnalyst()]) {
      expect((await cn.request('POST', RUNS, { token: t, body: { billingMonth: current } })).status).toBe(
        403,
      );
    }
  });

  it('sums settled revenue by region; a province sees only its own region', async () => {
    const rs = await records(`billingMonth=${m2}`);
    const byRegion = new Map<string, bigint>();
    for (const r of rs) byRegion.set(r.regionCode, (byRegion.get(r.regionCode) ?? 0n) + BigInt(r.amountFen));
    const report = await cn.get<ReportView>(
      `${REPORT}?from=${m2}&to=${m2}&groupBy=region`,
      await hqAnalyst(),
    );
    expect(report.rows.map((row) => [row.region, row.amountFen])).toEqual(
      [...byRegion.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([region, fen]) => [region, fen.toString()]),
    );
    expect(report.rows.find((row) => row.region === 'CN')).toMatchObject({
      regionName: '集团总部 National HQ',
    });
    expect(report.totals).toEqual({
      amountFen: rs.reduce((s, r) => s + BigInt(r.amountFen), 0n).toString(),
      circuits: 5,
      records: rs.length,
    });
    const byMonth = await cn.get<ReportView>(
      `${REPORT}?from=${m2}&to=${current}&groupBy=month,role`,
      await hqAnalyst(),
    );
    expect(byMonth.rows.filter((row) => row.month === m2).map((row) => row.role)).toEqual([
      'a_end',
      'z_end',
      'transit',
    ]);

    const gd = await cn.get<ReportView>(`${REPORT}?from=${m2}&to=${m2}`, await gdAdmin());
    expect(gd).toMatchObject({ groupBy: ['region'], regionCodes: expect.arrayContaining(['440000']) });
    expect(gd.rows).toEqual([
      expect.objectContaining({ region: '440000', amountFen: byRegion.get('440000')!.toString() }),
    ]);
    const gdRecords = await records(`billingMonth=${m2}`, await gdAdmin());
    expect(new Set(gdRecords.map((r) => r.regionCode))).toEqual(new Set(['440000']));
    expect(await records(`regionCode=330000`, await gdAdmin())).toEqual([]);
    // A run's figures, for a province, count its own region only.
    const [firstRun] = (await cn.get<RunView[]>(`${RUNS}?billingMonth=${m2}`, await hqAnalyst())).slice(-1);
    const gdShare = rs
      .filter((r) => r.runId === firstRun!.id && r.regionCode === '440000')
      .reduce((sum, r) => sum + BigInt(r.amountFen), 0n);
    expect(await cn.get<RunView>(`${RUNS}/${firstRun!.id}`, await gdAdmin())).toMatchObject({
      amountFen: gdShare.toString(),
      regionCodes: expect.arrayContaining(['440000']) as unknown,
    });

    const token = await hqAnalyst();
    for (const [query, field] of [
      [`from=${current}&to=${m2}`, 'to'],
      ['from=2020-01&to=2026-01', 'to'],
      ['groupBy=city', 'groupBy'],
      ['groupBy=region,region', 'groupBy'],
      ['to=2026-5', 'to'],
    ] as const) {
      const res = await cn.request<Problem>('GET', `${REPORT}?${query}`, { token });
      expect([query, res.status, res.body.errors?.map((e) => e.field)]).toEqual([query, 400, [field]]);
    }
    for (const [query, field] of [
      ['regionCode=440300', 'regionCode'],
      ['billingMonth=May', 'billingMonth'],
      ['orderId=1', 'orderId'],
    ] as const) {
      const res = await cn.request<Problem>('GET', `${RECORDS}?${query}`, { token });
      expect([query, res.status, res.body.errors?.map((e) => e.field)]).toEqual([query, 400, [field]]);
    }
    expect((await cn.request('GET', `${RUNS}/${randomUUID()}`, { token })).status).toBe(404);
  });

  // A circuit with an identity of its own: Shenzhen–Hangzhou, added on 11 April 2026 and upgraded
  // on 21 April; and Beijing–Ningbo, in service from 1 March and ceased on 10 May. Fixed months,
  // so the figures are worked out by hand.
  const upgraded = aCompletedCircuit({
    aEndNode: '440300',
    zEndNode: '330100',
    circuitId: randomUUID(),
    circuitVersion: 1,
    action: 'add',
    effectiveDate: '2026-04-11',
    monthlyChargeFen: 1_000_000n,
    completedAt: new Date('2026-04-11T10:00:00+08:00'),
  });
  const upgrade = aCircuitVersion(upgraded, {
    circuitVersion: 2,
    action: 'modify',
    effectiveDate: '2026-04-21',
    bandwidthMbps: 200,
    monthlyChargeFen: 1_600_000n,
    oneTimeChargeFen: 50_000n,
  });
  const lateUpgrade = aCircuitVersion(upgrade, {
    circuitVersion: 3,
    action: 'modify',
    effectiveDate: '2026-05-16',
    bandwidthMbps: 500,
    monthlyChargeFen: 2_000_000n,
  });
  const ceased = aCompletedCircuit({
    aEndNode: '110100',
    zEndNode: '330200',
    circuitId: randomUUID(),
    circuitVersion: 1,
    action: 'add',
    effectiveDate: '2026-03-01',
    monthlyChargeFen: 777_777n,
    completedAt: new Date('2026-03-01T09:00:00+08:00'),
  });
  const cease = aCircuitVersion(ceased, { circuitVersion: 2, action: 'delete', effectiveDate: '2026-05-10' });
  /** A circuit's records of a month: kind, seq, role, region, amount, oldest first. */
  const bookedFor = async (month: string, circuitId: string) =>
    (await records(`billingMonth=${month}&circuitId=${circuitId}`))
      .sort((a, b) => a.seq - b.seq)
      .map((r) => [r.kind, r.seq, r.role, r.regionCode, r.amountFen]);
  const sumOf = (lines: unknown[][]) => lines.reduce((sum, l) => sum + BigInt(l[4] as string), 0n);

  it('settles a circuit added and upgraded mid-month by its days, to the fen', async () => {
    expect(await register(upgraded)).toBe('handled');
    expect(await register(upgrade)).toBe('handled');
    await run('2026-04');
    // April (30 days): 11–20 at 1,000,000 and 21–30 at 1,600,000 → 26,000,000 / 30 = 866,666.67
    // → 866,667; 45/45/10 → 390,000.15 / 390,000.15 / 86,666.7: the fen left goes to transit.
    expect(await bookedFor('2026-04', upgraded.circuitId)).toEqual([
      ['charge', 1, 'a_end', '440000', '390000'],
      ['charge', 1, 'z_end', '330000', '390000'],
      ['charge', 1, 'transit', 'CN', '86667'],
    ]);
    // The records name the order of the version in force at the month's end.
    const april = await records(`billingMonth=2026-04&circuitId=${upgraded.circuitId}`);
    expectEvery(april, (r) => r.orderId === upgrade.orderId, 'April records of the upgrade order');
    await run('2026-05');
    expect(await bookedFor('2026-05', upgraded.circuitId)).toEqual([
      ['charge', 1, 'a_end', '440000', '720000'],
      ['charge', 1, 'z_end', '330000', '720000'],
      ['charge', 1, 'transit', 'CN', '160000'],
    ]);
    expect(await bookedFor('2026-03', upgraded.circuitId)).toEqual([]);

    const view = await cn.get<CircuitView>(`${CIRCUITS}/${upgraded.circuitId}`, await gdAdmin());
    expect(view).toMatchObject({
      version: 2,
      state: 'inService',
      ceasedOn: null,
      orderId: upgrade.orderId,
      bandwidthMbps: 200,
      monthlyChargeFen: '1600000',
      firstBillingMonth: '2026-04',
    });
    expect(view.versions).toEqual([
      expect.objectContaining({
        version: 1,
        action: 'add',
        effectiveDate: '2026-04-11',
        monthlyChargeFen: '1000000',
      }),
      expect.objectContaining({
        version: 2,
        action: 'modify',
        effectiveDate: '2026-04-21',
        monthlyChargeFen: '1600000',
      }),
    ]);
    // Beijing's staff settle no part of it.
    const bj = await tokenFor({ roles: 'province_admin', node: '110000' });
    expect((await cn.request('GET', `${CIRCUITS}/${upgraded.circuitId}`, { token: bj })).status).toBe(404);
  });

  it('prorates the cease month to the cease day and settles nothing after it', async () => {
    expect(await register(ceased)).toBe('handled');
    expect(await register(cease)).toBe('handled');
    // May (31 days): 1–10 at 777,777 → 7,777,770 / 31 = 250,895.8 → 250,896; 45/45/10 →
    // 112,903.2 / 112,903.2 / 25,089.6. The upgraded circuit's May is booked already.
    expect(await run('2026-05')).toMatchObject({ circuits: 1, records: 3, amountFen: '250896' });
    expect(await bookedFor('2026-05', ceased.circuitId)).toEqual([
      ['charge', 1, 'a_end', '110000', '112903'],
      ['charge', 1, 'z_end', '330000', '112903'],
      ['charge', 1, 'transit', 'CN', '25090'],
    ]);
    await run('2026-06');
    expect(await bookedFor('2026-06', ceased.circuitId)).toEqual([]);
    expect(sumOf(await bookedFor('2026-06', upgraded.circuitId))).toBe(1_600_000n);
    expect(await cn.get<CircuitView>(`${CIRCUITS}/${ceased.circuitId}`, await hqAnalyst())).toMatchObject({
      version: 2,
      state: 'ceased',
      ceasedOn: '2026-05-10',
      firstBillingMonth: '2026-03',
    });
    const ceasedOnes = await cn.get<CircuitView[]>(`${CIRCUITS}?state=ceased&limit=500`, await hqAnalyst());
    expect(ceasedOnes.map((c) => c.circuitId)).toEqual([ceased.circuitId]);
    const gdCircuits = await cn.get<CircuitView[]>(`${CIRCUITS}?limit=500`, await gdAdmin());
    expect(gdCircuits.map((c) => c.circuitId)).toContain(upgraded.circuitId);
    expect(gdCircuits.map((c) => c.circuitId)).not.toContain(ceased.circuitId);
  });

  it('books only corrections when a version arrives after its month was settled', async () => {
    expect(await register(lateUpgrade)).toBe('handled');
    // May: 1–15 at 1,600,000 and 16–31 at 2,000,000 → 56,000,000 / 31 = 1,806,451.6 → 1,806,452;
    // due 812,904 / 812,903 / 180,645 against 720,000 / 720,000 / 160,000 booked.
    const rerun = await run('2026-05');
    expect(rerun).toMatchObject({ circuits: 1, records: 3, amountFen: '206452' });
    const may = await bookedFor('2026-05', upgraded.circuitId);
    expect(may).toEqual([
      ['charge', 1, 'a_end', '440000', '720000'],
      ['charge', 1, 'z_end', '330000', '720000'],
      ['charge', 1, 'transit', 'CN', '160000'],
      ['correction', 2, 'a_end', '440000', '92904'],
      ['correction', 2, 'z_end', '330000', '92903'],
      ['correction', 2, 'transit', 'CN', '20645'],
    ]);
    expect(sumOf(may)).toBe(1_806_452n);
    // Nothing changed since: nothing to book in May. April (before the change) books only the
    // ceased circuit's whole month, registered after April was run.
    expect(await run('2026-05')).toMatchObject({ circuits: 0, records: 0, amountFen: '0' });
    expect(await run('2026-04')).toMatchObject({ circuits: 1, records: 3, amountFen: '777777' });
    expect(await bookedFor('2026-04', upgraded.circuitId)).toHaveLength(3);
    const report = await cn.get<ReportView>(
      `${REPORT}?from=2026-05&to=2026-05&groupBy=region`,
      await hqAnalyst(),
    );
    expect(report.totals).toEqual({ amountFen: (1_806_452n + 250_896n).toString(), circuits: 2, records: 9 });
  });

  it('changes nothing on a redelivered version, and refuses versions that cannot be', async () => {
    const duplicates = await metricValue(cn, 'kaf_one_stop_circuits_registered_total', {
      outcome: 'duplicate',
    });
    expect(await register(upgrade)).toBe('handled');
    // The same version again with other figures: the first one holds.
    expect(await register(aCircuitVersion(upgrade, { ...upgrade, monthlyChargeFen: 9_999_999n }))).toBe(
      'handled',
    );
    expect(await metricValue(cn, 'kaf_one_stop_circuits_registered_total', { outcome: 'duplicate' })).toBe(
      duplicates + 2,
    );
    const next = { circuitVersion: 4, action: 'modify', effectiveDate: '2026-07-01' };
    for (const [refused, source] of [
      [aCircuitVersion(lateUpgrade, { ...next, action: 'upgrade' }), undefined],
      [aCircuitVersion(lateUpgrade, { ...next, effectiveDate: '2026-02-30' }), undefined],
      [aCircuitVersion(lateUpgrade, { ...next, action: 'add' }), undefined],
      // Another city naming itself home, and a move of an end to another city.
      [aCircuitVersion(lateUpgrade, { ...next, homeNode: '440100' }), '440100'],
      [aCircuitVersion(lateUpgrade, { ...next, zEndNode: '330200' }), undefined],
      // A ceased circuit takes no change, nor a second cease.
      [aCircuitVersion(cease, { ...next, circuitVersion: 3 }), undefined],
      [
        aCircuitVersion(cease, { circuitVersion: 3, action: 'delete', effectiveDate: '2026-05-20' }),
        undefined,
      ],
    ] as const) {
      expect([refused.action, refused.effectiveDate, await register(refused, source)]).toEqual([
        refused.action,
        refused.effectiveDate,
        'dead_lettered',
      ]);
    }
    const held = await fed.sql<{ circuit_id: string; version: number; monthly_charge_fen: string }>(
      'CN',
      `SELECT circuit_id, version, monthly_charge_fen::text FROM one_stop_circuit_version
        WHERE circuit_id = ANY($1::uuid[]) ORDER BY circuit_id, version`,
      [[upgraded.circuitId, ceased.circuitId]],
    );
    expect(
      held.filter((v) => v.circuit_id === upgraded.circuitId).map((v) => [v.version, v.monthly_charge_fen]),
    ).toEqual([
      [1, '1000000'],
      [2, '1600000'],
      [3, '2000000'],
    ]);
    expect(held.filter((v) => v.circuit_id === ceased.circuitId).map((v) => v.version)).toEqual([1, 2]);
    const token = await hqAnalyst();
    for (const [url, field] of [
      [`${RECORDS}?circuitId=1`, 'circuitId'],
      [`${CIRCUITS}?state=gone`, 'state'],
      [`${CIRCUITS}?regionCode=440300`, 'regionCode'],
      [`${CIRCUITS}/not-a-uuid`, 'circuitId'],
    ] as const) {
      const res = await cn.request<Problem>('GET', url, { token });
      expect([url, res.status, res.body.errors?.map((e) => e.field)]).toEqual([url, 400, [field]]);
    }
    expect((await cn.request('GET', `${CIRCUITS}/${randomUUID()}`, { token })).status).toBe(404);
  });

  it('settles on schedule every finished month left unsettled or changed since, also after a restart', async () => {
    // One more change of May arrives while nothing runs: 21 May, 2,400,000.
    const another = aCircuitVersion(lateUpgrade, {
      circuitVersion: 4,
      action: 'modify',
      effectiveDate: '2026-05-21',
      monthlyChargeFen: 2_400_000n,
    });
    expect(await register(another)).toBe('handled');
    await cn.stop();
    await cn.startAndWaitReady({ ONE_STOP_SETTLEMENT_CHECK_MS: '1000' });
    const scheduled = await waitFor(
      `a scheduled run of ${m1}`,
      async () => cn.get<RunView[]>(`${RUNS}?billingMonth=${m1}`, await hqAnalyst()),
      (runs) => runs.some((r) => r.trigger === 'scheduled'),
    );
    const inService = [
      ...all.filter((c) => c !== circuits.thisMonth).map((c) => c.orderId),
      upgraded.circuitId,
    ];
    expect(scheduled.find((r) => r.trigger === 'scheduled')).toMatchObject({
      requestedBy: null,
      circuits: inService.length,
    });
    const rs = await records(`billingMonth=${m1}`);
    expect(new Set(rs.map((r) => r.circuitId))).toEqual(new Set(inService));
    // May again, by the scheduler: 15 days at 1,600,000, 5 at 2,000,000, 11 at 2,400,000 →
    // 60,400,000 / 31 = 1,948,387.1 → 1,948,387; June wholly at 2,400,000.
    const may = await records(`billingMonth=2026-05&circuitId=${upgraded.circuitId}`);
    expect(sumOf(may.map((r) => [r.kind, r.seq, r.role, r.regionCode, r.amountFen]))).toBe(1_948_387n);
    expect(Math.max(...may.map((r) => r.seq))).toBe(3);
    expect(sumOf(await bookedFor('2026-06', upgraded.circuitId))).toBe(2_400_000n);
    expect(await bookedFor('2026-06', ceased.circuitId)).toEqual([]);
    // The month settled by hand before the new circuits arrived: the scheduler booked only them.
    const m2Runs = await cn.get<RunView[]>(`${RUNS}?billingMonth=${m2}`, await hqAnalyst());
    const m2Scheduled = new Set(m2Runs.filter((r) => r.trigger === 'scheduled').map((r) => r.id));
    const m2Records = await records(`billingMonth=${m2}`);
    expect(new Set(m2Records.filter((r) => m2Scheduled.has(r.runId)).map((r) => r.circuitId))).toEqual(
      new Set([upgraded.circuitId]),
    );
    // The current month is not finished: its runs, if any, were started by hand.
    const currentRuns = await cn.get<RunView[]>(`${RUNS}?billingMonth=${current}`, await hqAnalyst());
    expectEvery(currentRuns, (r) => r.trigger === 'manual', `runs of ${current} started by hand`, {
      mayBeEmpty: true,
    });
  });
});
