import { tokenFor } from '../support/auth';
import { creditCode, customerBody, residentIdNumber } from '../support/builders';
import { FederationFixture } from '../support/federation-fixture';
import { BOOT_HOOK_TIMEOUT_MS, type NodeProcess } from '../support/node-process';
import { namespaceTopics, readAllRecords } from '../support/topic-reader';
import { waitFor } from '../support/wait';

/**
 * Personal data never leaves its city: contacts are created and changed at a city while every
 * upward flow runs (snapshots to the province, group membership to the national node, a resync),
 * then every record on every topic the city can write to is scanned for the contacts' values.
 */
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
    let businessSeen = 0;
    for (const topic of outside) {
      for (const record of await readAllRecords(topic)) {
        scanned += 1;
        const type = record.headers['kaf-type']?.toString() ?? '';
        if (type === 'kaf.customers.v1.CustomerSnapshot') snapshots += 1;
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
