import { operatorToken } from '../auth/mint-token';
import { type NodeRecord, readState } from '../federation/federation-state';
import { bearer, getJson } from '../federation/node-http';
import { formatTable } from '../util/table';
import { type CliCommand, type CliContext, intOption, parseOptions, seconds } from './command';
import { displayPath, resolveRunDir, RUN_DIR_OPTION, runDirHelp } from './federation-options';

const HELP = `Usage: federation documents [options]

For the national node and every province recorded in <run-dir>/state.json: the
documents it publishes or relays downward (GET /api/v1/documents) and, per node of
its subtree, the version that node reported applied (GET
/api/v1/documents/{document}/receipts). Nodes of the topology that are not running
are listed too; they have applied nothing.

Options:
${runDirHelp(18)}
  --wait SECONDS  how long every running node may take to apply what its parent
                  holds (default: 0, look once)
  -h, --help      show this help

Exit status: 0 when every running node has applied every version meant for it,
1 otherwise (or when no federation is recorded), 2 on bad usage.`;

/** The largest page the receipts endpoint serves. */
const PAGE = 500;

interface Held {
  document: string;
  issuer: string;
  keys: number;
  highestVersion: string;
}

interface Receipt {
  node: string;
  issuer: string;
  tier: string;
  key: string;
  heldVersion: string;
  appliedVersion: string | null;
  appliedAt: string | null;
  upToDate: boolean;
}

interface NodeReceipts {
  parent: NodeRecord;
  documents: { held: Held; receipts: Receipt[] }[];
}

export const federationDocumentsCommand: CliCommand = {
  name: 'federation documents',
  help: HELP,
  async run(argv, ctx) {
    const values = parseOptions(argv, { ...RUN_DIR_OPTION, wait: { type: 'string' } });
    if (!values) {
      ctx.out(HELP);
      return 0;
    }
    const waitSeconds = intOption('wait', values.string('wait'), 0, 0, 86_400);
    return federationDocuments(resolveRunDir(ctx, values.string('run-dir')), waitSeconds * 1000, ctx);
  },
};

async function federationDocuments(runDir: string, timeoutMs: number, ctx: CliContext): Promise<number> {
  const state = readState(runDir);
  if (!state || state.nodes.length === 0) {
    ctx.out(`no federation recorded in ${displayPath(ctx, runDir)} (start one with 'federation up')`);
    return 1;
  }
  const token = await operatorToken(runDir, 300);
  const running = new Set(state.nodes.map((n) => n.code));
  const parents = state.nodes.filter((n) => n.tier !== 'city');
  const began = Date.now();
  let seen: NodeReceipts[];
  for (;;) {
    seen = await Promise.all(parents.map((parent) => receiptsOf(parent, token)));
    if (behind(seen, running).length === 0 || Date.now() - began >= timeoutMs) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  for (const { parent, documents } of seen) {
    ctx.out(`documents at ${parent.code} (${parent.name}):`);
    if (documents.length === 0) ctx.out('  none held yet');
    const rows: string[][] = [];
    for (const { held, receipts } of documents) {
      const byNode = new Map<string, Receipt[]>();
      for (const r of receipts) byNode.set(r.node, [...(byNode.get(r.node) ?? []), r]);
      for (const [node, keys] of byNode) {
        const applied = keys.filter((k) => k.upToDate).length;
        const latest = keys
          .map((k) => k.appliedAt)
          .filter((t): t is string => t !== null)
          .sort()
          .at(-1);
        rows.push([
          held.document,
          `${held.issuer} v${held.highestVersion}${held.keys > 1 ? ` (${held.keys} keys)` : ''}`,
          node,
          keys[0]!.tier,
          running.has(node) ? 'running' : 'not started',
          held.keys > 1 ? `${applied}/${keys.length} keys` : (keys[0]!.appliedVersion ?? '-'),
          latest ?? '-',
          applied === keys.length ? 'yes' : 'NO',
        ]);
      }
    }
    if (rows.length > 0)
      ctx.out(
        formatTable(
          ['DOCUMENT', 'HELD', 'NODE', 'TIER', 'PROCESS', 'APPLIED', 'APPLIED AT', 'UP TO DATE'],
          rows,
        ),
      );
  }
  const late = behind(seen, running);
  if (late.length > 0) {
    ctx.err(`running nodes not up to date after ${seconds(Date.now() - began)}: ${late.join(', ')}`);
    return 1;
  }
  return 0;
}

/** `document@node` for every running node that has not applied what its parent holds. */
function behind(seen: readonly NodeReceipts[], running: ReadonlySet<string>): string[] {
  const late = new Set<string>();
  for (const { documents } of seen)
    for (const { held, receipts } of documents)
      for (const r of receipts)
        if (running.has(r.node) && !r.upToDate) late.add(`${held.document}@${r.node}`);
  return [...late].sort();
}

async function receiptsOf(parent: NodeRecord, token: string): Promise<NodeReceipts> {
  const headers = bearer(token);
  const held = await getJson(`${parent.url}/api/v1/documents`, 5000, { headers });
  if (held.status !== 200) throw new Error(`GET ${parent.url}/api/v1/documents answered HTTP ${held.status}`);
  const documents = [];
  for (const h of held.body as Held[]) {
    const receipts: Receipt[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const url = `${parent.url}/api/v1/documents/${h.document}/receipts?limit=${PAGE}&offset=${offset}`;
      const res = await getJson(url, 5000, { headers });
      if (res.status !== 200) throw new Error(`GET ${url} answered HTTP ${res.status}`);
      const page = res.body as Receipt[];
      receipts.push(...page);
      if (page.length < PAGE) break;
    }
    documents.push({ held: h, receipts: receipts.filter((r) => r.issuer === h.issuer) });
  }
  return { parent, documents };
}
