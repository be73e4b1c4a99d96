import { operatorToken } from '../auth/mint-token';
import { type NodeRecord, readState } from '../federation/federation-state';
import { bearer, getJson, sendJson } from '../federation/node-http';
import { formatTable } from '../util/table';
import { type CliCommand, type CliContext, intOption, parseOptions, seconds } from './command';
import { displayPath, resolveRunDir, RUN_DIR_OPTION, runDirHelp } from './federation-options';

const HELP = `Usage: federation figures [options]

For every province and the national node recorded in <run-dir>/state.json, in that
order: a reconciliation run of a measure reported upward (POST /api/v1/reconciliations),
which asks each child for its totals per city and month and compares them with what
the node holds; prints what each run found. A run that finds differences asks the
children to send those cells again, so with --wait the runs are repeated until the
figures agree everywhere.

Options:
${runDirHelp(18)}
  --measure NAME  the measure to compare (default: usage)
  --wait SECONDS  how long the figures may take to agree (default: 0, one run each)
  -h, --help      show this help

Exit status: 0 when every run completed without a difference, 1 otherwise (or when
no federation is recorded), 2 on bad usage.`;

interface RunView {
  id: string;
  measure: string;
  status: 'running' | 'complete' | 'partial';
  from: string;
  to: string;
  differences: number;
  children: { node: string; answered: boolean; linesCompared: number; differences: unknown[] }[];
}

export const federationFiguresCommand: CliCommand = {
  name: 'federation figures',
  help: HELP,
  async run(argv, ctx) {
    const values = parseOptions(argv, {
      ...RUN_DIR_OPTION,
      measure: { type: 'string' },
      wait: { type: 'string' },
    });
    if (!values) {
      ctx.out(HELP);
      return 0;
    }
    // A measure the nodes do not receive is refused by them (400 naming the measure).
    const measure = values.string('measure') ?? 'usage';
    const waitSeconds = intOption('wait', values.string('wait'), 0, 0, 86_400);
    return federationFigures(resolveRunDir(ctx, values.string('run-dir')), measure, waitSeconds * 1000, ctx);
  },
};

async function federationFigures(
  runDir: string,
  measure: string,
  timeoutMs: number,
  ctx: CliContext,
): Promise<number> {
  const state = readState(runDir);
  if (!state || state.nodes.length === 0) {
    ctx.out(`no federation recorded in ${displayPath(ctx, runDir)} (start one with 'federation up')`);
    return 1;
  }
  const token = await operatorToken(runDir, 600);
  // Provinces first: the national node compares with what the provinces hold.
  const parents = [
    ...state.nodes.filter((n) => n.tier === 'province'),
    ...state.nodes.filter((n) => n.tier === 'national'),
  ];
  const began = Date.now();
  let runs: { parent: NodeRecord; run: RunView }[];
  for (;;) {
    runs = [];
    for (const parent of parents) runs.push({ parent, run: await reconcile(parent, measure, token) });
    if (runs.every(({ run }) => agrees(run)) || Date.now() - began >= timeoutMs) break;
    await new Promise((r) => setTimeout(r, 2000));
  }
  const rows = runs.map(({ parent, run }) => [
    parent.code,
    run.measure,
    `${run.from}..${run.to}`,
    run.status,
    `${run.children.filter((c) => c.answered).length}/${run.children.length}`,
    String(run.children.reduce((n, c) => n + c.linesCompared, 0)),
    String(run.differences),
  ]);
  ctx.out(
    formatTable(
      ['NODE', 'MEASURE', 'MONTHS', 'RUN', 'CHILDREN ANSWERED', 'CITY × MONTH LINES', 'DIFFERENCES'],
      rows,
    ),
  );
  const off = runs.filter(({ run }) => !agrees(run)).map(({ parent }) => parent.code);
  if (off.length > 0) {
    ctx.err(`${measure} figures not in agreement after ${seconds(Date.now() - began)} at: ${off.join(', ')}`);
    return 1;
  }
  return 0;
}

const agrees = (run: RunView): boolean => run.status === 'complete' && run.differences === 0;

/** Starts a run at `parent` and waits (at most a minute) until it has closed. */
async function reconcile(parent: NodeRecord, measure: string, token: string): Promise<RunView> {
  const headers = bearer(token);
  const started = await sendJson('POST', `${parent.url}/api/v1/reconciliations`, { measure }, 5000, {
    headers,
  });
  if (started.status !== 202) {
    throw new Error(
      `POST ${parent.url}/api/v1/reconciliations answered HTTP ${started.status}: ${JSON.stringify(started.body)}`,
    );
  }
  let run = started.body as RunView;
  const deadline = Date.now() + 60_000;
  while (run.status === 'running' && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 300));
    const res = await getJson(`${parent.url}/api/v1/reconciliations/${run.id}`, 5000, { headers });
    if (res.status !== 200)
      throw new Error(`GET reconciliation ${run.id} at ${parent.code} answered HTTP ${res.status}`);
    run = res.body as RunView;
  }
  return run;
}
