import { parse } from 'csv-parse/sync';
import { tokenFor } from '../support/auth';
import { creditCode } from '../support/builders';
import { FederationFixture } from '../support/federation-fixture';
import { BOOT_HOOK_TIMEOUT_MS, type NodeProcess } from '../support/node-process';
import { waitFor } from '../support/wait';
import { expectEvery } from '../support/expectations';

interface ImportProblem {
  status: number;
  title: string;
  detail: string;
  errors: { line: number; field: string; message: string }[];
}

const HEADER = 'name,creditCode,industry,grade,classes,gridCode,address,managerStaffId';

/** Builds an import file of `rows` customers where every `badEvery`-th row has one known fault. */
function importFile(rows: number, badEvery: number, staffId: string) {
  const faults = [
    {
      field: 'creditCode',
      cell: (r: string[]) => (r[1] = r[1]!.slice(0, 17) + (r[1]!.endsWith('0') ? '1' : '0')),
    },
    { field: 'industry', cell: (r: string[]) => (r[2] = 'Z') },
    { field: 'name', cell: (r: string[]) => (r[0] = '名'.repeat(201)) },
    { field: 'grade', cell: (r: string[]) => (r[3] = 'E') },
    { field: 'classes', cell: (r: string[]) => (r[4] = 'group_member') },
    { field: 'managerStaffId', cell: (r: string[]) => (r[7] = 'E-NOBODY') },
  ];
  const lines = [HEADER];
  const expected = new Map<number, string>();
  const good: string[] = [HEADER];
  for (let i = 0; i < rows; i++) {
    const record = [
      `导入企业${i}号有限公司`,
      creditCode('440300'),
      'ABCDEFGHIJ'[i % 10]!,
      'ABC'[i % 3]!,
      i % 4 === 0 ? 'important|strategic' : '',
      `SZ-${i % 50}`,
      i % 7 === 0 ? '"深圳市南山区科技园, 1栋"' : '',
      i % 2 === 0 ? staffId : '',
    ];
    const line = lines.length + 1;
    if (i % badEvery === badEvery - 1) {
      const fault = faults[expected.size % faults.length]!;
      fault.cell(record);
      expected.set(line, fault.field);
    } else {
      good.push(record.join(','));
    }
    lines.push(record.join(','));
  }
  return { csv: lines.join('\n'), expected, goodCsv: good.join('\n'), goodRows: good.length - 1 };
}

