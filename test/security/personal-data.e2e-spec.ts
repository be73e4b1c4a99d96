import { billingMonthOf } from '@kaf/platform';
import { tokenFor } from '../support/auth';
import { creditCode, customerBody, residentIdNumber } from '../support/builders';
import { FederationFixture } from '../support/federation-fixture';
import { BOOT_HOOK_TIMEOUT_MS, type NodeProcess } from '../support/node-process';
import { namespaceTopics, readAllRecords } from '../support/topic-reader';
import { waitFor } from '../support/wait';

/**
 * Personal data never leaves its city: contacts are created and changed at a city while every
 * upward flow runs (snapshots to the province, group membership to the national node, a resync,
 * trouble tickets reported by those contacts breaching their SLA and escalated to the province and
 * CN, service quality reported to the province), then every record on every topic the city can
 * write to is scanned for the contacts' values.
 */
interface ServicePolicyView {
  version: string;
  targets: { ticketType: string; responseMinutes: number; restoreMinutes: number }[];
  returnVisitDays: number;
  autoCloseDays: number;
  faultCheckAnswerMinutes: number;
}

describe('personal data stays in the city', () => {
  const fed = new FederationFixture();
  let national: NodeProcess;
  let province: NodeProcess;
  let city: NodeProcess;
  const tag = Date.now().toString(36);
  const people = [
    {
      name: `欧阳隐私${tag}`,
      mobile: '13912345678',
      email: `pii-${tag}@example.com`,
      idNumber: residentIdNumber(),
    },
    {
      name: `Privacy Probe ${tag}`,
      mobile: '15887654321',
      email: `probe-${tag}@example.org`,
      idNumber: residentIdNumber('19910203'),
    },
  ];

  beforeAll(async () => {
    national = await fed.addNode('CN', 'national');
    province = await fed.addNode('440000', 'province');
    city = await fed.addNode('440300', 'city');
    await Promise.all([national, province, city].map((n) => n.startAndWaitReady()));
  }, BOOT_HOOK_TIMEOUT_MS);

  afterAll(() => fed.dispose(), 120_000);

  it('publishes snapshots upward that carry none of the contacts’ values', async () => {
    const hq = await tokenFor({ roles: 'hq_admin', node: 'CN' });
    const admin = await tokenFor({ roles: 'city_admin', node: '440300' });

    // Complaints answered within a minute, so that the tickets below escalate during the test.
    const policy = await national.get<ServicePolicyView>('/api/v1/service-policy', hq);
    const published = await national.request<ServicePolicyView>('PUT', '/api/v1/service-policy', {
      token: hq,
      body: {
        targets: policy.targets.map((t) =>
          // On the 24×7 clock, so that a weekend run escalates as well.
          t.ticketType === 'complaint'
            ? { ...t, responseMinutes: 1, restoreMinutes: 2, clock: 'continuous' }
            : t,
        ),
        returnVisitDays: policy.returnVisitDays,
        autoCloseDays: policy.autoCloseDays,
        faultCheckAnswerMinutes: policy.faultCheckAnswerMinutes,
      },
    });
    expect(published.status).toBe(200);

    const group = await national.request<{ groupCode: string }>('POST', '/api/v1/group-customers', {
      token: hq,
      body: {
        name: `隐私测试集团${tag}`,
        creditCode: creditCode('110000'),
        industry: 'I',
        grade: 'A',
        leadNode: 'CN',
      },
    });
    expect(group.status).toBe(201);
    const { groupCode } = group.body;
    await waitFor(
      'group replica at the city',
      () => city.request('GET', `/api/v1/group-customers/${groupCode}`, { token: admin }),
      (r) => r.status === 200,
    );

    const manager = await city.request<{ id: string }>('POST', '/api/v1/account-managers', {
      token: admin,
      body: { staffId: `E-PII-${tag}`, name: '王经理', title: 'chief' },
    });
    expect(manager.status).toBe(201);
    const business = customerBody({ managerId: manager.body.id });
    const created = await city.request<{ id: string }>('POST', '/api/v1/customers', {
      token: admin,
      body: business,
    });
    expect(created.status).toBe(201);
    const customerId = created.body.id;

    for (const [i, person] of people.entries()) {
      const contact = await city.request<{ id: string; idNumber: string }>(
        'POST',
        `/api/v1/customers/${customerId}/contacts`,
        { token: admin, body: { ...person, role: '信息中心主任', isPrimary: i === 0 } },
      );
      expect(contact.status).toBe(201);
      expect(contact.body.idNumber).not.toBe(person.idNumber);
      const patched = await city.request(
        'PATCH',
        `/api/v1/customers/${customerId}/contacts/${contact.body.id}`,
        {
          token: admin,
          body: { role: '副总经理' },
          headers: { 'content-type': 'application/merge-patch+json' },
        },
      );
      expect(patched.status).toBe(200);
    }

    // Every upward flow, after the contacts exist.
    const steps = [
      city.request('PATCH', `/api/v1/customers/${customerId}`, {
        token: admin,
        body: { grade: 'B' },
        headers: { 'content-type': 'application/merge-patch+json' },
      }),
      city.request('POST', `/api/v1/customers/${customerId}/status-changes`, {
        token: admin,
        body: { status: 'active' },
      }),
      city.request('PUT', `/api/v1/customers/${customerId}/group`, { token: admin, body: { groupCode } }),
    ];
    for (const step of steps) expect((await step).status).toBeLessThan(300);
    await waitFor(
      'the short service policy in force at the city',
      () => city.get<ServicePolicyView>('/api/v1/service-policy', admin),
      (p) => p.version === published.body.version,
    );
    // Complaints by a contact and by a caller who gave a name and phone (the second person's).
    const desk = await tokenFor({ roles: 'service_desk', node: '440300' });
    const contacts = await city.get<{ id: string }[]>(`/api/v1/customers/${customerId}/contacts`, admin);
    const reporters = [
      { reporterContactId: contacts[0]!.id },
      { reporterName: people[1]!.name, reporterPhone: people[1]!.mobile },
    ];
    const tickets: string[] = [];
    for (const reporter of reporters) {
      const ticket = await city.request<{ id: string }>('POST', '/api/v1/trouble-tickets', {
        token: desk,
        body: {
          ticketType: 'complaint',
          severity: 'major',
          name: '账单争议',
          description: '客户对本月账单有异议',
          channel: 'phone',
          customerId,
          ...reporter,
        },
      });
      expect(ticket.status).toBe(201);
      tickets.push(ticket.body.id);
    }
    const resync = await province.request('POST', '/api/v1/customer-resyncs', {
      token: await tokenFor({ roles: 'province_admin', node: '440000' }),
      body: { cityCode: '440300' },
    });
    expect(resync.status).toBe(202);

    // The province and the national node have the latest business state…
    const analyst = await tokenFor({ roles: 'province_analyst', node: '440000' });
    await waitFor(
      'the customer at the province, active and in the group',
      () =>
        province.request<{ status: string; groupCode: string }>('GET', `/api/v1/customers/${customerId}`, {
          token: analyst,
        }),
      (r) => r.status === 200 && r.body.status === 'active' && r.body.groupCode === groupCode,
    );
    await waitFor(
      'the member at the national node',
      () => national.request<unknown[]>('GET', `/api/v1/group-customers/${groupCode}/members`, { token: hq }),
      (r) => r.status === 200 && Array.isArray(r.body) && r.body.length === 1,
    );
    // The tickets' breaches are escalated to the province (and CN: the customer is a group member).
    const provinceAdmin = await tokenFor({ roles: 'province_admin', node: '440000' });
    await waitFor(
      'the tickets escalated to the province',
      () =>
        province.get<{ caseId: string }[]>('/api/v1/escalations?subjectType=ticket&limit=100', provinceAdmin),
      (list) => tickets.every((id) => list.some((e) => e.caseId === id)),
      120_000,
    );
    // The city's service quality of the month, pulled by the province's reconciliation.
    const month = billingMonthOf(new Date());
    const run = await province.request('POST', '/api/v1/reconciliations', {
      token: provinceAdmin,
      body: { measure: 'service-quality', from: month, to: month },
    });
    expect(run.status).toBe(202);
    await waitFor(
      'the city’s service quality at the province',
      () => fed.count('440000', `SELECT count(*) AS n FROM service_quality_line WHERE city_code = '440300'`),
      (n) => n > 0,
      60_000,
    );
    await waitFor(
      'the city outbox drained',
      () => fed.count('440300', 'SELECT count(*) AS n FROM messaging_outbox'),
      (n) => n === 0,
    );

    // …and no topic outside the city holds a single personal value.
    const outside = (await namespaceTopics(fed.namespace)).filter(
      (t) => !t.startsWith(`${fed.namespace}.440300.`),
    );
    expect(outside).toEqual(expect.arrayContaining([`${fed.namespace}.440000.in`, `${fed.namespace}.CN.in`]));
    const needles = people.flatMap((p) => [p.name, p.mobile, p.email, p.idNumber, p.idNumber.slice(-8)]);
    let scanned = 0;
    let snapshots = 0;
    let escalations = 0;
    let businessSeen = 0;
    for (const topic of outside) {
      for (const record of await readAllRecords(topic)) {
        scanned += 1;
        const type = record.headers['kaf-type']?.toString() ?? '';
        if (type === 'kaf.customers.v1.CustomerSnapshot') snapshots += 1;
        if (type === 'kaf.escalations.v1.EscalationRaised') escalations += 1;
        if (record.value.toString('utf8').includes(String(business.name))) businessSeen += 1;
        const texts = [
          record.value.toString('utf8'),
          record.value.toString('latin1'),
          record.key?.toString('utf8') ?? '',
          ...Object.values(record.headers).map((h) => String(h)),
        ];
        for (const needle of needles) {
          for (const text of texts) expect(text.includes(needle) ? `${topic}: ${needle}` : '').toBe('');
        }
      }
    }
    // The scan looked at the real upward traffic: snapshots to the province and to CN, plus the resync.
    expect(snapshots).toBeGreaterThanOrEqual(6);
    // Both tickets' response breaches reached the province (CN too, for a group member).
    expect(escalations).toBeGreaterThanOrEqual(2);
    expect(scanned).toBeGreaterThan(snapshots);
    // The same scan does find what is meant to travel: the customer's business name.
    expect(businessSeen).toBeGreaterThanOrEqual(snapshots);
  });

  it('keeps raw names, mobiles, e-mails and ID numbers out of the audit log', async () => {
    const rows = await fed.sql<{ text: string }>(
      '440300',
      `SELECT concat(before::text, after::text) AS text FROM audit_entry`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const { text } of rows) {
      for (const p of people) {
        for (const value of [p.name, p.mobile, p.email, p.idNumber]) expect(text).not.toContain(value);
      }
    }
  });
});
