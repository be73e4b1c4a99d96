import { randomUUID } from 'node:crypto';
import {
  aCustomerOf,
  aSalesTeam,
  fieldsOf,
  type Manager,
  mergePatch,
  type Problem,
} from '../agreements/sales-builders';
import { tokenFor } from '../support/auth';
import { expectEvery } from '../support/expectations';
import { FederationFixture } from '../support/federation-fixture';
import { BOOT_HOOK_TIMEOUT_MS, type NodeProcess } from '../support/node-process';

interface Ticket {
  id: string;
  name: string;
  status: string;
  ticketType: string;
  severity: string;
  owner: string | null;
  customerId: string;
  circuitId: string | null;
  relatedEntity: { role: string; id: string }[];
  reporter: { contactId: string | null; name: string | null; phone: string | null };
  respondedAt: string | null;
  resolutionDate: string | null;
  closedAt: string | null;
  mergedInto: string | null;
  reopenCount: number;
  version: number;
  statusChangeHistory: { fromStatus: string | null; status: string; statusChangeReason: string | null }[];
  note: { text: string; author: string }[];
}

interface ReturnVisit {
  id: string;
  taskId: string | null;
  ownerStaffId: string;
  state: string;
  satisfaction: number | null;
  confirmed: boolean | null;
}

const daysFromNow = (d: number): string => new Date(Date.now() + d * 86_400_000).toISOString();

/**
 * Trouble tickets (TMF621) at one city node (440300): opened on a customer and a circuit of hers,
 * deduplicated by external id, listed and patched through the TMF621 states, reopened, merged,
 * called back; refusals name the field or the state, and nothing is written when refused.
 */
