import { readFileSync } from 'node:fs';
import { shanghaiDay } from '../agreements/sales-builders';
import { FederationFixture } from '../support/federation-fixture';
import { BOOT_BUDGET_MS, BOOT_HOOK_TIMEOUT_MS, type NodeProcess } from '../support/node-process';
import { namespaceTopics, readAllRecords } from '../support/topic-reader';
import {
  aWorkRequest,
  cancelWork,
  engineer,
  HOME,
  inboxOutcome,
  lines,
  outboxDrained,
  type Reply,
  requestWork,
  waitForReplies,
  type WorkInit,
  workOrderOf,
} from './work-orders-builders';
import { expectNone } from '../support/expectations';

const HANGZHOU = '330100';

/**
 * Hangzhou, an end city, as a real process that is killed with SIGKILL while it holds work, then
 * restarted: the work goes on, and the home city hears each version of each work order once. The
 * site contacts the suite sent travel nowhere but to Hangzhou.
 */
describe('work orders across a killed segment node', () => {
  const fed = new FederationFixture();
  let hangzhou: NodeProcess;
  const sent: WorkInit[] = [];

  beforeAll(async () => {
    hangzhou = await fed.addNode(HANGZHOU, 'city');
    await hangzhou.startAndWaitReady();
  }, BOOT_HOOK_TIMEOUT_MS);

  afterAll(() => fed.dispose(), 120_000);

  const act = async (id: string, action: string, body?: unknown) =>
    hangzhou.request('POST', `/api/v1/work-orders/${id}/${action}`, {
      token: await engineer(HANGZHOU),
      ...(body === undefined ? {} : { body }),
    });
  const request = (overrides: Partial<WorkInit> = {}) => {
    const r = aWorkRequest(overrides);
    sent.push(r);
    return r;
  };

  it(
    'finishes an accepted work order after a SIGKILL, each version reaching the home city once',
    async () => {
      const work = request();
      await requestWork(fed, HANGZHOU, work);
      const { id } = await workOrderOf(fed, HANGZHOU, work.segmentId);
      expect((await act(id, 'accept', { expectedCompletionDate: shanghaiDay(5) })).status).toBe(200);
      // Killed at once: the accepted status may or may not have left the outbox.
      expect((await hangzhou.kill()).signal).toBe('SIGKILL');

      await hangzhou.startAndWaitReady();
      expect((await workOrderOf(fed, HANGZHOU, work.segmentId)).state).toBe('accepted');
      expect((await act(id, 'start')).status).toBe(200);
      expect(
        (await act(id, 'complete', { circuitId: 'HZ-EPL-2026-0099', handover: 'ODF 3-12' })).status,
      ).toBe(200);

      const replies = await waitForReplies(fed, work.orderId, (r) => distinctVersions(r) === 4);
      expect([...new Set(lines(replies))]).toEqual([
        '1:acknowledged:v1',
        '1:accepted:v2',
        '1:inProgress:v3',
        '1:done:v4',
      ]);
      expectOneMessagePerVersion(replies);
    },
    3 * BOOT_BUDGET_MS,
  );

  it(
    'keeps a request handled just before a SIGKILL, and answers it once after the restart',
    async () => {
      await hangzhou.stop();
      // The next chunk the inbox commits kills the process before its Kafka offset is committed.
      await hangzhou.startAndWaitReady({ KAF_FAULT_POINTS: 'inbox.after-commit:1' });
      const work = request();
      const messageId = await requestWork(fed, HANGZHOU, work);
      expect((await hangzhou.waitExit(60_000)).signal).toBe('SIGKILL');

      await hangzhou.startAndWaitReady();
      expect(await inboxOutcome(fed, HANGZHOU, messageId)).toBe('handled');
      const replies = await waitForReplies(fed, work.orderId, (r) => r.length >= 1);
      await outboxDrained(fed, HANGZHOU);
      expect(
        await fed.count(
          HANGZHOU,
          'SELECT count(*)::int AS n FROM one_stop_work_order WHERE segment_id = $1',
          [work.segmentId],
        ),
      ).toBe(1);
      expect([...new Set(lines(replies))]).toEqual(['1:acknowledged:v1']);
      expectOneMessagePerVersion(replies);

      // And the work order runs on: rejected after the resource check, then a cancel re-sends it.
      const { id } = await workOrderOf(fed, HANGZHOU, work.segmentId);
      expect((await act(id, 'reject', { reason: '楼内无管道' })).status).toBe(200);
      await cancelWork(fed, HANGZHOU, { orderId: work.orderId, segmentId: work.segmentId, attempt: 1 });
      const after = await waitForReplies(fed, work.orderId, (r) => r.length >= 3);
      expect(lines(after).slice(-2)).toEqual(['1:rejected:v2', '1:rejected:v2']);
    },
    3 * BOOT_BUDGET_MS,
  );

  it('sends the site contacts nowhere: not upward, not to the home city, not to the log or the audit', async () => {
    const transitless = request({ role: 'z_end' });
    await requestWork(fed, HANGZHOU, transitless);
    const { id } = await workOrderOf(fed, HANGZHOU, transitless.segmentId);
    for (const [action, body] of [
      ['accept', { expectedCompletionDate: shanghaiDay(1) }],
      ['start', undefined],
      ['pending', { reason: '等待客户联系人到场' }],
    ] as const) {
      expect((await act(id, action, body)).status).toBe(200);
    }
    await waitForReplies(fed, transitless.orderId, (r) => r.length === 4);
    await outboxDrained(fed, HANGZHOU);

    // The node holds the contacts and shows them to its own staff…
    const shown = await hangzhou.request<{ site: { contactName: string; contactPhone: string } }>(
      'GET',
      `/api/v1/work-orders/${id}`,
      { token: await engineer(HANGZHOU) },
    );
    expect(shown.body.site).toMatchObject({
      contactName: transitless.site!.contactName,
      contactPhone: transitless.site!.contactPhone,
    });

    // …and no topic outside the node holds any of them.
    const needles = sent.flatMap((r) => [r.site!.contactName, r.site!.contactPhone]);
    const outside = (await namespaceTopics(fed.namespace)).filter(
      (t) => !t.startsWith(`${fed.namespace}.${HANGZHOU}.`),
    );
    expect(outside).toContain(`${fed.namespace}.${HOME}.in`);
    let scanned = 0;
    for (const topic of outside) {
      for (const record of await readAllRecords(topic)) {
        scanned += 1;
        const text = record.value.toString('utf8');
        for (const needle of needles) expect([topic, text.includes(needle)]).toEqual([topic, false]);
      }
    }
    expect(scanned).toBeGreaterThanOrEqual(sent.length);

    const audit = await fed.sql<{ text: string }>(
      HANGZHOU,
      'SELECT before::text || after::text AS text FROM audit_entry',
    );
    const log = readFileSync(hangzhou.logFile, 'utf8');
    for (const needle of needles) {
      expectNone(audit, (a) => a.text.includes(needle), `audit entries holding ${needle}`);
      expect(log.includes(needle)).toBe(false);
    }
  });
});

function distinctVersions(replies: Reply[]): number {
  return new Set(replies.map((r) => r.status.version)).size;
}

/** A relay may put a message on the topic twice (same id, dropped by the inbox); never two messages for one version. */
function expectOneMessagePerVersion(replies: Reply[]): void {
  const idsByVersion = new Map<bigint, Set<string>>();
  for (const r of replies) {
    const ids = idsByVersion.get(r.status.version) ?? new Set<string>();
    ids.add(r.id);
    idsByVersion.set(r.status.version, ids);
  }
  for (const [version, ids] of idsByVersion) expect([version, ids.size]).toEqual([version, 1]);
}
