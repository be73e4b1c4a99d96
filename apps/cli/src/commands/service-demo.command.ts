import {
  faultWorkedToClosed,
  HOME,
  lateComplaintEscalated,
  openComplaint,
  PROVINCE,
  type ServiceActors,
  tightenComplaints,
} from '../service-assurance/demo-tickets';
import { formatTable } from '../util/table';
import type { CliCommand, CliContext } from './command';
import { demoNodes } from './demo-actors';
import { runDirCommand, runDirHelp } from './federation-options';

const NEEDED = ['CN', PROVINCE, HOME, '330000', '330100'];

const HELP = `Usage: service demo [options]

Walks service assurance through a running local federation after 'one-stop demo',
through the REST APIs only:
  Guangdong        its own service policy over the national one: complaints answered
                   within one minute (province_admin)
  Shenzhen         a complaint of its first customer, left unanswered (service_desk)
                   a fault on that customer's Shenzhen–Hangzhou circuit: fault checks
                   at Shenzhen, CN and Hangzhou answered by each node's provisioning
                   engineer (Hangzhou finds and restores it), the ticket resolved and
                   closed by a satisfied return visit
  Guangdong        the complaint's breach escalated there, acknowledged; the
                   acknowledgement shown on the ticket at Shenzhen
Takes a little over a minute (the complaint's response target).

Options:
${runDirHelp(22)}
  -h, --help          show this help

Exit status: 0 when every step went through, 1 when a node refused one or is not
running, 2 on bad usage.`;

export const serviceDemoCommand: CliCommand = runDirCommand('service demo', HELP, serviceDemo);

async function serviceDemo(runDir: string, ctx: CliContext): Promise<number> {
  const nodes = await demoNodes('service demo', runDir, NEEDED, ctx);
  if (!nodes) return 1;
  const actors: ServiceActors = { ...nodes, desk: await nodes.as(HOME, 'service_desk', `DESK-${HOME}-01`) };

  try {
    ctx.err(`service: Guangdong's complaint targets in force at ${HOME}`);
    await tightenComplaints(actors);
    const [customer] = await actors.desk.list('/api/v1/customers?status=active');
    if (!customer) {
      ctx.err(`service demo: ${HOME} has no active customer; run 'seed demo' first`);
      return 1;
    }
    const customerId = String(customer.id);
    const complaint = await openComplaint(actors, customerId);
    ctx.err(`service: a fault on customer ${customerId}'s Shenzhen–Hangzhou circuit`);
    const fault = await faultWorkedToClosed(actors, customerId);
    ctx.err(`service: waiting for complaint ${complaint} to breach its response target`);
    const late = await lateComplaintEscalated(actors, complaint);
    ctx.out(
      formatTable(
        ['ticket', 'status', 'what', 'detail'],
        [fault, late].map((t) => [t.id, t.status, t.label, t.detail]),
      ),
    );
    return 0;
  } catch (error) {
    ctx.err(`service demo: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
