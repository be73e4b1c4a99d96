import { mintDevToken } from '../auth/mint-token';
import { GroundTruth } from '../billing/ground-truth';
import { type AnalyticsEndpoint, type TruthCheck, waitForTruth } from '../billing/truth-check';
import { readState } from '../federation/federation-state';
import { type CliCommand, type CliContext, intOption, parseOptions, seconds, UsageError } from './command';
import { displayPath, resolvePath, resolveRunDir, RUN_DIR_OPTION, runDirHelp } from './federation-options';

const TOKEN_TTL_SECONDS = 3600;
const MAX_SHOWN = 50;

const HELP = `Usage: billing verify --truth FILE [options]

Compares the analytics of a running local federation with the ground truth
written by 'billing load --truth FILE', to the fen: the national node's revenue
and event count by city and month, by city, product and month and by province
and month, and each province's by city and month (GET /api/v1/analytics/revenue, with hq_analyst
and province_analyst tokens). Waits until every figure matches or the time is up.

Options:
  --truth FILE        a truth file; repeat it for loads made with different seeds
                      (their figures add up)
  --wait SECONDS      how long the figures may take to arrive (default: 0, check once)
${runDirHelp(22)}
  -h, --help          show this help

Every figure counts, both ways: a city or month with usage the truth does not
know is a difference too, so verify a federation that received no other usage.

Exit status: 0 when every figure matches, 1 when some differ (they are listed)
or a node cannot answer, 2 on bad usage.`;

export const billingVerifyCommand: CliCommand = {
  name: 'billing verify',
  help: HELP,
  async run(argv, ctx) {
    const values = parseOptions(argv, {
      ...RUN_DIR_OPTION,
      truth: { type: 'string', multiple: true },
      wait: { type: 'string' },
    });
    if (!values) {
      ctx.out(HELP);
      return 0;
    }
    const files = values.strings('truth').map((f) => resolvePath(ctx, f));
    if (files.length === 0) throw new UsageError('--truth FILE is required');
    const waitSeconds = intOption('wait', values.string('wait'), 0, 0, 86_400);
    return billingVerify(resolveRunDir(ctx, values.string('run-dir')), files, waitSeconds * 1000, ctx);
  },
};

async function billingVerify(
  runDir: string,
  files: string[],
  timeoutMs: number,
  ctx: CliContext,
): Promise<number> {
  const truth = GroundTruth.merge(files.map((f) => GroundTruth.read(f)));
  const state = readState(runDir);
  const national = state?.nodes.find((n) => n.tier === 'national');
  if (!state || !national) {
    ctx.err(`billing verify: no national node recorded in ${displayPath(ctx, runDir)}`);
    return 1;
  }
  const endpoint = async (
    code: string,
    url: string,
    role: 'hq_analyst' | 'province_analyst',
  ): Promise<AnalyticsEndpoint> => ({
    code,
    url,
    token: await mintDevToken(runDir, {
      subject: `billing-verify@${code}`,
      roles: [role],
      node: code,
      ttlSeconds: TOKEN_TTL_SECONDS,
    }),
  });
  const cn = await endpoint(national.code, national.url, 'hq_analyst');
  const provinces = await Promise.all(
    state.nodes.filter((n) => n.tier === 'province').map((n) => endpoint(n.code, n.url, 'province_analyst')),
  );
  const began = Date.now();
  let result: TruthCheck;
  try {
    result = await waitForTruth(truth, cn, provinces, timeoutMs, (check, round) => {
      if (timeoutMs === 0) return;
      const what = check instanceof Error ? check.message : `${check.differences.length} difference(s)`;
      ctx.err(`  round ${round} after ${seconds(Date.now() - began)}: ${what}`);
    });
  } catch (error) {
    ctx.err(`billing verify: ${(error as Error).message}`);
    return 1;
  }
  const cells = truth.cityCodes().reduce((n, c) => n + truth.cells(c).length, 0);
  if (result.differences.length === 0) {
    ctx.out(
      `every figure matches the truth (${truth.cityCodes().length} cities, ${truth.meta.from}..${truth.meta.to}, ` +
        `${cells} customer cells; ${result.views} views) after ${seconds(Date.now() - began)}`,
    );
    return 0;
  }
  ctx.out(`${result.differences.length} figure(s) differ from the truth:`);
  for (const d of result.differences.slice(0, MAX_SHOWN)) ctx.out(`  ${d.where}: ${d.what}`);
  if (result.differences.length > MAX_SHOWN)
    ctx.out(`  ... and ${result.differences.length - MAX_SHOWN} more`);
  return 1;
}
