import { writeFileSync } from 'node:fs';
import { billingMonthOf, shanghaiDate } from '@kaf/platform';
import { mintDevToken } from '../auth/mint-token';
import { customerAccounts } from '../billing/billing-accounts';
import { type ArrearsBands, type BilledAccount, planReceivables } from '../billing/receivables-plan';
import { type NodeRecord, readState } from '../federation/federation-state';
import { field, NodeApi } from '../seed/node-api';
import { formatTable } from '../util/table';
import { type CliCommand, type CliContext, intOption, parseOptions, UsageError } from './command';
import { displayPath, resolvePath, resolveRunDir, RUN_DIR_OPTION, runDirHelp } from './federation-options';

const DEFAULTS = { months: 6, seed: 'kaf-demo', source: 'boss-billing' };
const TOKEN_TTL_SECONDS = 3600;
const BATCH = 500;

const HELP = `Usage: billing bills [options]

Sends bills and payments for the billing accounts of the cities recorded in
<run-dir>/state.json, as a province's central billing system would: through each
province's door (POST /api/v1/bill-batches, then /api/v1/payment-batches), keyed
by account number. Each account is billed for its last closed months (due on the
20th of the next month); some bills are re-sent and some corrected; accounts pay
promptly, without naming the bill, half of each bill, or not at all, so some are
in arrears. Sending the same seed again books nothing new.

Options:
${runDirHelp(18)}
  --source NAME   the billing system and the accounts' source (default: ${DEFAULTS.source})
  --months N      closed months billed per account (default: ${DEFAULTS.months})
  --seed TEXT     seed of the generator (default: ${DEFAULTS.seed})
  --truth FILE    write the arrears the bills and payments leave, as of today, per
                  city and age band (JSON, whole fen)
  --wait SECONDS  then wait up to this long until the national node's arrears of this
                  month (GET /api/v1/analytics/arrears?groupBy=city) equal that truth
                  for every billed city, band by band (default: 0, no check)
  -h, --help      show this help

Exit status: 0 when every event was routed (and, with --wait, the national
arrears equal the truth), 1 otherwise or when a node could not be reached, 2 on
bad usage.`;

export const billingBillsCommand: CliCommand = {
  name: 'billing bills',
  help: HELP,
  async run(argv, ctx) {
    const values = parseOptions(argv, {
      ...RUN_DIR_OPTION,
      source: { type: 'string' },
      months: { type: 'string' },
      seed: { type: 'string' },
      truth: { type: 'string' },
      wait: { type: 'string' },
    });
    if (!values) {
      ctx.out(HELP);
      return 0;
    }
    const seed = values.string('seed') ?? DEFAULTS.seed;
    if (seed.trim() === '') throw new UsageError('--seed must not be empty');
    const truth = values.string('truth');
    return billingBills(
      {
        runDir: resolveRunDir(ctx, values.string('run-dir')),
        source: values.string('source') ?? DEFAULTS.source,
        months: intOption('months', values.string('months'), DEFAULTS.months, 1, 36),
        seed,
        truthFile: truth === undefined ? undefined : resolvePath(ctx, truth),
        waitSeconds: intOption('wait', values.string('wait'), 0, 0, 3600),
      },
      ctx,
    );
  },
};

interface BillsOptions {
  runDir: string;
  source: string;
  months: number;
  seed: string;
  truthFile: string | undefined;
  waitSeconds: number;
}

