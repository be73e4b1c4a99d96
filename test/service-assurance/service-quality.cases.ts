import { randomUUID } from 'node:crypto';
import { billingMonth } from '../rollups/rollup-builders';
import { tokenFor } from '../support/auth';
import { creditCode, customerBody } from '../support/builders';
import { expectEvery } from '../support/expectations';
import type { FederationFixture } from '../support/federation-fixture';
import type { NodeProcess } from '../support/node-process';
import { namespaceTopics, readAllRecords } from '../support/topic-reader';
import { waitFor } from '../support/wait';

const PROVINCE = '440000';
const SHENZHEN = '440300';
const GUANGZHOU = '440100';
const MONTH = billingMonth();
const LAST_MONTH = billingMonth(-1);
const MEASURE = 'service-quality';

interface RunView {
  id: string;
  measure: string;
  status: string;
  children: {
    node: string;
    answered: boolean;
    differences: unknown[];
    resyncRequested: { months: string[] } | null;
  }[];
}

type Figures = Record<string, number | string | null>;
interface Report {
  rows: Figures[];
  rowCount: number;
  totals: Figures;
  errors?: { field: string }[];
}

/** A ticket as written here into the city's `trouble_ticket`; times in Shanghai. */
interface Ticket {
  customer: string;
  type: 'fault' | 'complaint' | 'inquiry';
  severity: 'critical' | 'major' | 'minor';
  status: string;
  created: string;
  due?: string;
  restored?: string;
  resolved?: string;
  closed?: string;
  mergedInto?: string;
  /** The first-response clock: due, and met when. */
  response?: { due: string; met?: string };
  /** An escalation raised for the ticket at its breach, still open. */
  escalatedAt?: string;
  /** Its return visit: due when, done when with what score. */
  visit?: { due: string; done?: string; satisfaction?: number };
}

const at = (month: string, dayTime: string): string => `${month}-${dayTime}+08:00`;

/**
 * Service quality reported upward, CN, one province (440000) and two of its cities (Shenzhen
 * 440300, Guangzhou 440100) as real processes: the tickets' truth at the cities reaches CN's
 * `GET /api/v1/analytics/service-quality` figure for figure, a reconciliation of the measure at
 * the province and at CN finds no difference, and nothing personal on the tickets leaves a city.
 *
 * The tickets are written here straight into `trouble_ticket` (a duplicate marked merged), with
 * two first-response clocks in `ticket_sla_clock`, one escalation in `raised_escalation` and two
 * return visits in `ticket_return_visit`: the measure's arithmetic needs restores of hours and a
 * ticket of last month, which no suite can wait for. Tickets worked through the REST resource and
 * counted at CN are the cross-region suite's (test/service-assurance/cross-region.cases.ts).
 * What carries them upward is the
 * nodes' own: a reconciliation of `service-quality` at the province finds the cities' months it
 * lacks and asks for them again; the cities mark those months, their reporters send them, the
 * province keeps them and reports them on to CN.
 *
 * Runs first on the federation of test/service-assurance/service-assurance.e2e-spec.ts, on the fresh
 * nodes: its figures count every ticket, clock and raised escalation of the two cities.
 */
