import type { ServicePolicyView } from '@kaf/service-policy';
import Redis from 'ioredis';
import { tokenFor } from '../support/auth';
import { creditCode, customerBody } from '../support/builders';
import { expectEvery } from '../support/expectations';
import type { FederationFixture } from '../support/federation-fixture';
import type { NodeProcess } from '../support/node-process';
import { sleep, waitFor } from '../support/wait';
import { servicePolicyBody } from './policy-body';

const PROVINCE = '440000';
const CITY = '440300';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** A critical fault of an A-grade customer: a minute to respond, three to restore (24×7). */
const RESPONSE_MS = 60_000;
const RESTORE_MS = 180_000;
/** A major fault of the same customer: a minute for each, so that twice its restore passes early. */
const SHORT_MS = 60_000;

type PolicyView = ServicePolicyView;
interface SlaView {
  target: 'response' | 'restore';
  startedAt: string;
  dueAt: string;
  metAt: string | null;
  pausedMinutes: number;
  paused: boolean;
  breached: boolean;
  thresholds: { percent: number; dueAt: string; firedAt: string | null }[];
}
interface EscalationView {
  escalationId: string;
  reason: string;
  holder: string;
  status: string;
  acknowledgedAt: string | null;
  closedAt: string | null;
}
interface TicketView {
  id: string;
  status: string;
  expectedResolutionDate: string | null;
  sla: SlaView[];
  escalations: EscalationView[];
}
interface HeldView {
  escalationId: string;
  caseId: string;
  reason: string;
  status: string;
  facts: Record<string, unknown>;
}

/**
 * SLA clocks at a city under CN and its province, all real processes: a critical fault of an
 * A-grade customer warns its owner at 50 and 80 % and escalates at 100 % to the province and CN,
 * and a major one with a one-minute restore escalates to CN again at twice it, each exactly once, with the city killed between two thresholds and its Redis flushed between
 * two others; a pending period moves the due time by what it lasted; the province acknowledges
 * and the city's ticket shows it.
 *
 * Runs on the federation of test/service-assurance/service-assurance.e2e-spec.ts after the suites
 * that count what is held: it publishes CN's next policy version over whatever is in force, and the
 * flush loses every node's timers, not only the city's.
 */
