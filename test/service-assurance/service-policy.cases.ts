import type { ServicePolicyView, SlaTargetView, WorkingCalendarYearView } from '@kaf/service-policy';
import { tokenFor } from '../support/auth';
import type { FederationFixture } from '../support/federation-fixture';
import type { NodeProcess } from '../support/node-process';
import { waitFor } from '../support/wait';
import { servicePolicyBody } from './policy-body';

type PolicyView = ServicePolicyView;
type CalendarYearView = WorkingCalendarYearView;
interface Problem {
  errors?: { field: string; message: string }[];
}

const POLICY = '/api/v1/service-policy';
const CALENDAR = '/api/v1/working-calendar';

/** 2027's Spring Festival as it might be announced: 5–11 February off, two Saturdays worked. */
const YEAR_2027 = {
  year: 2027,
  holidays: ['2027-01-01', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'],
  makeUpWorkdays: ['2027-01-30', '2027-02-20'],
};

/**
 * CN, Guangdong and Shenzhen as real processes. CN publishes a service policy and the 2027
 * working calendar; Shenzhen shows both in force, with their provenance. Guangdong sets its own
 * policy: Shenzhen shows the override (CN keeps its own, so another province's cities would not
 * see it); withdrawn, CN's is back. Bad bodies are refused naming the field; a city cannot publish.
 * Runs on the federation of test/service-assurance/service-assurance.e2e-spec.ts before any other suite publishes a
 * policy or calendar: it counts every publication and its audit entries. It leaves CN's version 1
 * in force and Guangdong's override withdrawn.
 */
export const servicePolicyCases = (fed: FederationFixture): void =>
  describe('service policy and working calendar, published downward', () => {
    let national: NodeProcess;
    let province: NodeProcess;
    let city: NodeProcess;
    const hqAdmin = () => tokenFor({ roles: 'hq_admin', node: 'CN', subject: 'HQ0001' });
    const provinceAdmin = () => tokenFor({ roles: 'province_admin', node: '440000', subject: 'GD0001' });
    const reader = () => tokenFor({ roles: 'city_admin', node: '440300' });

    beforeAll(() => {
      national = fed.node('CN');
      province = fed.node('440000');
      city = fed.node('440300');
    });

    const put = async (node: NodeProcess, path: string, body: unknown, token: string) =>
      node.request<Problem>('PUT', path, { token, body });
    const policyAt = async (node: NodeProcess) =>
      node.get<PolicyView>(POLICY, node === city ? await reader() : await hqAdmin());
    const row = (p: PolicyView, ticketType: string, severity: string, grade: string) =>
      p.targets.find((t) => t.ticketType === ticketType && t.severity === severity && t.grade === grade);
    const waitForPolicy = (node: NodeProcess, issuer: string, version: string) =>
      waitFor(
        `${issuer} v${version} in force at ${node.spec.code}`,
        () => policyAt(node),
        (p) => p.issuer === issuer && p.version === version,
      );
    const documentRows = (code: string) =>
      fed.count(
        code,
        `SELECT count(*)::int AS n FROM document_version WHERE document IN ('service-policy', 'working-calendar')`,
      );
    const audit = (code: string) =>
      fed.sql<{ action: string; actor_subject: string; resource_id: string }>(
        code,
        `SELECT action, actor_subject, resource_id FROM audit_entry
        WHERE resource_type IN ('service-policy', 'working-calendar') ORDER BY occurred_at`,
      );
    let defaults: PolicyView;

    it('serves the built-in defaults at every node until a policy is published', async () => {
      defaults = await policyAt(city);
      expect(defaults).toMatchObject({
        issuer: 'defaults',
        version: '0',
        source: 'defaults',
        updatedAt: null,
      });
      expect(defaults.targets).toHaveLength(36);
      expect(row(defaults, 'fault', 'critical', 'A')).toMatchObject({ clock: 'continuous' });
      expect(row(defaults, 'complaint', 'minor', 'C')).toMatchObject({ clock: 'workingDays' });
      expect(await city.get<CalendarYearView[]>(CALENDAR, await reader())).toEqual([]);
    });

    it('refuses bad bodies naming the field, and a publication anywhere but where it belongs, writing nothing', async () => {
      const hq = await hqAdmin();
      const good = { ...policyBody(defaults.targets), returnVisitDays: 2 };
      const cases: [unknown, string][] = [
        [{ ...good, targets: good.targets.slice(1) }, 'targets'],
        [
          { ...good, targets: [{ ...good.targets[0]!, clock: 'hourly' }, ...good.targets.slice(1)] },
          'targets.0.clock',
        ],
        [
          { ...good, targets: [{ ...good.targets[0]!, restoreMinutes: 1 }, ...good.targets.slice(1)] },
          'targets.0.restoreMinutes',
        ],
        [{ ...good, autoCloseDays: 0 }, 'autoCloseDays'],
        [{ ...good, faultCheckAnswerMinutes: '30' }, 'faultCheckAnswerMinutes'],
      ];
      for (const [body, field] of cases) {
        const res = await put(national, POLICY, body, hq);
        expect({ field, status: res.status }).toEqual({ field, status: 400 });
        expect(res.headers.get('content-type')).toContain('application/problem+json');
        expect(res.body.errors?.map((e) => e.field)).toContain(field);
      }
      for (const [body, field] of [
        [{ ...YEAR_2027, holidays: ['2026-12-31'] }, 'holidays.0'],
        [{ ...YEAR_2027, makeUpWorkdays: ['2027-02-05'] }, 'makeUpWorkdays.0'],
        [{ ...YEAR_2027, makeUpWorkdays: ['2027-02-15'] }, 'makeUpWorkdays.0'],
        [{ ...YEAR_2027, year: '2027' }, 'year'],
      ] as const) {
        const res = await put(national, CALENDAR, body, hq);
        expect({ field, status: res.status }).toEqual({ field, status: 400 });
        expect(res.body.errors?.map((e) => e.field)).toContain(field);
      }

      // A city sets neither: its staff lack the function, and HQ's own token is refused there too.
      const cityAdmin = await tokenFor({ roles: 'city_admin', node: '440300' });
      expect((await put(city, POLICY, good, cityAdmin)).status).toBe(403);
      expect((await put(city, POLICY, good, hq)).status).toBe(403);
      expect((await put(city, CALENDAR, YEAR_2027, hq)).status).toBe(403);
      // The calendar is national only; a province analyst sets no policy.
      expect((await put(province, CALENDAR, YEAR_2027, await provinceAdmin())).status).toBe(403);
      const analyst = await tokenFor({ roles: 'province_analyst', node: '440000' });
      expect((await put(province, POLICY, good, analyst)).status).toBe(403);

      for (const code of ['CN', '440000', '440300']) {
        expect(await documentRows(code)).toBe(0);
        expect(await audit(code)).toEqual([]);
      }
    });

    it("shows CN's policy and 2027 calendar in force at the city, with their provenance", async () => {
      const hq = await hqAdmin();
      const targets = defaults.targets.map((t) =>
        t.ticketType === 'fault' && t.severity === 'critical' && t.grade === 'A'
          ? { ...t, responseMinutes: 10, restoreMinutes: 180 }
          : t,
      );
      const set = await put(national, POLICY, { ...policyBody(targets), returnVisitDays: 2 }, hq);
      expect(set.status).toBe(200);
      expect(set.body).toMatchObject({ issuer: 'CN', version: '1', source: 'national', returnVisitDays: 2 });
      // The same figures again change nothing: no version 2.
      expect(
        (await put(national, POLICY, { ...policyBody(targets), returnVisitDays: 2 }, hq)).body,
      ).toMatchObject({
        version: '1',
      });
      const year = await put(national, CALENDAR, YEAR_2027, hq);
      expect(year.status).toBe(200);
      expect(year.body).toMatchObject({ year: 2027, issuer: 'CN', version: '1', source: 'national' });
      expect(await audit('CN')).toEqual([
        { action: 'service-policy.update', actor_subject: 'HQ0001', resource_id: 'CN' },
        { action: 'working-calendar.update', actor_subject: 'HQ0001', resource_id: '2027' },
      ]);

      const atCity = await waitForPolicy(city, 'CN', '1');
      expect(atCity).toMatchObject({ source: 'published', returnVisitDays: 2 });
      expect(row(atCity, 'fault', 'critical', 'A')).toMatchObject({
        responseMinutes: 10,
        restoreMinutes: 180,
      });
      const years = await waitFor(
        'the 2027 calendar at the city',
        async () => city.get<CalendarYearView[]>(CALENDAR, await reader()),
        (y) => y.length === 1,
      );
      expect(years[0]).toMatchObject({ ...YEAR_2027, issuer: 'CN', version: '1', source: 'published' });
    });

    it("puts the province's own policy in force at its city over CN's, and CN's back when withdrawn", async () => {
      await waitForPolicy(province, 'CN', '1');
      const targets = defaults.targets.map((t) =>
        t.ticketType === 'complaint' ? { ...t, restoreMinutes: t.restoreMinutes * 2 } : t,
      );
      const set = await put(
        province,
        POLICY,
        { ...policyBody(targets), autoCloseDays: 10 },
        await provinceAdmin(),
      );
      expect(set.status).toBe(200);
      expect(set.body).toMatchObject({
        issuer: '440000',
        version: '1',
        source: 'override',
        autoCloseDays: 10,
      });
      expect(await audit('440000')).toEqual([
        { action: 'service-policy.override', actor_subject: 'GD0001', resource_id: '440000' },
      ]);

      const atCity = await waitForPolicy(city, '440000', '1');
      expect(atCity).toMatchObject({ source: 'override', autoCloseDays: 10, returnVisitDays: 3 });
      expect(row(atCity, 'complaint', 'major', 'B')!.restoreMinutes).toBe(
        row(defaults, 'complaint', 'major', 'B')!.restoreMinutes * 2,
      );
      // CN, and every node outside Guangdong's subtree, keeps CN's own.
      expect(await policyAt(national)).toMatchObject({ issuer: 'CN', version: '1', source: 'national' });

      const withdrawn = await province.request<PolicyView>('DELETE', POLICY, {
        token: await provinceAdmin(),
      });
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body).toMatchObject({ issuer: 'CN', version: '1', source: 'published' });
      await waitForPolicy(city, 'CN', '1');
      expect((await province.request('DELETE', POLICY, { token: await provinceAdmin() })).status).toBe(404);
    });
  });

/** A PUT body from a policy's rows (the view's rows as they are), with the suite's figures. */
function policyBody(targets: SlaTargetView[]) {
  return servicePolicyBody({ targets, returnVisitDays: 3, autoCloseDays: 7, faultCheckAnswerMinutes: 30 });
}
