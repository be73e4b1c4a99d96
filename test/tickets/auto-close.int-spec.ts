import { randomUUID } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { AUDIT_ENTITIES, AUDIT_MIGRATIONS, AuditTrail } from '@kaf/audit';
import type { DocumentReplicas } from '@kaf/documents';
import { type DeadlineJobData, DurableDeadlines, reconcileJobName, uuidv7 } from '@kaf/platform';
import { ServicePolicyReader } from '@kaf/service-policy';
import {
  TICKETS_ENTITIES,
  TICKETS_MIGRATIONS,
  TicketEvents,
  TicketWorkflow,
  TroubleTicketEntity,
} from '@kaf/tickets';
import {
  AUTO_CLOSE_ACTOR,
  AUTO_CLOSE_DEADLINES,
  AutoCloseChecker,
  AutoCloseJob,
  ReturnVisitListener,
  ReturnVisits,
} from '@kaf/tickets/testing';
import { nodeIdentity } from '../support/builders';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { waitFor } from '../support/wait';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const DAY_MS = 86_400_000;

/**
 * The auto-close of resolved tickets (ADR 0046) as a city runs it, against a real PostgreSQL
 * database and a real Redis: the resolve arms the deadline through the tickets' own listener, the
 * queue's worker fires it, and the reconcile pass re-arms it from the database. Time is driven
 * where the product reads it: the row's `resolution_date`, moved back past `autoCloseDays`, and
 * the delayed job promoted (its delay elapsed). Inquiries carry no return visit, so the listener's
 * return visits are never asked; the confirmation of a resolution is the same move to `closed` by
 * a person that the return visit makes.
 */