describe('customer CSV import (all or nothing) and export', () => {
  const fed = new FederationFixture();
  let city: NodeProcess;
  let province: NodeProcess;
  let admin: string;
  const staffId = `E440300-IMP-${Date.now().toString(36)}`;

  beforeAll(async () => {
    province = await fed.addNode('440000', 'province');
    city = await fed.addNode('440300', 'city');
    await Promise.all([province.startAndWaitReady(), city.startAndWaitReady()]);
    admin = await tokenFor({ roles: 'city_admin', node: '440300' });
    const manager = await city.request('POST', '/api/v1/account-managers', {
      token: admin,
      body: { staffId, name: '导入经理', title: 'chief' },
    });
    expect(manager.status).toBe(201);
  }, BOOT_HOOK_TIMEOUT_MS);

  afterAll(() => fed.dispose(), 120_000);

  const upload = (csv: string, query = '', token = admin) =>
    city.request<ImportProblem & { imported: number; rows: number }>(
      'POST',
      `/api/v1/customer-imports${query}`,
      {
        token,
        rawBody: csv,
        headers: { 'content-type': 'text/csv' },
      },
    );
  const customers = () => fed.count('440300', 'SELECT count(*) AS n FROM customer');

  it('rejects a 10,000-row file with 3% bad rows, reporting each by line and field, and writes nothing', async () => {
    const file = importFile(10_000, 33, staffId);
    expect(file.expected.size).toBe(303);
    const started = Date.now();
    const res = await upload(file.csv);
    const tookMs = Date.now() - started;
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const reported = new Map<number, Set<string>>();
    for (const e of res.body.errors) {
      if (!reported.has(e.line)) reported.set(e.line, new Set());
      reported.get(e.line)!.add(e.field);
    }
    expect([...reported.keys()].sort((a, b) => a - b)).toEqual([...file.expected.keys()]);
    for (const [line, field] of file.expected)
      expect([line, [...reported.get(line)!]]).toEqual([line, [field]]);
    expect(res.body.detail).toContain('303 of 10000 rows are invalid');
    expect(await customers()).toBe(0);
    expect(
      await fed.count('440300', 'SELECT count(*) AS n FROM audit_entry WHERE action = $1', [
        'customer.import',
      ]),
    ).toBe(0);
    process.stdout.write(`import validation of 10,000 rows (303 bad): ${tookMs} ms\n`);
  });

  it('checks a clean file on a dry run without writing, then imports it in one go', async () => {
    const file = importFile(10_000, 33, staffId);
    const dry = await upload(file.goodCsv, '?dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ rows: file.goodRows, imported: 0, dryRun: true });
    expect(await customers()).toBe(0);

    const started = Date.now();
    const res = await upload(file.goodCsv);
    const tookMs = Date.now() - started;
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ rows: file.goodRows, imported: file.goodRows, dryRun: false });
    expect(await customers()).toBe(file.goodRows);
    expect(
      await fed.count('440300', `SELECT count(*) AS n FROM audit_entry WHERE action = 'customer.import'`),
    ).toBe(file.goodRows);
    expect(
      await fed.count('440300', 'SELECT count(*) AS n FROM customer WHERE manager_staff_id = $1', [staffId]),
    ).toBe(await fed.count('440300', 'SELECT count(*) AS n FROM customer WHERE manager_id IS NOT NULL'));
    process.stdout.write(`import of ${file.goodRows} rows: ${tookMs} ms\n`);

    // The province learns of every imported customer through the snapshots written with them.
    const analyst = await tokenFor({ roles: 'province_analyst', node: '440000' });
    await waitFor(
      'imported customers at the province',
      async () =>
        Number(
          (await province.request('GET', '/api/v1/customers?limit=1', { token: analyst })).headers.get(
            'x-total-count',
          ),
        ),
      (n) => n === file.goodRows,
      120_000,
    );

    // The same file again: every row now collides with a registered customer.
    const again = await upload(file.goodCsv);
    expect(again.status).toBe(422);
    expect(new Set(again.body.errors.map((e) => e.field))).toEqual(new Set(['creditCode']));
    expect(await customers()).toBe(file.goodRows);
  }, 240_000);

  it('refuses a body that is not CSV, a malformed file, and callers without the import function', async () => {
    const json = await city.request('POST', '/api/v1/customer-imports', {
      token: admin,
      body: { name: 'x' },
    });
    expect(json.status).toBe(415);
    const ragged = await upload(`${HEADER}\nonly,three,cells`);
    expect(ragged.status).toBe(400);
    expect(ragged.body.errors[0]!.field).toBe('file');
    const manager = await tokenFor({ roles: 'account_manager', node: '440300', subject: staffId });
    expect((await upload(`${HEADER}\n`, '', manager)).status).toBe(403);
    expect((await upload(`${HEADER}\n`, '?dryRun=maybe')).status).toBe(400);
  });

  it('exports the filtered list as CSV that matches the list and can be read back', async () => {
    const list = await city.request('GET', '/api/v1/customers?grade=A&limit=1', { token: admin });
    const total = Number(list.headers.get('x-total-count'));
    expect(total).toBeGreaterThan(1000);
    const res = await city.request<string>('GET', '/api/v1/customer-exports?grade=A', { token: admin });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="customers-440300-/);
    const records = parse<Record<string, string>>(res.text, { bom: true, columns: true });
    expect(records).toHaveLength(total);
    expect(new Set(records.map((r) => r.grade))).toEqual(new Set(['A']));
    expect(new Set(records.map((r) => r.id)).size).toBe(total);

    // Re-importing an export is understood (export-only columns ignored): every row is a duplicate.
    const back = await upload(res.text, '?dryRun=true');
    expect(back.status).toBe(422);
    expectEvery(back.body.errors, (e) => e.field === 'creditCode', 're-imported rows refused as duplicates');

    // An account manager's export holds only their own portfolio.
    const manager = await tokenFor({ roles: 'account_manager', node: '440300', subject: staffId });
    const own = await city.request<string>('GET', '/api/v1/customer-exports', { token: manager });
    const mine = parse<Record<string, string>>(own.text, { bom: true, columns: true });
    expect(mine.length).toBe(
      await fed.count('440300', 'SELECT count(*) AS n FROM customer WHERE manager_staff_id = $1', [staffId]),
    );
    expect(new Set(mine.map((r) => r.managerStaffId))).toEqual(new Set([staffId]));
  });
});
