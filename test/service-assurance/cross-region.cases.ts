import type { ServicePolicyView, WorkingCalendarYearView } from '@kaf/service-policy';
import { addDays, shanghaiDate } from '@kaf/platform';
import { SERVICE_QUALITY_FIGURES } from '@kaf/usage-rules';
import { tokenFor } from '../support/auth';
import { creditCode, customerBody } from '../support/builders';
import type { FederationFixture } from '../support/federation-fixture';
import type { NodeProcess } from '../support/node-process';
import { namespaceTopics, readAllRecords } from '../support/topic-reader';
import { waitFor } from '../support/wait';
import { servicePolicyBody } from './policy-body';

const GUANGDONG = '440000';
const SHENZHEN = '440300';
const ZHEJIANG = '330000';
const HANGZHOU = '330100';
const MINUTE_MS = 60_000;

type PolicyView = ServicePolicyView;
type CalendarView = WorkingCalendarYearView;
interface SlaView {
  target: 'response' | 'restore';
  clock: string;
  targetMinutes: number;
  startedAt: string;
  dueAt: string;
  metAt: string | null;
  paused: boolean;
}
interface TicketView {
  id: string;
  ticketType: string;
  status: string;
  creationDate: string;
  expectedResolutionDate: string | null;
  restoredAt: string | null;
  resolutionDate: string | null;
  closedAt: string | null;
  mergedInto: string | null;
  reopenCount: number;
  sla: SlaView[];
  escalations: { status: string }[];
}
interface VisitView {
  dueAt: string;
  doneAt: string | null;
  satisfaction: number | null;
  state: string;
}
type Figures = Record<string, number | string | null>;
interface Report {
  rows: Figures[];
  rowCount: number;
  totals: Figures;
}

/** The figures a month of service quality counts, as the analytics name them. */
const COUNTED = [...SERVICE_QUALITY_FIGURES, 'complaintsOpened'] as const;

const monthOf = (iso: string | null): string | null => (iso ? shanghaiDate(new Date(iso)).slice(0, 7) : null);
const shanghaiMidnight = (date: string): number => Date.parse(`${date}T00:00:00+08:00`);
const weekday = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

/**
 * The tickets' truth of a city per month, from what its REST resource shows of each ticket: the
 * rules of the service-quality measure (docs/service-assurance/service-quality.md) applied to the
 * views, for tickets none of which is merged or stopped unmet.
 */
function truthOf(tickets: { view: TicketView; visits: VisitView[] }[]): Map<string, Record<string, number>> {
  const months = new Map<string, Record<string, number>>();
  const add = (month: string | null, figure: (typeof COUNTED)[number], amount = 1) => {
    if (!month) return;
    const row = months.get(month) ?? Object.fromEntries(COUNTED.map((f) => [f, 0]));
    row[figure]! += amount;
    months.set(month, row);
  };
  for (const { view: t, visits } of tickets) {
    add(monthOf(t.creationDate), 'opened');
    if (t.ticketType === 'complaint') add(monthOf(t.creationDate), 'complaintsOpened');
    add(monthOf(t.closedAt), 'closed');
    const response = t.sla.find((s) => s.target === 'response')!;
    add(monthOf(response.dueAt), 'responseDue');
    add(monthOf(response.dueAt), 'responseMet', response.metAt && response.metAt <= response.dueAt ? 1 : 0);
    const done = t.ticketType === 'fault' ? (t.restoredAt ?? t.resolutionDate) : t.resolutionDate;
    add(monthOf(t.expectedResolutionDate), 'restoreDue');
    const met = done && Date.parse(done) <= Date.parse(t.expectedResolutionDate!);
    add(monthOf(t.expectedResolutionDate), 'restoreMet', met ? 1 : 0);
    if (done) {
      add(monthOf(done), 'restoredCount');
      add(
        monthOf(done),
        'restoreMinutesSum',
        Math.floor((Date.parse(done) - Date.parse(t.creationDate)) / MINUTE_MS),
      );
    }
    const now = monthOf(new Date().toISOString());
    add(now, 'escalationsOpen', t.escalations.filter((e) => e.status === 'open').length);
    for (const v of visits.filter((x) => x.state !== 'cancelled')) {
      add(monthOf(v.dueAt), 'returnVisitsDue');
      add(monthOf(v.dueAt), 'returnVisitsDone', v.state === 'done' ? 1 : 0);
      if (v.satisfaction !== null) {
        add(monthOf(v.doneAt), 'satisfactionSum', v.satisfaction);
        add(monthOf(v.doneAt), 'satisfactionCount');
      }
    }
  }
  return months;
}