describe('auto-close of resolved tickets', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let connection: Redis;
  let queue: Queue<DeadlineJobData>;
  let worker: Worker<DeadlineJobData>;
  let workerConnection: Redis;
  let deadlines: DurableDeadlines;
  let workflow: TicketWorkflow;
  let autoCloseDays: number;
  const identity = nodeIdentity('440300', 'Shenzhen', 'city', '440000');
  // A queue of this suite's own, so that nothing else's jobs meet these.
  const prefix = `kaf-int-auto-close-${Date.now().toString(36)}`;

  beforeAll(async () => {
    db = await createTestDatabase('auto_close', {
      entities: [...TICKETS_ENTITIES, ...AUDIT_ENTITIES],
      migrations: [...TICKETS_MIGRATIONS, ...AUDIT_MIGRATIONS],
    });
    dataSource = db.dataSource;
    // A city that holds no policy document yet works to the defaults, as here.
    const policy = new ServicePolicyReader(
      { current: async () => undefined } as unknown as DocumentReplicas,
      identity,
    );
    autoCloseDays = (await policy.current()).autoCloseDays;
    connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    queue = new Queue(AUTO_CLOSE_DEADLINES.queue, { connection, prefix });
    const events = new TicketEvents();
    workflow = new TicketWorkflow(events);
    const checker = new AutoCloseChecker(dataSource, workflow, policy, new AuditTrail(), identity);
    deadlines = new DurableDeadlines(queue, AUTO_CLOSE_DEADLINES, checker);
    const unused = new Proxy(
      {},
      {
        get: (_t, key) => {
          throw new Error(`an inquiry's return visits touched ${String(key)}`);
        },
      },
    );
    new ReturnVisitListener(
      events,
      new ReturnVisits(policy, unused as never, unused as never, unused as never),
      deadlines,
      policy,
    ).onModuleInit();
    const job = new AutoCloseJob(deadlines);
    worker = new Worker<DeadlineJobData>(AUTO_CLOSE_DEADLINES.queue, (j, token) => job.process(j, token), {
      connection: (workerConnection = connection.duplicate()),
      prefix,
      concurrency: 4,
    });
    await worker.waitUntilReady();
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await queue?.close();
    connection?.disconnect();
    workerConnection?.disconnect();
    await db?.dispose();
  });

  /** A new inquiry of a customer, taken up and resolved by the desk: its auto-close is armed. */
  async function aResolvedTicket(): Promise<string> {
    const id = uuidv7();
    await dataSource.transaction(async (tx) => {
      const ticket = Object.assign(new TroubleTicketEntity(), {
        id,
        cityCode: identity.code,
        customerId: randomUUID(),
        ticketType: 'inquiry',
        severity: 'minor',
        priority: 'low',
        name: '账单疑问',
        description: '本月专线费用比上月高',
        channel: 'phone',
        externalIdentifier: null,
        reporterContactId: null,
        reporterName: '报障人王五',
        reporterPhone: '13800138000',
        ownerStaffId: 'SD440300001',
        circuitId: null,
        agreementId: null,
        requestedResolutionDate: null,
        expectedResolutionDate: null,
        respondedAt: null,
        restoredAt: null,
        resolutionDate: null,
        closedAt: null,
        mergedInto: null,
        createdBy: 'SD440300001',
      });
      await workflow.open(tx, ticket, { by: 'SD440300001', reason: 'reported' });
    });
    await move(id, 'inProgress');
    await move(id, 'resolved', '已解释计费规则');
    return id;
  }

  const move = (id: string, to: 'inProgress' | 'resolved' | 'closed', reason?: string) =>
    dataSource.transaction((tx) => workflow.transition(tx, id, to, { by: 'SD440300001', reason }));

  /** Time passes for the ticket: its resolution lies `autoCloseDays` and a minute back. */
  async function resolvedLongAgo(id: string): Promise<void> {
    await dataSource.query(`UPDATE trouble_ticket SET resolution_date = $2 WHERE id = $1`, [
      id,
      new Date(Date.now() - autoCloseDays * DAY_MS - 60_000),
    ]);
  }

  /** Time passes for the ticket's delayed job: it runs now. */
  async function jobDue(id: string): Promise<void> {
    const job = await queue.getJob(deadlines.jobId(id));
    if (!job) throw new Error(`no auto-close job for ${id}`);
    expect(await job.getState()).toBe('delayed');
    await job.promote();
  }

  const jobState = async (id: string) => (await queue.getJob(deadlines.jobId(id)))?.getState() ?? 'none';

  const ticketOf = (id: string) => dataSource.getRepository(TroubleTicketEntity).findOneByOrFail({ id });

  const historyOf = (id: string) =>
    dataSource.query<{ from_status: string; to_status: string; reason: string | null; changed_by: string }[]>(
      `SELECT from_status, to_status, reason, changed_by FROM trouble_ticket_status_change
        WHERE ticket_id = $1 ORDER BY changed_at, id`,
      [id],
    );

  const auditOf = (id: string) =>
    dataSource.query<
      {
        action: string;
        actor_subject: string;
        actor_node: string;
        before: { status: string };
        after: { status: string };
      }[]
    >(
      `SELECT action, actor_subject, actor_node, before, after FROM audit_entry
        WHERE resource_id = $1 AND action = 'trouble-ticket.auto-close'`,
      [id],
    );

  it('arms the auto-close at the resolve, and closes the ticket once when its time has passed, audited', async () => {
    const id = await aResolvedTicket();
    const job = await queue.getJob(deadlines.jobId(id));
    const resolvedAt = (await ticketOf(id)).resolutionDate!;
    // Due autoCloseDays after the resolution.
    const dueIn = job!.timestamp + job!.opts.delay! - (resolvedAt.getTime() + autoCloseDays * DAY_MS);
    expect(Math.abs(dueIn)).toBeLessThan(5_000);

    await resolvedLongAgo(id);
    await jobDue(id);
    const closed = await waitFor(
      'the ticket closed by the auto-close',
      () => ticketOf(id),
      (t) => t.status === 'closed',
    );
    expect(closed.closedAt).not.toBeNull();
    const reason = `no answer from the customer ${autoCloseDays} days after the resolution`;
    expect((await historyOf(id)).slice(-1)).toEqual([
      { from_status: 'resolved', to_status: 'closed', reason, changed_by: AUTO_CLOSE_ACTOR },
    ]);
    expect(await auditOf(id)).toEqual([
      {
        action: 'trouble-ticket.auto-close',
        actor_subject: 'node:440300',
        actor_node: '440300',
        before: expect.objectContaining({ status: 'resolved' }),
        after: expect.objectContaining({ status: 'closed' }),
      },
    ]);

    // The deadline fires again (a retried job, a reconcile racing it), twice at once: nothing more.
    await deadlines.arm(id, new Date());
    await Promise.all([deadlines.reconcile(), deadlines.reconcile()]);
    await waitFor(
      'the second firing done',
      () => jobState(id),
      (s) => s === 'none' || s === 'completed',
    );
    expect((await historyOf(id)).filter((h) => h.to_status === 'closed')).toHaveLength(1);
    expect(await auditOf(id)).toHaveLength(1);
  });

  it('closes a ticket once when its deadline fires twice at the same moment', async () => {
    const id = await aResolvedTicket();
    await resolvedLongAgo(id);
    // Two workers' firings racing under the ticket's lock.
    const checker = new AutoCloseChecker(
      dataSource,
      workflow,
      new ServicePolicyReader({ current: async () => undefined } as unknown as DocumentReplicas, identity),
      new AuditTrail(),
      identity,
    );
    const outcomes = await Promise.all([checker.check(id, new Date()), checker.check(id, new Date())]);
    expect(outcomes).toEqual([{ kind: 'done' }, { kind: 'done' }]);
    expect((await historyOf(id)).filter((h) => h.changed_by === AUTO_CLOSE_ACTOR)).toHaveLength(1);
    expect(await auditOf(id)).toHaveLength(1);
  });

  it('leaves alone a ticket confirmed or reopened in the meantime, and times a resolved-again one anew', async () => {
    const confirmed = await aResolvedTicket();
    const reopened = await aResolvedTicket();
    const resolvedAgain = await aResolvedTicket();
    await move(confirmed, 'closed', 'the customer confirmed the resolution at the return visit');
    await move(reopened, 'inProgress', 'rejected at the return visit: 费用仍不对');
    await move(resolvedAgain, 'inProgress', 'rejected at the return visit: 仍有疑问');
    await move(resolvedAgain, 'resolved', '已重新核对');
    // The confirmed ticket keeps its resolution, long past; the reopened one has none any more.
    await resolvedLongAgo(confirmed);
    expect((await ticketOf(reopened)).resolutionDate).toBeNull();
    // The deadlines armed at the first resolves fire.
    for (const id of [confirmed, reopened, resolvedAgain]) await jobDue(id);
    // The first two: the check finds nothing to close and the job ends.
    for (const id of [confirmed, reopened]) {
      await waitFor(
        `the firing for ${id} done`,
        () => jobState(id),
        (s) => s === 'none' || s === 'completed',
      );
    }
    // The third, resolved again just now: its job waits again, for the new resolution's time.
    await waitFor(
      'the resolved-again ticket re-timed',
      () => jobState(resolvedAgain),
      (s) => s === 'delayed',
    );
    expect((await ticketOf(confirmed)).status).toBe('closed');
    expect((await ticketOf(reopened)).status).toBe('inProgress');
    expect((await ticketOf(resolvedAgain)).status).toBe('resolved');
    for (const id of [confirmed, reopened, resolvedAgain]) {
      expect((await historyOf(id)).filter((h) => h.changed_by === AUTO_CLOSE_ACTOR)).toEqual([]);
      expect(await auditOf(id)).toEqual([]);
    }
  });

  it('closes a ticket whose job Redis lost, from the deadline the reconcile pass re-arms from the database', async () => {
    const id = await aResolvedTicket();
    const waiting = await aResolvedTicket();
    await resolvedLongAgo(id);
    // Redis loses every job of the queue.
    await queue.obliterate({ force: true });
    expect(await jobState(id)).toBe('none');
    expect(await jobState(waiting)).toBe('none');
    // The kept schedule's reconcile pass, run by the queue's worker as the node runs it.
    await queue.add(reconcileJobName(AUTO_CLOSE_DEADLINES), { id: '' });
    const closed = await waitFor(
      'the ticket closed after the loss',
      () => ticketOf(id),
      (t) => t.status === 'closed',
    );
    expect(closed.closedAt).not.toBeNull();
    expect((await historyOf(id)).filter((h) => h.changed_by === AUTO_CLOSE_ACTOR)).toHaveLength(1);
    expect(await auditOf(id)).toHaveLength(1);
    // The other, not yet due, waits again for its own time.
    await waitFor(
      'the other re-armed',
      () => jobState(waiting),
      (s) => s === 'delayed',
    );
    expect((await ticketOf(waiting)).status).toBe('resolved');
  });
});