export const slaClocksCases = (fed: FederationFixture): void =>
  describe('SLA clocks and their thresholds', () => {
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 2 });
    let cn: NodeProcess;
    let province: NodeProcess;
    let city: NodeProcess;
    let desk: string;
    let customerId = '';

    const ticket = (id: string) => city.get<TicketView>(`/api/v1/trouble-tickets/${id}`, desk);

    /** The desk's staff member opens it and owns it (the customer has no account manager). */
    async function openFault(name: string, severity = 'critical'): Promise<TicketView> {
      const res = await city.request<TicketView>('POST', '/api/v1/trouble-tickets', {
        token: desk,
        body: {
          ticketType: 'fault',
          severity,
          priority: 'high',
          name,
          description: 'link down',
          channel: 'phone',
          customerId,
          reporterName: '张三',
          reporterPhone: '13800000000',
        },
      });
      if (res.status !== 201) throw new Error(`POST trouble ticket: ${res.status} ${res.text}`);
      return res.body;
    }

    async function move(id: string, status: string): Promise<void> {
      const res = await city.request('PATCH', `/api/v1/trouble-tickets/${id}`, {
        token: desk,
        body: { status, statusChangeReason: `to ${status}` },
        headers: { 'content-type': 'application/merge-patch+json' },
      });
      if (res.status !== 200) throw new Error(`PATCH ${status}: ${res.status} ${res.text}`);
    }

    const warnings = (ticketId: string) =>
      fed.sql<{ source_key: string; assignee_staff_id: string }>(
        CITY,
        `SELECT source_key, assignee_staff_id FROM follow_up_task
        WHERE source = 'sla-warning' AND source_key LIKE $1 ORDER BY source_key`,
        [`sla-warning:${ticketId}:%`],
      );
    const raised = (ticketId: string) =>
      fed.sql<{ reason: string; holder_node: string }>(
        CITY,
        `SELECT reason, holder_node FROM raised_escalation WHERE case_id = $1 ORDER BY reason, holder_node`,
        [ticketId],
      );

    beforeAll(async () => {
      cn = fed.node('CN');
      province = fed.node(PROVINCE);
      city = fed.node(CITY);
      desk = await tokenFor({ roles: 'service_desk', node: CITY, subject: 'desk-1@440300' });
      const admin = await tokenFor({ roles: 'city_admin', node: CITY });
      const created = await city.request<{ id: string }>('POST', '/api/v1/customers', {
        token: admin,
        body: customerBody({ grade: 'A', classes: [], creditCode: creditCode(CITY) }),
      });
      expect(created.status).toBe(201);
      customerId = created.body.id;
      // Short targets for a critical fault of grade A, published by CN down to the city.
      const hq = await tokenFor({ roles: 'hq_admin', node: 'CN' });
      const policy = await cn.get<PolicyView>('/api/v1/service-policy', hq);
      const targets = policy.targets.map((t) =>
        t.ticketType !== 'fault' || t.grade !== 'A'
          ? t
          : t.severity === 'critical'
            ? { ...t, responseMinutes: RESPONSE_MS / 60_000, restoreMinutes: RESTORE_MS / 60_000 }
            : t.severity === 'major'
              ? { ...t, responseMinutes: SHORT_MS / 60_000, restoreMinutes: SHORT_MS / 60_000 }
              : t,
      );
      const put = await cn.request<PolicyView>('PUT', '/api/v1/service-policy', {
        token: hq,
        body: servicePolicyBody({ ...policy, targets }),
      });
      expect([put.status, put.text]).toEqual([200, expect.any(String)]);
      await waitFor(
        'the short policy in force at the city',
        () => city.get<PolicyView>('/api/v1/service-policy', admin),
        (p) => p.version === put.body.version,
      );
    }, 120_000);

    afterAll(() => redis.disconnect());

    it('warns and escalates once per threshold across a killed city and a flushed Redis; the province acknowledges', async () => {
      const opened = await openFault('专线中断');
      // Its twice-restore threshold passes two minutes in, between the kill and the flush or after.
      const short = await openFault('专线闪断', 'major');
      const t0 = Date.parse(opened.sla.find((s) => s.target === 'response')!.startedAt);
      expect(opened.expectedResolutionDate).toBe(new Date(t0 + RESTORE_MS).toISOString());
      // 50 % of response passes with the city up.
      await waitFor(
        'the first warning',
        () => warnings(opened.id),
        (w) => w.length === 1,
        60_000,
      );
      expect(Date.now()).toBeLessThan(t0 + RESPONSE_MS * 0.8);
      await city.kill();
      // 80 % and 100 % of response pass while the city is down.
      await sleep(Math.max(0, t0 + RESPONSE_MS + 2_000 - Date.now()));
      await city.startAndWaitReady();
      await waitFor(
        'the thresholds passed while the city was down',
        () => raised(opened.id),
        (r) => r.length === 2,
        60_000,
      );
      // Redis loses every job of the city before restore's breach.
      expect(Date.now()).toBeLessThan(t0 + RESTORE_MS - 10_000);
      await redis.flushdb();
      await waitFor(
        'the breach of restore',
        () => raised(opened.id),
        (r) => r.length === 4,
        RESTORE_MS,
      );

      const view = await ticket(opened.id);
      const restore = view.sla.find((s) => s.target === 'restore')!;
      const late = restore.thresholds
        .filter((t) => t.percent === 100)
        .map((t) => Date.parse(t.firedAt!) - Date.parse(t.dueAt));
      // Fired from the timers rebuilt after the flush, not long after.
      expectEvery(late, (ms) => ms >= 0 && ms < 5_000, 'thresholds fired within 5 s of their time');
      expect(
        (await warnings(opened.id)).map((w) => [
          w.source_key.split(':').slice(2).join(':'),
          w.assignee_staff_id,
        ]),
      ).toEqual([
        ['response:50', 'desk-1@440300'],
        ['response:80', 'desk-1@440300'],
        ['restore:50', 'desk-1@440300'],
        ['restore:80', 'desk-1@440300'],
      ]);
      expect((await raised(opened.id)).map((r) => [r.reason, r.holder_node])).toEqual([
        ['responseBreach', PROVINCE],
        ['responseBreach', 'CN'],
        ['restoreBreach', PROVINCE],
        ['restoreBreach', 'CN'],
      ]);
      expectEvery(view.sla, (s) => s.breached, 'breached clocks');

      // The province holds the two breaches, without personal data, and acknowledges one.
      const officer = await tokenFor({ roles: 'province_admin', node: PROVINCE });
      const held = await waitFor(
        'the breaches at the province',
        // The ticket's own: the escalations suite before leaves one of its own open there.
        async () =>
          (await province.get<HeldView[]>(`/api/v1/escalations?status=open`, officer)).filter(
            (h) => h.caseId === opened.id,
          ),
        (h) => h.length === 2,
      );
      expect(JSON.stringify(held)).not.toMatch(/张三|13800000000/);
      const breach = held.find((h) => h.reason === 'responseBreach')!;
      const ack = await province.request(
        'POST',
        `/api/v1/escalations/${breach.escalationId}/acknowledgement`,
        {
          token: officer,
          body: { note: 'on it' },
        },
      );
      expect(ack.status).toBeLessThan(300);
      const shown = await waitFor(
        'the acknowledgement on the ticket at the city',
        () => ticket(opened.id),
        (t) =>
          t.escalations.some(
            (e) => e.holder === PROVINCE && e.reason === 'responseBreach' && e.acknowledgedAt,
          ),
      );
      expect(shown.escalations).toHaveLength(4);

      // 200 % of the short restore escalates to CN once more; resolving closes them all.
      await waitFor(
        'twice the short restore time',
        () => raised(short.id),
        (r) => r.length === 5,
        SHORT_MS * 2,
      );
      expect((await raised(short.id)).map((r) => [r.reason, r.holder_node])).toEqual([
        ['responseBreach', PROVINCE],
        ['responseBreach', 'CN'],
        ['restoreBreach', PROVINCE],
        ['restoreBreach', 'CN'],
        ['restoreDoubleBreach', 'CN'],
      ]);
      for (const id of [opened.id, short.id]) {
        await move(id, 'inProgress');
        await move(id, 'resolved');
        const closed = await ticket(id);
        expectEvery(closed.escalations, (e) => e.closedAt !== null, 'closed escalations');
        // Nothing fired twice, whatever fired the timers again.
        expect(await warnings(id)).toHaveLength(4);
      }
      expect(await raised(opened.id)).toHaveLength(4);
      expect(await raised(short.id)).toHaveLength(5);
    }, 420_000);

    it('stands the clock still while pending: the due time moves by the time paused', async () => {
      const opened = await openFault('专线误码');
      await move(opened.id, 'inProgress');
      const pausedAt = Date.now();
      await move(opened.id, 'pending');
      await sleep(5_000);
      await move(opened.id, 'inProgress');
      const resumedAt = Date.now();
      const restore = (await ticket(opened.id)).sla.find((s) => s.target === 'restore')!;
      const pausedMs = restore.pausedMinutes * 60_000;
      expect(pausedMs).toBeGreaterThan(4_500);
      expect(pausedMs).toBeLessThanOrEqual(resumedAt - pausedAt + 1_000);
      const due = Date.parse(restore.dueAt) - Date.parse(restore.startedAt);
      expect(Math.abs(due - (RESTORE_MS + pausedMs))).toBeLessThan(1_000);
      // pausedMinutes is shown to the second; the threshold moved by the exact pause.
      const half = Date.parse(restore.thresholds.find((t) => t.percent === 50)!.dueAt);
      expect(Math.abs(half - (Date.parse(restore.startedAt) + RESTORE_MS / 2 + pausedMs))).toBeLessThan(
        1_000,
      );
      expect((await ticket(opened.id)).expectedResolutionDate).toBe(restore.dueAt);
      await move(opened.id, 'cancelled');
    }, 120_000);
  });