export const serviceQualityCases = (fed: FederationFixture): void =>
  describe('service quality reported upward', () => {
    let cn: NodeProcess;
    let province: NodeProcess;
    const cities: Record<string, NodeProcess> = {};
    const tag = Date.now().toString(36);
    const reporter = { name: `隐私报告人${tag}`, phone: '13700001234', words: `机房钥匙在${tag}前台` };

    async function customer(city: string, grade: string): Promise<string> {
      const admin = await tokenFor({ roles: 'city_admin', node: city });
      const res = await cities[city]!.request<{ id: string }>('POST', '/api/v1/customers', {
        token: admin,
        body: customerBody({ grade, creditCode: creditCode(city) }),
      });
      expect(res.status).toBe(201);
      const active = await cities[city]!.request('POST', `/api/v1/customers/${res.body.id}/status-changes`, {
        token: admin,
        body: { status: 'active' },
      });
      expect(active.status).toBe(201);
      return res.body.id;
    }

    async function put(city: string, tickets: (Ticket & { id?: string })[]): Promise<void> {
      for (const ticket of tickets) {
        const t = { ...ticket, id: ticket.id ?? randomUUID() };
        await fed.sql(
          city,
          `INSERT INTO trouble_ticket
           (id, city_code, customer_id, ticket_type, severity, priority, status, name, description, channel,
            reporter_name, reporter_phone, created_by, created_at, expected_resolution_date, restored_at,
            resolution_date, closed_at, merged_into)
         VALUES ($1, $2, $3, $4, $5, 'high', $6, $7, $8, 'phone', $9, $10, 'e2e', $11, $12, $13, $14, $15, $16)`,
          [
            t.id,
            city,
            t.customer,
            t.type,
            t.severity,
            t.status,
            `专线中断 ${reporter.name}`,
            `${reporter.name} ${reporter.phone}: ${reporter.words}`,
            reporter.name,
            reporter.phone,
            t.created,
            t.due ?? null,
            t.restored ?? null,
            t.resolved ?? null,
            t.closed ?? null,
            t.mergedInto ?? null,
          ],
        );
        if (t.response) {
          await fed.sql(
            city,
            `INSERT INTO ticket_sla_clock
             (id, ticket_id, target, clock, target_minutes, started_at, due_at, met_at, grade, group_member,
              policy_issuer, policy_version)
           VALUES ($1, $2, 'response', 'continuous', 30, $3, $4, $5, 'A', false, 'CN', 1)`,
            [randomUUID(), t.id, t.created, t.response.due, t.response.met ?? null],
          );
        }
        if (t.visit) {
          await fed.sql(
            city,
            `INSERT INTO ticket_return_visit
             (id, ticket_id, owner_staff_id, due_at, done_at, satisfaction, confirmed, state, created_at)
           VALUES ($1, $2, 'SD-e2e', $3, $4, $5, $6, $7, $8)`,
            [
              randomUUID(),
              t.id,
              t.visit.due,
              t.visit.done ?? null,
              t.visit.satisfaction ?? null,
              t.visit.done ? true : null,
              t.visit.done ? 'done' : 'open',
              t.resolved ?? t.created,
            ],
          );
        }
        if (t.escalatedAt) {
          await fed.sql(
            city,
            `INSERT INTO raised_escalation
             (id, subject_type, subject_id, case_id, reason, holder_node, due_at, breached_at, facts, status, raised_at)
           VALUES ($1, 'ticket', $2, $2, 'restoreBreach', $3, $4, $4, '{}', 'open', $4)`,
            [randomUUID(), t.id, PROVINCE, t.escalatedAt],
          );
        }
      }
    }

    async function reconcile(node: NodeProcess, token: string): Promise<RunView> {
      const res = await node.request<RunView>('POST', '/api/v1/reconciliations', {
        token,
        body: { measure: MEASURE, from: LAST_MONTH, to: MONTH },
      });
      expect(res.status).toBe(202);
      return waitFor(
        `the service-quality reconciliation ${res.body.id} at ${node.spec.code}`,
        () => node.get<RunView>(`/api/v1/reconciliations/${res.body.id}`, token),
        (run) => run.status !== 'running',
        60_000,
        200,
      );
    }

    const quality = (node: NodeProcess, token: string, query: string) =>
      node.request<Report>('GET', `/api/v1/analytics/service-quality?${query}`, { token });

    beforeAll(async () => {
      cn = fed.node('CN');
      province = fed.node(PROVINCE);
      cities[SHENZHEN] = fed.node(SHENZHEN);
      cities[GUANGZHOU] = fed.node(GUANGZHOU);

      const [a, b, c] = [
        await customer(SHENZHEN, 'A'),
        await customer(SHENZHEN, 'B'),
        await customer(GUANGZHOU, 'C'),
      ];
      const kept = randomUUID();
      await put(SHENZHEN, [
        // Restored in 120 minutes, within its 4 hours; closed.
        {
          customer: a,
          type: 'fault',
          severity: 'critical',
          status: 'closed',
          created: at(MONTH, '01T00:00:00'),
          due: at(MONTH, '01T04:00:00'),
          response: { due: at(MONTH, '01T00:30:00'), met: at(MONTH, '01T00:20:00') },
          restored: at(MONTH, '01T02:00:00'),
          resolved: at(MONTH, '01T02:30:00'),
          closed: at(MONTH, '01T03:00:00'),
        },
        // Restored after 360 minutes, two hours late.
        {
          customer: a,
          type: 'fault',
          severity: 'critical',
          status: 'resolved',
          created: at(MONTH, '01T01:00:00'),
          due: at(MONTH, '01T05:00:00'),
          response: { due: at(MONTH, '01T01:30:00'), met: at(MONTH, '01T02:00:00') },
          restored: at(MONTH, '01T07:00:00'),
          resolved: at(MONTH, '01T07:00:00'),
          visit: { due: at(MONTH, '02T07:00:00') },
        },
        // A complaint resolved in 90 minutes and closed.
        {
          customer: b,
          type: 'complaint',
          severity: 'major',
          status: 'closed',
          created: at(MONTH, '01T02:00:00'),
          due: at(MONTH, '02T02:00:00'),
          resolved: at(MONTH, '01T03:30:00'),
          closed: at(MONTH, '01T04:00:00'),
          visit: { due: at(MONTH, '02T03:30:00'), done: at(MONTH, '01T04:00:00'), satisfaction: 4 },
        },
        // A complaint still open, and its duplicate merged into it (which counts nothing).
        {
          id: kept,
          customer: b,
          type: 'complaint',
          severity: 'minor',
          status: 'inProgress',
          created: at(MONTH, '01T03:00:00'),
        },
        {
          customer: b,
          type: 'complaint',
          severity: 'minor',
          status: 'cancelled',
          created: at(MONTH, '01T03:05:00'),
          mergedInto: kept,
        },
      ]);
      await put(GUANGZHOU, [
        // Last month: an inquiry answered in 30 minutes, closed the next day.
        {
          customer: c,
          type: 'inquiry',
          severity: 'minor',
          status: 'closed',
          created: at(LAST_MONTH, '10T09:00:00'),
          resolved: at(LAST_MONTH, '10T09:30:00'),
          closed: at(LAST_MONTH, '11T09:00:00'),
        },
        // This month: a fault past its target, not restored.
        {
          customer: c,
          type: 'fault',
          severity: 'major',
          status: 'inProgress',
          created: at(MONTH, '01T00:30:00'),
          due: at(MONTH, '01T04:30:00'),
          escalatedAt: at(MONTH, '01T04:30:00'),
        },
      ]);
    }, 60_000);

    it("brings both cities' months to CN through a reconciliation at the province that finds them missing", async () => {
      const run = await reconcile(province, await tokenFor({ roles: 'province_admin', node: PROVINCE }));
      expect(run.measure).toBe(MEASURE);
      expect(run.children.find((c) => c.node === SHENZHEN)).toMatchObject({
        answered: true,
        resyncRequested: { months: [MONTH] },
      });
      expect(run.children.find((c) => c.node === GUANGZHOU)).toMatchObject({
        answered: true,
        resyncRequested: { months: [LAST_MONTH, MONTH] },
      });
      const hq = await tokenFor({ roles: 'hq_analyst', node: 'CN' });
      await waitFor(
        'both cities’ months at CN',
        () => quality(cn, hq, `groupBy=city,month&from=${LAST_MONTH}&to=${MONTH}`),
        (res) => res.status === 200 && res.body.rowCount === 3 && res.body.totals.opened === 6,
        60_000,
        200,
      );
    });

    it("answers CN's figures equal to the tickets' truth, and the province's the same", async () => {
      const hq = await tokenFor({ roles: 'hq_analyst', node: 'CN' });
      const analyst = await tokenFor({ roles: 'province_analyst', node: PROVINCE });
      const month = `from=${MONTH}&to=${MONTH}`;
      const atCn = await quality(cn, hq, month);
      expect(atCn.status).toBe(200);
      expect(atCn.body.totals).toEqual({
        opened: 5,
        closed: 2,
        responseDue: 2,
        responseMet: 1,
        restoreDue: 4,
        restoreMet: 2,
        restoredCount: 3,
        restoreMinutesSum: 570,
        escalationsOpen: 1,
        returnVisitsDue: 2,
        returnVisitsDone: 1,
        satisfactionSum: 4,
        satisfactionCount: 1,
        complaintsOpened: 2,
        activeCustomers: 3,
        responseCompliancePct: 50,
        restoreCompliancePct: 50,
        meanTimeToRestoreMinutes: 190,
        returnVisitCoveragePct: 50,
        meanSatisfaction: 4,
        complaintsPer100Customers: 66.67,
      });
      expect((await quality(province, analyst, month)).body.totals).toEqual(atCn.body.totals);

      const byCity = await quality(cn, hq, `groupBy=province,city&${month}&compare=mom`);
      expect(
        byCity.body.rows.map((r) => [
          r.province,
          r.city,
          r.opened,
          r.escalationsOpen,
          r.responseCompliancePct,
          r.restoreCompliancePct,
          r.meanTimeToRestoreMinutes,
          r.complaintsPer100Customers,
          (r.mom as unknown as Figures).opened,
          (r.mom as unknown as Figures).meanTimeToRestoreMinutes,
        ]),
      ).toEqual([
        [PROVINCE, GUANGZHOU, 1, 1, null, 0, null, 0, 1, 30],
        [PROVINCE, SHENZHEN, 4, 0, 50, 66.7, 190, 100, 0, null],
      ]);

      // The city answers its own figures, computed now, the same as CN holds for it.
      const cityAdmin = await tokenFor({ roles: 'city_admin', node: SHENZHEN });
      const atCity = await quality(cities[SHENZHEN]!, cityAdmin, `${month}&compare=mom`);
      expect(atCity.status).toBe(200);
      const shenzhenAtCn = byCity.body.rows.find((r) => r.city === SHENZHEN)!;
      const { province: _p, provinceName: _pn, city: _c, cityName: _cn, ...shenzhenFigures } = shenzhenAtCn;
      expect({ ...atCity.body.totals, mom: shenzhenFigures.mom }).toEqual(shenzhenFigures);
      const cityByType = await quality(cities[SHENZHEN]!, cityAdmin, `groupBy=ticketType,grade&${month}`);

      const byType = await quality(cn, hq, `groupBy=ticketType,grade&${month}&city=${SHENZHEN}`);
      expect(cityByType.body.rows).toEqual(byType.body.rows);
      expect(
        byType.body.rows.map((r) => [r.ticketType, r.grade, r.opened, r.closed, r.activeCustomers]),
      ).toEqual([
        ['complaint', 'B', 2, 1, null],
        ['fault', 'A', 2, 1, null],
      ]);
      expect(byType.body.totals.complaintsPer100Customers).toBeNull();
      const paged = await quality(cn, hq, `groupBy=city,month&from=${LAST_MONTH}&to=${MONTH}&limit=1`);
      expect([paged.body.rows.length, paged.body.rowCount]).toEqual([1, 3]);

      const refusals: [NodeProcess, string, string, string][] = [
        [province, analyst, 'groupBy=province', 'groupBy'],
        [province, analyst, `province=${PROVINCE}`, 'province'],
        [cn, hq, 'groupBy=industry', 'groupBy'],
        [cn, hq, 'ticketType=outage', 'ticketType'],
        [cn, hq, 'grade=D', 'grade'],
        [cn, hq, 'city=110100', 'city'],
        [cn, hq, 'from=2026-13', 'from'],
        [cities[SHENZHEN]!, cityAdmin, 'groupBy=city', 'groupBy'],
        [cities[SHENZHEN]!, cityAdmin, 'severity=urgent', 'severity'],
      ];
      for (const [node, token, query, field] of refusals) {
        const res = await quality(node, token, query);
        expect([query, res.status, res.body.errors?.map((e) => e.field)]).toEqual([query, 400, [field]]);
      }
    });

    it('reconciles the measure by totals at the province and at CN without a difference', async () => {
      const provinceRun = await reconcile(
        province,
        await tokenFor({ roles: 'province_admin', node: PROVINCE }),
      );
      const cnRun = await reconcile(cn, await tokenFor({ roles: 'hq_admin', node: 'CN' }));
      for (const [run, children] of [
        [provinceRun, [SHENZHEN, GUANGZHOU]],
        [cnRun, [PROVINCE]],
      ] as const) {
        for (const child of children) {
          expect(run.children.find((c) => c.node === child)).toMatchObject({
            answered: true,
            differences: [],
          });
        }
        expectEvery(run.children, (c) => c.differences.length === 0, 'a child without a difference');
      }
    });

    it("carries none of the tickets' personal data out of the cities", async () => {
      const outside = (await namespaceTopics(fed.namespace)).filter(
        (t) =>
          !t.startsWith(`${fed.namespace}.${SHENZHEN}.`) && !t.startsWith(`${fed.namespace}.${GUANGZHOU}.`),
      );
      const needles = [reporter.name, reporter.phone, reporter.words];
      let reports = 0;
      for (const topic of outside) {
        for (const record of await readAllRecords(topic)) {
          if (record.headers['kaf-type']?.toString() === 'kaf.federation.v1.FiguresReported') reports += 1;
          const texts = [
            record.value.toString('utf8'),
            record.key?.toString('utf8') ?? '',
            ...Object.values(record.headers).map((h) => String(h)),
          ];
          for (const needle of needles) {
            for (const text of texts) expect(text.includes(needle) ? `${topic}: ${needle}` : '').toBe('');
          }
        }
      }
      // The scan saw the upward reports: the cities' months to the province and its slices to CN.
      expect(reports).toBeGreaterThanOrEqual(3);
      const columns = await fed.sql<{ column_name: string }>(
        'CN',
        `SELECT column_name FROM information_schema.columns WHERE table_name LIKE 'service_quality_%'`,
      );
      expectEvery(
        columns.map((c) => c.column_name),
        (name) => !/name|phone|reporter|description|customer_id/.test(name),
        'a column of the copy that names no personal data',
      );
    });
  });
