import { type NodeRecord, readState } from '../federation/federation-state';
import { summariseChildren } from '../federation/children-reports';
import { type ChildView, fetchChildren, probeReady, type Readiness } from '../federation/node-http';
import { isRecordedNode } from '../federation/node-process';
import { formatTable } from '../util/table';
import { operatorToken } from '../auth/mint-token';
import type { CliCommand, CliContext } from './command';
import { displayPath, runDirCommand, runDirHelp } from './federation-options';

const HELP = `Usage: federation status [options]

For each node recorded in <run-dir>/state.json: whether its process is alive and
whether it is ready (GET /health/ready); for every parent node, a summary of its
children's status reports (GET /api/v1/federation/children).

Options:
${runDirHelp(18)}
  -h, --help      show this help

Exit status: 0 when every recorded node is alive and ready, 1 otherwise
(including when no federation is recorded), 2 on bad usage.`;

export const federationStatusCommand: CliCommand = runDirCommand('federation status', HELP, federationStatus);

interface NodeStatus {
  record: NodeRecord;
  alive: boolean;
  readiness: Readiness | undefined;
  children: ChildView[] | Error | undefined;
}

async function federationStatus(runDir: string, ctx: CliContext): Promise<number> {
  const state = readState(runDir);
  if (!state || state.nodes.length === 0) {
    ctx.out(`no federation recorded in ${displayPath(ctx, runDir)} (start one with 'federation up')`);
    return 1;
  }
  const token = await operatorTokenFor(runDir);
  const statuses = await Promise.all(
    state.nodes.map(async (record): Promise<NodeStatus> => {
      const alive = isRecordedNode(record.pid, ctx.nodeEntry, record.code);
      const readiness = alive ? await probeReady(record.url) : undefined;
      let children: NodeStatus['children'];
      if (alive && readiness?.state !== 'unreachable' && record.tier !== 'city') {
        children =
          token instanceof Error
            ? token
            : await fetchChildren(record.url, token).catch((error: unknown) => error as Error);
      }
      return { record, alive, readiness, children };
    }),
  );

  ctx.out(
    `federation in ${displayPath(ctx, runDir)}: namespace '${state.namespace}', topology ${displayPath(ctx, state.topologyFile)}`,
  );
  ctx.out(
    formatTable(
      ['CODE', 'NAME', 'TIER', 'PID', 'PROCESS', 'READY', 'URL'],
      statuses.map((s) => [
        s.record.code,
        s.record.name,
        s.record.tier,
        String(s.record.pid),
        s.alive ? 'alive' : 'DEAD',
        !s.readiness ? '-' : s.readiness.state === 'ready' ? 'ready' : s.readiness.state.toUpperCase(),
        s.record.url,
      ]),
    ),
  );
  for (const s of statuses) {
    if (s.readiness && s.readiness.state !== 'ready') ctx.out(`  ${s.record.code}: ${s.readiness.detail}`);
  }

  const recorded = new Set(state.nodes.map((n) => n.code));
  const parents = statuses.filter((s) => s.children !== undefined);
  if (parents.length > 0) {
    ctx.out('children reports:');
    for (const s of parents)
      ctx.out(`  ${s.record.code.padEnd(6)}  ${summariseChildren(s.children ?? [], recorded)}`);
  }
  return statuses.every((s) => s.alive && s.readiness?.state === 'ready') ? 0 : 1;
}

/** A short-lived operator token; without the run directory's key the children stay unavailable. */
function operatorTokenFor(runDir: string): Promise<string | Error> {
  return operatorToken(runDir, 300).catch((error: unknown) => error as Error);
}
