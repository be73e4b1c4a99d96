import {
  clearState,
  readState,
  withoutNodes,
  withRunDirLock,
  writeState,
} from '../federation/federation-state';
import { stopNodes, type StopResult } from '../federation/node-process';
import { type CliCommand, type CliContext, intOption, parseOptions, seconds, UsageError } from './command';
import { displayPath, runDirHelp, RUN_DIR_OPTION, resolveRunDir } from './federation-options';

const DEFAULT_TIMEOUT_MS = 30_000;

const HELP = `Usage: federation down [options]

Stops the nodes recorded in <run-dir>/state.json, children first: SIGTERM to every
city, wait for them to exit, then the provinces, then the national node. A node
still running after the timeout gets SIGKILL. Clears the state afterwards.
Databases and logs are kept.

Options:
${runDirHelp(21)}
  --nodes CODES      stop only these nodes (comma-separated); the others stay recorded
  --timeout-ms N     how long each tier may take to exit before SIGKILL
                     (default: ${DEFAULT_TIMEOUT_MS})
  -h, --help         show this help

Exit status: 0 when every node is stopped, 1 otherwise, 2 on bad usage.`;

export const federationDownCommand: CliCommand = {
  name: 'federation down',
  help: HELP,
  async run(argv, ctx) {
    const values = parseOptions(argv, {
      ...RUN_DIR_OPTION,
      nodes: { type: 'string' },
      'timeout-ms': { type: 'string' },
    });
    if (!values) {
      ctx.out(HELP);
      return 0;
    }
    const runDir = resolveRunDir(ctx, values.string('run-dir'));
    const timeoutMs = intOption('timeout-ms', values.string('timeout-ms'), DEFAULT_TIMEOUT_MS, 100, 600_000);
    const only = values
      .string('nodes')
      ?.split(',')
      .map((c) => c.trim().toUpperCase())
      .filter(Boolean);
    return withRunDirLock(runDir, () => federationDown(runDir, timeoutMs, only, ctx));
  },
};

async function federationDown(
  runDir: string,
  timeoutMs: number,
  only: string[] | undefined,
  ctx: CliContext,
): Promise<number> {
  const state = readState(runDir);
  if (!state || state.nodes.length === 0) {
    ctx.out(`no federation recorded in ${displayPath(ctx, runDir)}; nothing to stop`);
    return 0;
  }
  let targets = state.nodes;
  if (only && only.length > 0) {
    const unknown = only.filter((c) => !state.nodes.some((n) => n.code === c));
    if (unknown.length > 0)
      throw new UsageError(`--nodes: not recorded in ${displayPath(ctx, runDir)}: ${unknown.join(', ')}`);
    targets = state.nodes.filter((n) => only.includes(n.code));
  }
  const began = Date.now();
  ctx.err(`stopping ${targets.length} node(s), children first`);
  const results = await stopNodes(targets, {
    entry: ctx.nodeEntry,
    timeoutMs,
    onResult: (r) => ctx.out(describe(r)),
  });
  const failed = results.filter((r) => r.outcome === 'failed');
  const gone = results.filter((r) => r.outcome !== 'failed').map((r) => r.code);
  const remaining = withoutNodes(state, gone);
  if (remaining.nodes.length === 0) clearState(runDir);
  else writeState(runDir, remaining);
  const killed = results.filter((r) => r.outcome === 'killed').length;
  ctx.out(
    `${gone.length} node(s) down in ${seconds(Date.now() - began)}` +
      (killed > 0 ? ` (${killed} needed SIGKILL)` : '') +
      (remaining.nodes.length > 0
        ? `; still recorded: ${remaining.nodes.map((n) => n.code).join(', ')}`
        : ''),
  );
  return failed.length > 0 ? 1 : 0;
}

function describe(r: StopResult): string {
  const code = r.code.padEnd(6);
  switch (r.outcome) {
    case 'stopped':
      return `  stopped  ${code}  pid ${r.pid} (${seconds(r.ms)})`;
    case 'killed':
      return `  killed   ${code}  pid ${r.pid} (SIGKILL after ${seconds(r.ms)})`;
    case 'not-running':
      return `  gone     ${code}  pid ${r.pid} was not running`;
    case 'failed':
      return `  FAILED   ${code}  pid ${r.pid}: ${r.error ?? 'unknown error'}`;
  }
}
