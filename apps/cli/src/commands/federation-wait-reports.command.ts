import { expectedReports, missingReports } from '../federation/children-reports';
import { readState } from '../federation/federation-state';
import { fetchChildren } from '../federation/node-http';
import { isRecordedNode, sleep } from '../federation/node-process';
import { operatorToken } from '../auth/mint-token';
import { type CliCommand, type CliContext, intOption, parseOptions, seconds } from './command';
import { displayPath, runDirHelp, RUN_DIR_OPTION, resolveRunDir } from './federation-options';

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_INTERVAL_MS = 1000;

const HELP = `Usage: federation wait-reports [options]

Polls GET /api/v1/federation/children of every parent node recorded in
<run-dir>/state.json until each child that was started shows health=reporting.
Prints a progress line whenever the picture changes.

Options:
${runDirHelp(20)}
  --timeout-ms N    give up after N ms (default: ${DEFAULT_TIMEOUT_MS})
  --interval-ms N   time between polls (default: ${DEFAULT_INTERVAL_MS})
  -h, --help        show this help

Exit status: 0 when all reports are in, 1 on timeout, when a node is not running
or when no federation is recorded, 2 on bad usage.`;

export const federationWaitReportsCommand: CliCommand = {
  name: 'federation wait-reports',
  help: HELP,
  async run(argv, ctx) {
    const values = parseOptions(argv, {
      ...RUN_DIR_OPTION,
      'timeout-ms': { type: 'string' },
      'interval-ms': { type: 'string' },
    });
    if (!values) {
      ctx.out(HELP);
      return 0;
    }
    return waitReports(
      resolveRunDir(ctx, values.string('run-dir')),
      intOption('timeout-ms', values.string('timeout-ms'), DEFAULT_TIMEOUT_MS, 0, 3_600_000),
      intOption('interval-ms', values.string('interval-ms'), DEFAULT_INTERVAL_MS, 50, 60_000),
      ctx,
    );
  },
};

async function waitReports(
  runDir: string,
  timeoutMs: number,
  intervalMs: number,
  ctx: CliContext,
): Promise<number> {
  const state = readState(runDir);
  if (!state || state.nodes.length === 0) {
    ctx.err(`federation wait-reports: no federation recorded in ${displayPath(ctx, runDir)}`);
    return 1;
  }
  const expected = expectedReports(state.nodes);
  if (expected.length === 0) {
    ctx.out('no parent was started together with any of its children; no reports to wait for');
    return 0;
  }
  const total = expected.reduce((n, e) => n + e.children.length, 0);
  ctx.err(
    `waiting up to ${seconds(timeoutMs)} for ${total} status report(s) at ${expected.length} parent(s): ` +
      expected.map((e) => `${e.parent.code} <- ${e.children.map((c) => c.code).join(',')}`).join('; '),
  );
  // Valid for the whole wait, so that a long timeout never outlives its token.
  const token = await operatorToken(runDir, Math.ceil(timeoutMs / 1000) + 300);
  const began = Date.now();
  let lastLine = '';
  for (;;) {
    const dead = state.nodes.filter((n) => !isRecordedNode(n.pid, ctx.nodeEntry, n.code));
    if (dead.length > 0) {
      ctx.err(
        `federation wait-reports: not running: ${dead.map((n) => `${n.code} (pid ${n.pid})`).join(', ')};` +
          ` see their logs: ${dead.map((n) => displayPath(ctx, n.logFile)).join(', ')}`,
      );
      return 1;
    }
    const views = await Promise.all(
      expected.map(async ({ parent, children }) => {
        const codes = children.map((c) => c.code);
        try {
          const missing = missingReports(await fetchChildren(parent.url, token), codes);
          return { parent: parent.code, total: codes.length, missing, error: undefined };
        } catch (error) {
          return {
            parent: parent.code,
            total: codes.length,
            missing: codes.map((code) => ({ code, health: '?' })),
            error,
          };
        }
      }),
    );
    const elapsed = Date.now() - began;
    const done = views.every((v) => v.missing.length === 0);
    const line = views
      .map((v) => {
        const waiting = v.missing.map((m) => `${m.code} ${m.health}`).join(', ');
        return `${v.parent} ${v.total - v.missing.length}/${v.total}${waiting ? ` (${waiting})` : ''}`;
      })
      .join('; ');
    if (line !== lastLine) {
      ctx.err(`  [${seconds(elapsed).padStart(6)}] ${line}`);
      lastLine = line;
    }
    if (done) {
      ctx.out(
        `all ${total} status report(s) in after ${seconds(elapsed)}: ` +
          views.map((v) => `${v.parent} ${v.total}/${v.total}`).join(', '),
      );
      return 0;
    }
    if (elapsed >= timeoutMs) {
      ctx.err(`federation wait-reports: timed out after ${seconds(elapsed)}; still waiting for:`);
      for (const v of views) {
        if (v.error) ctx.err(`  ${v.parent}: cannot read its children: ${(v.error as Error).message}`);
        else for (const m of v.missing) ctx.err(`  ${v.parent} <- ${m.code}: ${m.health}`);
      }
      return 1;
    }
    await sleep(Math.min(intervalMs, Math.max(0, timeoutMs - elapsed)));
  }
}