async function billingBills(options: BillsOptions, ctx: CliContext): Promise<number> {
  const state = readState(options.runDir);
  if (!state || state.nodes.length === 0) {
    ctx.err(`billing bills: no federation recorded in ${displayPath(ctx, options.runDir)}`);
    return 1;
  }
  const token = (n: NodeRecord, role: 'city_admin' | 'billing_system', subject: string): Promise<string> =>
    mintDevToken(options.runDir, { subject, roles: [role], node: n.code, ttlSeconds: TOKEN_TTL_SECONDS });
  const cities = state.nodes.filter((n) => n.tier === 'city' && n.parent);
  const accounts: BilledAccount[] = [];
  for (const city of cities) {
    const api = new NodeApi(
      city.code,
      city.url,
      await token(city, 'city_admin', `billing-bills@${city.code}`),
    );
    accounts.push(...(await accountsOf(api, options.source, city)));
  }
  if (accounts.length === 0) {
    ctx.err(`billing bills: no city holds an account of ${options.source} (seed demo data first)`);
    return 1;
  }
  const today = shanghaiDate(new Date());
  const plan = planReceivables(accounts, { seed: options.seed, months: options.months, today });
  if (options.truthFile) {
    const truth = Object.fromEntries(
      [...plan.arrearsByCity].map(([city, b]) => [
        city,
        { upTo30Fen: `${b.upTo30Fen}`, days31To90Fen: `${b.days31To90Fen}`, over90Fen: `${b.over90Fen}` },
      ]),
    );
    writeFileSync(
      options.truthFile,
      `${JSON.stringify({ asOf: today, month: billingMonthOf(new Date()), cities: truth }, null, 2)}\n`,
    );
    ctx.err(`arrears truth in ${displayPath(ctx, options.truthFile)}`);
  }
  const rows: string[][] = [];
  let refused = 0;
  for (const province of state.nodes.filter((n) => n.tier === 'province')) {
    const mine = new Set(accounts.filter((a) => a.province === province.code).map((a) => a.accountNumber));
    if (mine.size === 0) continue;
    const api = new NodeApi(
      province.code,
      province.url,
      await token(province, 'billing_system', options.source),
      60_000,
    );
    const bills = plan.bills.filter((b) => mine.has(b.billingAccount));
    const payments = plan.payments.filter((p) => mine.has(p.billingAccount));
    const sentBills = await sendAll(api, '/api/v1/bill-batches', bills);
    const sentPayments = await sendAll(api, '/api/v1/payment-batches', payments);
    refused += sentBills.rejected + sentPayments.rejected;
    rows.push([
      province.code,
      String(bills.length),
      String(sentBills.rejected),
      String(payments.length),
      String(sentPayments.rejected),
    ]);
  }
  ctx.out(formatTable(['province', 'bills', 'rejected', 'payments', 'rejected'], rows));
  if (refused > 0) return 1;
  const national = state.nodes.find((n) => n.tier === 'national');
  if (options.waitSeconds === 0 || !national) return 0;
  const expected = [...plan.arrearsByCity].map(([city, b]) => bandsRow(city, b)).sort(byCity);
  const api = new NodeApi(national.code, national.url, await operatorAnalyst(options.runDir, national));
  const deadline = Date.now() + options.waitSeconds * 1000;
  let shown: BandsRow[] = [];
  for (;;) {
    const answer = await api.expect('GET', '/api/v1/analytics/arrears?groupBy=city');
    const rows = Array.isArray(answer.rows) ? (answer.rows as Record<string, unknown>[]) : [];
    shown = rows
      .filter((r) => plan.arrearsByCity.has(String(r.city)))
      .map((r) => ({
        city: String(r.city),
        upTo30Fen: String(r.upTo30Fen),
        days31To90Fen: String(r.days31To90Fen),
        over90Fen: String(r.over90Fen),
      }))
      .sort(byCity);
    if (JSON.stringify(shown) === JSON.stringify(expected) || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  const agree = JSON.stringify(shown) === JSON.stringify(expected);
  ctx.out(
    formatTable(
      ['city', '1-30 days', '31-90 days', 'over 90 days', `at ${national.code}`],
      expected.map((e) => {
        const s = shown.find((r) => r.city === e.city);
        const same = s !== undefined && JSON.stringify(s) === JSON.stringify(e);
        return [
          e.city,
          e.upTo30Fen,
          e.days31To90Fen,
          e.over90Fen,
          same ? 'equal' : `differs: ${JSON.stringify(s ?? null)}`,
        ];
      }),
    ),
  );
  return agree ? 0 : 1;
}

interface BandsRow {
  city: string;
  upTo30Fen: string;
  days31To90Fen: string;
  over90Fen: string;
}

function bandsRow(city: string, b: ArrearsBands): BandsRow {
  return {
    city,
    upTo30Fen: `${b.upTo30Fen}`,
    days31To90Fen: `${b.days31To90Fen}`,
    over90Fen: `${b.over90Fen}`,
  };
}

const byCity = (a: BandsRow, b: BandsRow): number => (a.city < b.city ? -1 : a.city > b.city ? 1 : 0);

function operatorAnalyst(runDir: string, national: NodeRecord): Promise<string> {
  return mintDevToken(runDir, {
    subject: 'billing-bills',
    roles: ['hq_analyst'],
    node: national.code,
    ttlSeconds: 600,
  });
}

/** The city's open accounts of `source` its customers hold now, with the month each opened. */
async function accountsOf(api: NodeApi, source: string, city: NodeRecord): Promise<BilledAccount[]> {
  const accounts: BilledAccount[] = [];
  for (const customer of await api.list('/api/v1/customers')) {
    const id = field(customer, 'id', 'GET /api/v1/customers');
    for (const account of await customerAccounts(api, id)) {
      if (account.source !== source || account.closedOn || account.holders.at(-1)?.customerId !== id)
        continue;
      accounts.push({
        accountNumber: account.accountNumber,
        city: city.code,
        province: city.parent!,
        openedMonth: account.openedOn.slice(0, 7),
      });
    }
  }
  return accounts;
}

/** Posts `events` in batches; a batch that failed in transit is sent again (ids make that harmless). */
async function sendAll(api: NodeApi, path: string, events: readonly object[]): Promise<{ rejected: number }> {
  let rejected = 0;
  for (let i = 0; i < events.length; i += BATCH) {
    const body = await api.expect('POST', path, { events: events.slice(i, i + BATCH) });
    rejected += Number(body.rejected ?? 0);
  }
  return { rejected };
}