describe('trouble tickets at the city', () => {
  const fed = new FederationFixture();
  let city: NodeProcess;
  let desk: string;
  let a: Manager;
  let b: Manager;
  let customer: string;
  let customerOfB: string;
  let circuit: string;
  let ceasedCircuit: string;
  let circuitOfB: string;

  beforeAll(async () => {
    city = await fed.addNode('440300', 'city');
    await city.startAndWaitReady();
    desk = await tokenFor({ roles: 'service_desk', node: '440300', subject: 'SD440300001' });
    ({ a, b } = await aSalesTeam(city));
    customer = await aCustomerOf(city, a);
    customerOfB = await aCustomerOf(city, b);
    // Circuits as one-stop's completed orders leave them (their own suites make them end to end).
    const aCircuit = async (customerId: string, state: 'inService' | 'ceased') => {
      const id = randomUUID();
      await city.sql(
        `INSERT INTO customer_circuit (circuit_id, order_id, customer_id, product, bandwidth_mbps, a_end_node,
           z_end_node, circuit_ids, monthly_charge_fen, one_time_charge_fen, completion_date, completed_at, state, ceased_on)
         VALUES ($1, $2, $3, 'mpls_vpn', 100, '440300', '330100', '{}', 800000, 0, '2026-01-05', now(), $4, $5)`,
        [id, randomUUID(), customerId, state, state === 'ceased' ? '2026-06-30' : null],
      );
      return id;
    };
    circuit = await aCircuit(customer, 'inService');
    ceasedCircuit = await aCircuit(customer, 'ceased');
    circuitOfB = await aCircuit(customerOfB, 'inService');
  }, BOOT_HOOK_TIMEOUT_MS);

  afterAll(() => fed.dispose(), 120_000);

  const aFault = (overrides: Record<string, unknown> = {}) => ({
    ticketType: 'fault',
    severity: 'major',
    name: '深圳—杭州专线中断',
    description: '客户报告专线自 9 点起不通',
    channel: 'phone',
    customerId: customer,
    reporterName: '李四',
    reporterPhone: '13912345678',
    ...overrides,
  });
  const open = (body: unknown, token = desk) =>
    city.request<Ticket & Problem>('POST', '/api/v1/trouble-tickets', { token, body });
  const get = (id: string, token = desk) =>
    city.request<Ticket>('GET', `/api/v1/trouble-tickets/${id}`, { token });
  const patch = (id: string, body: unknown, token = desk) =>
    mergePatch<Ticket & Problem>(city, `/api/v1/trouble-tickets/${id}`, token, body);
  const ticketCount = () => fed.count('440300', 'SELECT count(*) AS n FROM trouble_ticket');
  async function aTicket(overrides: Record<string, unknown> = {}): Promise<Ticket> {
    const res = await open(aFault(overrides));
    if (res.status !== 201) throw new Error(`ticket not opened: ${res.status} ${res.text}`);
    return res.body;
  }

  it('opens a fault on a circuit of the customer, owned by her manager, audited with the reporter masked', async () => {
    const res = await open(aFault({ circuitId: circuit, requestedResolutionDate: daysFromNow(2) }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'acknowledged',
      owner: a.staffId,
      circuitId: circuit,
      reporter: { contactId: null, name: '李四', phone: '13912345678' },
      version: 1,
    });
    expect(res.body.relatedEntity.map((r) => r.role)).toEqual(['customer', 'circuit']);
    expect(res.body.statusChangeHistory).toEqual([
      expect.objectContaining({ fromStatus: null, status: 'acknowledged' }),
    ]);
    const [entry] = await city.sql<{ action: string; after: { reporter: { name: string; phone: string } } }>(
      'SELECT action, after FROM audit_entry WHERE resource_id = $1',
      [res.body.id],
    );
    expect(entry).toMatchObject({
      action: 'trouble-ticket.create',
      after: { reporter: { name: '李*', phone: '139****5678' } },
    });
  });

  it('answers a second report with the same external identifier with the ticket already opened', async () => {
    const first = await open(aFault({ externalIdentifier: 'NMS-ALARM-0001', channel: 'networkAlarm' }));
    expect(first.status).toBe(201);
    const before = await ticketCount();
    const again = await open(aFault({ externalIdentifier: 'NMS-ALARM-0001', channel: 'networkAlarm' }));
    expect([again.status, again.body.id]).toEqual([200, first.body.id]);
    expect(await ticketCount()).toBe(before);
  });

  it('refuses a ceased circuit (409), a circuit or customer out of reach (404), bad fields (400), writing nothing', async () => {
    const before = await ticketCount();
    const ceased = await open(aFault({ circuitId: ceasedCircuit }));
    expect([ceased.status, ceased.body.detail]).toEqual([409, expect.stringContaining('circuitId')]);
    expect((await open(aFault({ circuitId: circuitOfB }))).status).toBe(404);
    // Another city's customer is not here at all; a colleague's is out of an account manager's reach.
    expect((await open(aFault({ customerId: randomUUID() }))).status).toBe(404);
    expect((await open(aFault({ customerId: customer }), b.token)).status).toBe(404);
    const past = await open(aFault({ requestedResolutionDate: daysFromNow(-1) }));
    expect([past.status, fieldsOf(past.body)]).toEqual([400, ['requestedResolutionDate']]);
    const noReporter = await open(aFault({ reporterName: undefined, reporterPhone: undefined }));
    expect([noReporter.status, fieldsOf(noReporter.body)]).toEqual([400, ['reporterName', 'reporterPhone']]);
    const badType = await open(aFault({ ticketType: 'outage', severity: 'huge' }));
    expect([badType.status, fieldsOf(badType.body).sort()]).toEqual([400, ['severity', 'ticketType']]);
    const unknownContact = await open(
      aFault({ reporterName: undefined, reporterPhone: undefined, reporterContactId: randomUUID() }),
    );
    expect([unknownContact.status, unknownContact.body.detail]).toEqual([
      404,
      expect.stringContaining('reporterContactId'),
    ]);
    expect(await ticketCount()).toBe(before);
  });

  it('lists by filters with the total, selects fields, and keeps an account manager to her portfolio', async () => {
    const complaint = await aTicket({ ticketType: 'complaint', severity: 'minor' });
    const res = await city.request<Record<string, unknown>[]>(
      'GET',
      `/api/v1/trouble-tickets?ticketType=complaint&severity=minor&customerId=${customer}&fields=name,status&limit=1`,
      { token: desk },
    );
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('x-total-count'))).toBeGreaterThanOrEqual(1);
    expect(res.body[0]).toEqual({
      id: complaint.id,
      name: complaint.name,
      status: 'acknowledged',
    });
    const bad = await city.request<Problem>('GET', '/api/v1/trouble-tickets?fields=name,secret', {
      token: desk,
    });
    expect([bad.status, fieldsOf(bad.body)]).toEqual([400, ['fields']]);
    const ofA = await city.request<Ticket[]>('GET', '/api/v1/trouble-tickets', { token: a.token });
    expectEvery(ofA.body, (t) => t.customerId === customer, "tickets of the manager's own customer");
    const ofB = await city.request<Ticket[]>(`GET`, `/api/v1/trouble-tickets?customerId=${customer}`, {
      token: b.token,
    });
    expect([ofB.status, ofB.headers.get('x-total-count')]).toEqual([200, '0']);
    expect((await get(complaint.id, b.token)).status).toBe(404);
  });

  it('moves through the states, refusing a move the state machine does not allow by naming the state', async () => {
    const t = await aTicket();
    const refused = await patch(t.id, { status: 'closed' });
    expect([refused.status, refused.body.detail]).toEqual([
      409,
      expect.stringContaining('trouble ticket is acknowledged'),
    ]);
    const moved = await patch(t.id, {
      status: 'inProgress',
      severity: 'critical',
      statusChangeReason: '已派单',
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ status: 'inProgress', severity: 'critical' });
    expect(moved.body.respondedAt).not.toBeNull();
    const note = await city.request('POST', `/api/v1/trouble-tickets/${t.id}/notes`, {
      token: desk,
      body: { text: '已联系杭州核查' },
    });
    expect(note.status).toBe(201);
    const bad = await patch(t.id, { statusChangeReason: 'x', expectedResolutionDate: daysFromNow(1) });
    expect([bad.status, fieldsOf(bad.body)]).toEqual([400, ['expectedResolutionDate']]);
    const seen = (await get(t.id)).body;
    expect(seen.statusChangeHistory.map((h) => [h.fromStatus, h.status, h.statusChangeReason])).toEqual([
      [null, 'acknowledged', 'reported'],
      ['acknowledged', 'inProgress', '已派单'],
    ]);
    expect(seen.note).toEqual([expect.objectContaining({ text: '已联系杭州核查', author: 'SD440300001' })]);
  });

  it('calls the customer back after a resolved complaint: rejected reopens it, confirmed closes it', async () => {
    const t = await aTicket({ ticketType: 'complaint' });
    await patch(t.id, { status: 'inProgress' });
    expect((await patch(t.id, { status: 'resolved' })).body.resolutionDate).not.toBeNull();
    const visits = async () =>
      (
        await city.request<ReturnVisit[]>('GET', `/api/v1/trouble-tickets/${t.id}/return-visits`, {
          token: desk,
        })
      ).body;
    const [first] = await visits();
    expect(first).toMatchObject({ state: 'open', ownerStaffId: a.staffId });
    const [task] = await city.sql<{ source: string; assignee_staff_id: string; status: string }>(
      'SELECT source, assignee_staff_id, status FROM follow_up_task WHERE id = $1',
      [first!.taskId],
    );
    expect(task).toEqual({ source: 'return-visit', assignee_staff_id: a.staffId, status: 'open' });

    // Rejecting the resolution needs a reason, then puts the ticket back in progress.
    const noReason = await patch(t.id, { status: 'inProgress' });
    expect([noReason.status, fieldsOf(noReason.body)]).toEqual([400, ['statusChangeReason']]);
    const reopened = await patch(t.id, { status: 'inProgress', statusChangeReason: '客户称问题仍在' });
    expect(reopened.body).toMatchObject({ status: 'inProgress', reopenCount: 1, resolutionDate: null });
    expect((await visits()).map((v) => v.state)).toEqual(['cancelled']);

    await patch(t.id, { status: 'resolved' });
    const notConfirmed = await city.request<Problem>('POST', `/api/v1/trouble-tickets/${t.id}/return-visit`, {
      token: a.token,
      body: { satisfaction: 2, confirmed: false },
    });
    expect([notConfirmed.status, fieldsOf(notConfirmed.body)]).toEqual([400, ['comment']]);
    const done = await city.request<ReturnVisit>('POST', `/api/v1/trouble-tickets/${t.id}/return-visit`, {
      token: a.token,
      body: { satisfaction: 5, confirmed: true, comment: '满意' },
    });
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ state: 'done', satisfaction: 5, confirmed: true });
    const closed = (await get(t.id)).body;
    expect(closed.status).toBe('closed');
    expect(closed.closedAt).not.toBeNull();
    const tasks = await city.sql<{ status: string }>(
      `SELECT status FROM follow_up_task WHERE source_key LIKE $1 ORDER BY source_key`,
      [`return-visit:${t.id}:%`],
    );
    expect(tasks.map((r) => r.status)).toEqual(['cancelled', 'done']);
    const again = await city.request<Problem>('POST', `/api/v1/trouble-tickets/${t.id}/return-visit`, {
      token: a.token,
      body: { satisfaction: 5, confirmed: true },
    });
    expect(again.status).toBe(409);
    expect((await patch(t.id, { status: 'inProgress', statusChangeReason: 'x' })).status).toBe(409);
  });

  it('merges duplicates of the same customer into one, and refuses another customer’s', async () => {
    const keep = await aTicket();
    const dup = await aTicket();
    const other = await aTicket({ customerId: customerOfB });
    const merged = await city.request<Ticket & Problem>('POST', `/api/v1/trouble-tickets/${keep.id}/merge`, {
      token: desk,
      body: { duplicateIds: [dup.id] },
    });
    expect(merged.status).toBe(200);
    expect(merged.body.note).toEqual([
      expect.objectContaining({ text: `ticket ${dup.id} merged into this one` }),
    ]);
    expect((await get(dup.id)).body).toMatchObject({ status: 'cancelled', mergedInto: keep.id });
    const refused = await city.request<Problem>('POST', `/api/v1/trouble-tickets/${keep.id}/merge`, {
      token: desk,
      body: { duplicateIds: [other.id] },
    });
    expect(refused.status).toBe(409);
    expect((await get(other.id)).body.status).toBe('acknowledged');
  });

  it('refuses a sibling city and a province token', async () => {
    const t = await aTicket();
    const sibling = await tokenFor({ roles: 'service_desk', node: '440100' });
    expect((await get(t.id, sibling)).status).toBe(403);
    const province = await tokenFor({ roles: 'province_admin', node: '440000' });
    expect((await get(t.id, province)).status).toBe(403);
  });
});