/**
 * Service assurance across two provinces, on the shared federation of
 * test/service-assurance/service-assurance.e2e-spec.ts: Guangdong's own complaint targets in force
 * at Shenzhen while Hangzhou works under CN's; CN's working-day calendar with today a holiday (and
 * a weekend tomorrow made a working day, 调休) holding a complaint's clock still until tomorrow
 * while a fault's 24×7 clock runs on; a complaint reopened at its return visit and closed at the
 * next; and Hangzhou's month of service quality at Zhejiang and at CN equal to what its tickets
 * show, with no reporter or return-visit comment leaving the city.
 *
 * Runs last: it leaves Guangdong's override and a calendar of this year in force.
 */
export const crossRegionCases = (fed: FederationFixture): void =>
  describe('service assurance across two provinces', () => {
    let cn: NodeProcess;
    let shenzhen: NodeProcess;
    let hangzhou: NodeProcess;
    const desks: Record<string, string> = {};
    const customers: Record<string, string> = {};
    const tag = Date.now().toString(36);
    const secrets = { name: `回访客户${tag}`, phone: '13911112222', comment: `仍然掉线，机房在${tag}楼` };
    const today = shanghaiDate(new Date());
    const tomorrow = addDays(today, 1);
    const hangzhouTickets: string[] = [];

    const nodeOf = (code: string) => (code === SHENZHEN ? shenzhen : hangzhou);
    const ticket = (code: string, id: string) =>
      nodeOf(code).get<TicketView>(`/api/v1/trouble-tickets/${id}`, desks[code]);

    async function open(code: string, ticketType: string, severity = 'major'): Promise<TicketView> {
      const res = await nodeOf(code).request<TicketView>('POST', '/api/v1/trouble-tickets', {
        token: desks[code]!,
        body: {
          ticketType,
          severity,
          name: `${ticketType} ${tag}`,
          description: '客户来电',
          channel: 'phone',
          customerId: customers[code],
          reporterName: secrets.name,
          reporterPhone: secrets.phone,
        },
      });
      if (res.status !== 201) throw new Error(`POST trouble ticket at ${code}: ${res.status} ${res.text}`);
      if (code === HANGZHOU) hangzhouTickets.push(res.body.id);
      return ticket(code, res.body.id);
    }

    async function patch(code: string, id: string, body: Record<string, unknown>): Promise<void> {
      const res = await nodeOf(code).request('PATCH', `/api/v1/trouble-tickets/${id}`, {
        token: desks[code]!,
        body,
        headers: { 'content-type': 'application/merge-patch+json' },
      });
      if (res.status !== 200) throw new Error(`PATCH ${JSON.stringify(body)}: ${res.status} ${res.text}`);
    }
    const move = (code: string, id: string, status: string) =>
      patch(code, id, { status, statusChangeReason: `to ${status}` });

    async function visit(code: string, id: string, body: Record<string, unknown>): Promise<void> {
      const res = await nodeOf(code).request('POST', `/api/v1/trouble-tickets/${id}/return-visit`, {
        token: desks[code]!,
        body,
      });
      if (res.status !== 201) throw new Error(`return visit: ${res.status} ${res.text}`);
    }
    const visits = (code: string, id: string) =>
      nodeOf(code).get<VisitView[]>(`/api/v1/trouble-tickets/${id}/return-visits`, desks[code]);

    const targetOf = (policy: PolicyView, ticketType: string, severity: string) =>
      policy.targets.find((t) => t.ticketType === ticketType && t.severity === severity && t.grade === 'B')!;

    beforeAll(async () => {
      cn = fed.node('CN');
      shenzhen = fed.node(SHENZHEN);
      hangzhou = fed.node(HANGZHOU);
      for (const code of [SHENZHEN, HANGZHOU]) {
        desks[code] = await tokenFor({ roles: 'service_desk', node: code, subject: `desk-${tag}@${code}` });
        const admin = await tokenFor({ roles: 'city_admin', node: code });
        const created = await nodeOf(code).request<{ id: string }>('POST', '/api/v1/customers', {
          token: admin,
          body: customerBody({ grade: 'B', classes: [], creditCode: creditCode(code) }),
        });
        expect(created.status).toBe(201);
        const active = await nodeOf(code).request(
          'POST',
          `/api/v1/customers/${created.body.id}/status-changes`,
          {
            token: admin,
            body: { status: 'active' },
          },
        );
        expect(active.status).toBe(201);
        customers[code] = created.body.id;
      }
    }, 60_000);

    it("times Shenzhen's complaints by Guangdong's override and Hangzhou's by CN's policy; a holiday holds the working-day clock, not the fault's", async () => {
      // Guangdong answers complaints of grade B within 7 minutes; Zhejiang has no policy of its own.
      const provinceAdmin = await tokenFor({ roles: 'province_admin', node: GUANGDONG });
      const inForce = await fed.node(GUANGDONG).get<PolicyView>('/api/v1/service-policy', provinceAdmin);
      const override = await fed.node(GUANGDONG).request<PolicyView>('PUT', '/api/v1/service-policy', {
        token: provinceAdmin,
        body: servicePolicyBody({
          ...inForce,
          targets: inForce.targets.map((t) =>
            t.ticketType === 'complaint' && t.severity === 'major' && t.grade === 'B'
              ? { ...t, responseMinutes: 7 }
              : t,
          ),
        }),
      });
      expect([override.status, override.text]).toEqual([200, expect.any(String)]);

      // CN's calendar of this year: today a holiday, tomorrow a working day (made one if a weekend).
      const hq = await tokenFor({ roles: 'hq_admin', node: 'CN' });
      const year = Number(today.slice(0, 4));
      const weekendTomorrow = tomorrow.startsWith(`${year}`) && [0, 6].includes(weekday(tomorrow));
      const calendar = await cn.request<CalendarView>('PUT', '/api/v1/working-calendar', {
        token: hq,
        body: { year, holidays: [today], makeUpWorkdays: weekendTomorrow ? [tomorrow] : [] },
      });
      expect([calendar.status, calendar.text]).toEqual([200, expect.any(String)]);

      const policies: Record<string, PolicyView> = {};
      for (const code of [SHENZHEN, HANGZHOU]) {
        const admin = await tokenFor({ roles: 'city_admin', node: code });
        policies[code] = await waitFor(
          `the policy and calendar in force at ${code}`,
          async () => {
            const [policy, years] = await Promise.all([
              nodeOf(code).get<PolicyView>('/api/v1/service-policy', admin),
              nodeOf(code).get<CalendarView[]>('/api/v1/working-calendar', admin),
            ]);
            return { policy, inForce: years.find((y) => y.year === year) };
          },
          ({ policy, inForce: y }) =>
            y?.version === calendar.body.version &&
            (code === SHENZHEN
              ? policy.issuer === GUANGDONG && policy.version === override.body.version
              : true),
        ).then((r) => r.policy);
      }
      expect(policies[HANGZHOU]!.issuer).toBe('CN');
      const complaintAt = (code: string) => targetOf(policies[code]!, 'complaint', 'major');
      expect(complaintAt(SHENZHEN).responseMinutes).toBe(7);
      expect(complaintAt(HANGZHOU).responseMinutes).not.toBe(7);
      expect(complaintAt(HANGZHOU).clock).toBe('workingDays');

      // The next working day after today, under the calendars in force (next year's included).
      const admin = await tokenFor({ roles: 'city_admin', node: HANGZHOU });
      const years = await hangzhou.get<CalendarView[]>('/api/v1/working-calendar', admin);
      const working = (d: string) => {
        const y = years.find((c) => c.year === Number(d.slice(0, 4)));
        if (y?.holidays.includes(d)) return false;
        if (y?.makeUpWorkdays.includes(d)) return true;
        return ![0, 6].includes(weekday(d));
      };
      let resumes = tomorrow;
      while (!working(resumes)) resumes = addDays(resumes, 1);

      for (const code of [SHENZHEN, HANGZHOU]) {
        const complaint = await open(code, 'complaint');
        const response = complaint.sla.find((s) => s.target === 'response')!;
        const minutes = complaintAt(code).responseMinutes;
        expect(minutes).toBeLessThan(24 * 60);
        expect({
          code,
          clock: response.clock,
          targetMinutes: response.targetMinutes,
          dueAt: response.dueAt,
        }).toEqual({
          code,
          clock: 'workingDays',
          targetMinutes: minutes,
          dueAt: new Date(shanghaiMidnight(resumes) + minutes * MINUTE_MS).toISOString(),
        });
      }
      const fault = await open(HANGZHOU, 'fault');
      const restore = fault.sla.find((s) => s.target === 'restore')!;
      expect(restore.clock).toBe('continuous');
      expect(Date.parse(restore.dueAt) - Date.parse(restore.startedAt)).toBe(
        targetOf(policies[HANGZHOU]!, 'fault', 'major').restoreMinutes * MINUTE_MS,
      );
      expect(fault.expectedResolutionDate).toBe(restore.dueAt);
    });

    it('reopens a complaint the customer rejects at the return visit, its clock running again, and closes it at the next', async () => {
      const [complaintId, faultId] = hangzhouTickets;
      await move(HANGZHOU, complaintId!, 'inProgress');
      await move(HANGZHOU, complaintId!, 'resolved');
      const [first] = await visits(HANGZHOU, complaintId!);
      expect(first).toMatchObject({ state: 'open', doneAt: null });
      const resolved = await ticket(HANGZHOU, complaintId!);
      const policy = await hangzhou.get<PolicyView>(
        '/api/v1/service-policy',
        await tokenFor({ roles: 'city_admin', node: HANGZHOU }),
      );
      expect(Date.parse(first!.dueAt) - Date.parse(resolved.resolutionDate!)).toBe(
        policy.returnVisitDays * 24 * 60 * MINUTE_MS,
      );

      await visit(HANGZHOU, complaintId!, { satisfaction: 2, confirmed: false, comment: secrets.comment });
      const reopened = await ticket(HANGZHOU, complaintId!);
      expect(reopened).toMatchObject({ status: 'inProgress', reopenCount: 1, resolutionDate: null });
      const resolve = reopened.sla.find((s) => s.target === 'restore')!;
      expect({ metAt: resolve.metAt, paused: resolve.paused }).toEqual({ metAt: null, paused: false });

      await move(HANGZHOU, complaintId!, 'resolved');
      await visit(HANGZHOU, complaintId!, { satisfaction: 5, confirmed: true });
      const closed = await ticket(HANGZHOU, complaintId!);
      expect(closed.status).toBe('closed');
      expect((await visits(HANGZHOU, complaintId!)).map((v) => [v.state, v.satisfaction])).toEqual([
        ['done', 2],
        ['done', 5],
      ]);

      // The fault: restored, resolved, confirmed; an inquiry stays open.
      await move(HANGZHOU, faultId!, 'inProgress');
      await patch(HANGZHOU, faultId!, { restoredAt: new Date().toISOString() });
      await move(HANGZHOU, faultId!, 'resolved');
      await visit(HANGZHOU, faultId!, { satisfaction: 3, confirmed: true });
      expect((await ticket(HANGZHOU, faultId!)).status).toBe('closed');
      await open(HANGZHOU, 'inquiry', 'minor');
    });

    it("answers Hangzhou's months at Zhejiang and at CN equal to its tickets' truth", async () => {
      const truth = truthOf(
        await Promise.all(
          hangzhouTickets.map(async (id) => ({
            view: await ticket(HANGZHOU, id),
            visits: await visits(HANGZHOU, id),
          })),
        ),
      );
      const months = [...truth.keys()].sort();
      expect(months.length).toBeGreaterThan(0);
      const expected = months.map((month) => ({ month, ...truth.get(month) }));
      const query = `groupBy=month&city=${HANGZHOU}&from=${months[0]}&to=${months[months.length - 1]}`;
      const counted = (report: Report) =>
        report.rows.map((r) => ({ month: r.month, ...Object.fromEntries(COUNTED.map((f) => [f, r[f]])) }));
      const readers: [NodeProcess, string][] = [
        [cn, await tokenFor({ roles: 'hq_analyst', node: 'CN' })],
        [fed.node(ZHEJIANG), await tokenFor({ roles: 'province_analyst', node: ZHEJIANG })],
      ];
      for (const [node, token] of readers) {
        await waitFor(
          `Hangzhou's service quality at ${node.spec.code} equal to its tickets`,
          () => node.get<Report>(`/api/v1/analytics/service-quality?${query}`, token),
          (report) => JSON.stringify(counted(report)) === JSON.stringify(expected),
          60_000,
          200,
        ).catch(async (error: unknown) => {
          const report = await node.get<Report>(`/api/v1/analytics/service-quality?${query}`, token);
          expect(counted(report)).toEqual(expected);
          throw error;
        });
      }
    });

    it("keeps the reporter and the customer's words at the return visit in Hangzhou", async () => {
      const outside = (await namespaceTopics(fed.namespace)).filter(
        (t) => ![SHENZHEN, HANGZHOU].some((code) => t.startsWith(`${fed.namespace}.${code}.`)),
      );
      let reports = 0;
      for (const topic of outside) {
        for (const record of await readAllRecords(topic)) {
          if (record.headers['kaf-type']?.toString() === 'kaf.federation.v1.FiguresReported') reports += 1;
          const text = [record.value.toString('utf8'), record.key?.toString('utf8') ?? ''].join(' ');
          for (const needle of Object.values(secrets))
            expect(text.includes(needle) ? `${topic}: ${needle}` : '').toBe('');
        }
      }
      expect(reports).toBeGreaterThan(0);
    });
  });
