import {
  ceasedCircuit,
  completedCrossProvinceOrder,
  type DemoActors,
  type DemoOrder,
  failedOrder,
  HOME,
  inProvinceOrderInProgress,
  setPolicy,
  setTariffs,
  settle,
  upgradedCircuit,
} from '../one-stop/demo-circuits';
import { formatTable } from '../util/table';
import type { CliCommand, CliContext } from './command';
import { demoNodes } from './demo-actors';
import { runDirCommand, runDirHelp } from './federation-options';

const NEEDED = ['CN', '440000', '440100', HOME, '330000', '330100', '330200'];

const HELP = `Usage: one-stop demo [options]

Walks one-stop (一站式) circuit orders through a running local federation (the dev
topology: CN, 440000 with 440100 and 440300, 330000 with 330100 and 330200), through
the REST APIs only:
  every node       circuit tariffs of the four products (its administrator)
  national node    the one-stop policy: SLAs by product, 10% transit share, and a
                   40/40/20 split for Guangdong–Zhejiang MPLS VPNs (hq_admin)
  Shenzhen         orders of its first customer (city_admin):
                   - quoted by Shenzhen, Hangzhou and CN, accepted, ordered, and built
                     at the three nodes (provisioning engineers) → completed
                   - that circuit upgraded from 200 to 500 Mbps (action modify), worked
                     at the same three nodes → completed, the circuit's version 2
                   - Shenzhen → Guangzhou, accepted at Shenzhen → in progress
                   - Shenzhen → Ningbo, rejected by Ningbo → failed, Shenzhen's and the
                     national transit segments cancelled
                   - a Shenzhen in-city DDN built, then ceased (action delete) on the
                     last day of the month
  national node    this month's settlement run; the upgraded circuit's records,
                   settled by days between its two versions
Each run adds five more orders.

Options:
${runDirHelp(22)}
  -h, --help          show this help

Exit status: 0 when every step went through, 1 when a node refused one or is not
running, 2 on bad usage.`;

export const oneStopDemoCommand: CliCommand = runDirCommand('one-stop demo', HELP, oneStopDemo);

async function oneStopDemo(runDir: string, ctx: CliContext): Promise<number> {
  const nodes = await demoNodes('one-stop demo', runDir, NEEDED, ctx);
  if (!nodes) return 1;
  const actors: DemoActors = nodes;
  const home = actors.admin(HOME);

  try {
    ctx.err('one-stop: tariffs at every node, the national policy');
    await setTariffs(actors, NEEDED);
    await setPolicy(actors);
    const [customer] = await home.list('/api/v1/customers?status=active');
    if (!customer) {
      ctx.err(`one-stop demo: ${HOME} has no active customer; run 'seed demo' first`);
      return 1;
    }
    const customerId = String(customer.id);
    ctx.err(`one-stop: orders of customer ${customerId} at ${HOME}`);
    const added = await completedCrossProvinceOrder(home, actors, customerId);
    const orders: DemoOrder[] = [
      added,
      await upgradedCircuit(home, actors, customerId, added.id),
      await inProvinceOrderInProgress(home, actors, customerId),
      await failedOrder(home, actors, customerId),
      await ceasedCircuit(home, actors, customerId),
    ];
    ctx.out(
      formatTable(
        ['order', 'state', 'segments', 'what'],
        orders.map((o) => [
          o.id,
          o.stateReason ? `${o.state} (${o.stateReason})` : o.state,
          o.segments,
          o.label,
        ]),
      ),
    );
    const circuit = await home.expect('GET', `/api/v1/circuit-orders/${added.id}`);
    const records = await settle(actors, String(circuit.circuitId));
    ctx.out('');
    ctx.out(
      formatTable(
        ['month', 'kind', 'role', 'region', 'share (bp)', 'amount (fen)'],
        records.map((r) => [
          String(r.billingMonth),
          String(r.kind),
          String(r.role),
          String(r.regionCode),
          String(r.shareBp),
          String(r.amountFen),
        ]),
      ),
    );
    return 0;
  } catch (error) {
    ctx.err(`one-stop demo: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
