import { tokenFor } from '../support/auth';
import { FederationFixture } from '../support/federation-fixture';
import { BOOT_HOOK_TIMEOUT_MS, type NodeProcess } from '../support/node-process';
import { type ContactBody, aContact, aCustomer, aManager, fieldsOf, withWrongCheck } from './people-builders';
import { expectEvery } from '../support/expectations';

interface ContactView {
  id: string;
  customerId: string;
  name: string;
  mobile: string;
  email: string | null;
  role: string;
  idNumber: string | null;
  isPrimary: boolean;
}

/**
 * Contacts of enterprise customers at a city node (440300): CRUD nested under the customer,
 * ID numbers masked on read, one primary contact per customer, portfolio reach for account
 * managers, and an audit log that never holds a raw mobile or ID number.
 */
describe('customer contacts at a city node', () => {
  const fed = new FederationFixture();
  let node: NodeProcess;
  let admin: string;
  /** Account manager A's token and customer; B's customer is outside A's portfolio. */
  let managerA: string;
  let customerA: string;
  let customerB: string;

  beforeAll(async () => {
    node = await fed.addNode('440300', 'city');
    await node.startAndWaitReady();
    admin = await tokenFor({ roles: 'city_admin', node: '440300' });
    const chief = await post<{ id: string }>('/api/v1/account-managers', aManager({ title: 'chief' }));
    const a = await post<{ id: string; staffId: string }>(
      '/api/v1/account-managers',
      aManager({ supervisorId: chief.id }),
    );
    const b = await post<{ id: string }>('/api/v1/account-managers', aManager({ supervisorId: chief.id }));
    managerA = await tokenFor({ roles: 'account_manager', node: '440300', subject: a.staffId });
    customerA = (await post<{ id: string }>('/api/v1/customers', aCustomer({ managerId: a.id }))).id;
    customerB = (await post<{ id: string }>('/api/v1/customers', aCustomer({ managerId: b.id }))).id;
  }, BOOT_HOOK_TIMEOUT_MS);

  afterAll(() => fed.dispose(), 120_000);

  async function post<T>(path: string, body: unknown, token = admin): Promise<T> {
    const res = await node.request<T>('POST', path, { token, body });
    if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${res.text}`);
    return res.body;
  }

  const contactsOf = (customerId: string) => `/api/v1/customers/${customerId}/contacts`;

  function createContact(
    customerId: string,
    body: Partial<ContactBody> | Record<string, unknown>,
    token = admin,
  ) {
    return node.request<ContactView>('POST', contactsOf(customerId), { token, body });
  }

  async function created(customerId: string, body: Partial<ContactBody> = {}): Promise<ContactView> {
    const res = await createContact(customerId, aContact(body));
    expect(res.status).toBe(201);
    return res.body;
  }

  function patch(customerId: string, contactId: string, body: Record<string, unknown>, token = admin) {
    return node.request<ContactView>('PATCH', `${contactsOf(customerId)}/${contactId}`, {
      token,
      rawBody: JSON.stringify(body),
      headers: { 'content-type': 'application/merge-patch+json' },
    });
  }

  const contactCount = () => fed.count('440300', 'SELECT count(*) AS n FROM customer_contact');

  it('creates, reads, merge-patches and deletes a contact, showing the ID number masked', async () => {
    const body = aContact({ idNumber: '11010519491231002X' });
    const res = await createContact(customerA, body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      customerId: customerA,
      name: body.name,
      mobile: body.mobile,
      email: body.email,
      role: body.role,
      idNumber: '1101**********002X',
      isPrimary: false,
    });
    const id = res.body.id;
    const [stored] = await fed.sql<{ id_number: string }>(
      '440300',
      'SELECT id_number FROM customer_contact WHERE id = $1',
      [id],
    );
    expect(stored?.id_number).toBe('11010519491231002X');

    const one = await node.get<ContactView>(`${contactsOf(customerA)}/${id}`, admin);
    expect(one.idNumber).toBe('1101**********002X');
    expect(one.mobile).toBe(body.mobile);

    const list = await node.request<ContactView[]>('GET', contactsOf(customerA), { token: admin });
    expect(list.status).toBe(200);
    expect(list.body.map((c) => c.id)).toContain(id);
    expectEvery(
      list.body,
      (c) => c.idNumber === null || /^\d{4}\*{10}[\dX]{4}$/.test(c.idNumber),
      'contacts listed with their id number masked',
    );
    expect(Number(list.headers.get('x-total-count'))).toBe(list.body.length);

    const patched = await patch(customerA, id, { role: '总经理', email: null, idNumber: null });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      role: '总经理',
      email: null,
      idNumber: null,
      name: body.name,
      mobile: body.mobile,
    });

    const removed = await node.request('DELETE', `${contactsOf(customerA)}/${id}`, { token: admin });
    expect(removed.status).toBe(204);
    expect((await node.request('GET', `${contactsOf(customerA)}/${id}`, { token: admin })).status).toBe(404);
    expect(await fed.count('440300', 'SELECT count(*) AS n FROM customer_contact WHERE id = $1', [id])).toBe(
      0,
    );
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a landline for mobile', { mobile: '075588886666' }, 'mobile'],
    ['a mobile starting 12', { mobile: '12812341234' }, 'mobile'],
    ['a mobile as a number', { mobile: 13812341234 }, 'mobile'],
    [
      'an ID number with a wrong check character',
      { idNumber: withWrongCheck('11010519491231002X') },
      'idNumber',
    ],
    ['an ID number with an impossible birth date', { idNumber: '110105194902300021' }, 'idNumber'],
    ['a 15-digit ID number', { idNumber: '110105491231002' }, 'idNumber'],
    ['a name over 50 characters', { name: '李'.repeat(51) }, 'name'],
    ['a role over 50 characters', { role: 'r'.repeat(51) }, 'role'],
    ['an email over 254 characters', { email: `${'a'.repeat(250)}@example.com` }, 'email'],
    ['an email without a domain', { email: 'li.na' }, 'email'],
    ['isPrimary as a string', { isPrimary: 'yes' }, 'isPrimary'],
    ['an unknown field', { wechat: 'lina_88' }, 'wechat'],
    ['a missing role', { role: undefined }, 'role'],
  ])('refuses %s with 400 naming the field, writing nothing', async (_case, overrides, field) => {
    const before = await contactCount();
    const res = await createContact(customerA, { ...aContact(), ...overrides });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(fieldsOf(res.body)).toEqual([field]);
    expect(await contactCount()).toBe(before);
  });

  it('refuses an invalid merge patch naming the field, and accepts a lower-case check character', async () => {
    const contact = await created(customerA);
    for (const [body, field] of [
      [{ name: null }, 'name'],
      [{ mobile: '1381234' }, 'mobile'],
      [{ idNumber: withWrongCheck('11010519491231002X') }, 'idNumber'],
      [{ customerId: customerB }, 'customerId'],
    ] as const) {
      const res = await patch(customerA, contact.id, body);
      expect({ body, status: res.status, fields: fieldsOf(res.body) }).toEqual({
        body,
        status: 400,
        fields: [field],
      });
    }
    const lower = await patch(customerA, contact.id, { idNumber: '11010519491231002x' });
    expect(lower.status).toBe(200);
    expect(lower.body.idNumber).toBe('1101**********002X');
  });

  it('keeps at most one primary contact per customer', async () => {
    const customer = (await post<{ id: string }>('/api/v1/customers', aCustomer())).id;
    const first = await created(customer, { isPrimary: true });
    const second = await created(customer, { isPrimary: true });
    const primaries = async () =>
      (await node.get<ContactView[]>(contactsOf(customer), admin))
        .filter((c) => c.isPrimary)
        .map((c) => c.id);
    expect(await primaries()).toEqual([second.id]);

    expect((await patch(customer, first.id, { isPrimary: true })).status).toBe(200);
    expect(await primaries()).toEqual([first.id]);

    // Concurrent requests each asking to be primary still leave exactly one.
    const racing = await Promise.all(
      Array.from({ length: 6 }, () => createContact(customer, aContact({ isPrimary: true }))),
    );
    expect(racing.map((r) => r.status)).toEqual(Array(6).fill(201));
    expect(await primaries()).toHaveLength(1);
    expect(
      await fed.count(
        '440300',
        'SELECT count(*) AS n FROM customer_contact WHERE customer_id = $1 AND is_primary',
        [customer],
      ),
    ).toBe(1);
  });

  it("answers 404 for another customer's contact and for an unknown customer", async () => {
    const contact = await created(customerB);
    const wrongParent = `${contactsOf(customerA)}/${contact.id}`;
    expect((await node.request('GET', wrongParent, { token: admin })).status).toBe(404);
    expect((await patch(customerA, contact.id, { role: '财务' })).status).toBe(404);
    expect((await node.request('DELETE', wrongParent, { token: admin })).status).toBe(404);
    const unknown = contactsOf('0190a5a0-0000-7000-8000-000000000000');
    expect((await node.request('GET', unknown, { token: admin })).status).toBe(404);
    expect((await createContact('0190a5a0-0000-7000-8000-000000000000', aContact())).status).toBe(404);
    const malformed = await node.request('GET', contactsOf('not-a-uuid'), { token: admin });
    expect(malformed.status).toBe(400);
    expect(fieldsOf(malformed.body)).toEqual(['customerId']);
    expect((await node.get<ContactView>(`${contactsOf(customerB)}/${contact.id}`, admin)).role).toBe(
      contact.role,
    );
  });

  it("lets an account manager reach only the contacts of their own portfolio's customers", async () => {
    const own = await createContact(customerA, aContact(), managerA);
    expect(own.status).toBe(201);
    const ownList = await node.request<ContactView[]>('GET', contactsOf(customerA), { token: managerA });
    expect(ownList.status).toBe(200);
    expect(ownList.body.map((c) => c.id)).toContain(own.body.id);
    expect((await patch(customerA, own.body.id, { role: '采购经理' }, managerA)).status).toBe(200);

    const other = await created(customerB);
    const before = await contactCount();
    const attempts = [
      await node.request('GET', contactsOf(customerB), { token: managerA }),
      await node.request('GET', `${contactsOf(customerB)}/${other.id}`, { token: managerA }),
      await createContact(customerB, aContact(), managerA),
      await patch(customerB, other.id, { role: '采购经理' }, managerA),
      await node.request('DELETE', `${contactsOf(customerB)}/${other.id}`, { token: managerA }),
    ];
    expect(attempts.map((r) => r.status)).toEqual([404, 404, 404, 404, 404]);
    expect(await contactCount()).toBe(before);
    expect((await node.get<ContactView>(`${contactsOf(customerB)}/${other.id}`, admin)).role).toBe(
      other.role,
    );
  });

  it('keeps raw mobiles and ID numbers out of the audit log', async () => {
    const body = aContact({ mobile: '13912345678', idNumber: '440524188001010014' });
    const contact = (await createContact(customerA, body)).body;
    await patch(customerA, contact.id, { mobile: '13787654321' });
    await node.request('DELETE', `${contactsOf(customerA)}/${contact.id}`, { token: admin });

    const entries = await fed.sql<{ action: string; entry: string }>(
      '440300',
      `SELECT action, coalesce(before::text, '') || coalesce(after::text, '') AS entry
         FROM audit_entry WHERE resource_type = 'customer_contact' AND resource_id = $1 ORDER BY occurred_at`,
      [contact.id],
    );
    expect(entries.map((e) => e.action)).toEqual(['contact.create', 'contact.update', 'contact.delete']);
    const text = entries.map((e) => e.entry).join('\n');
    expect(text).toContain('139****5678');
    expect(text).toContain('137****4321');
    expect(text).toContain('4405**********0014');
    const everything = (
      await fed.sql<{ t: string }>(
        '440300',
        `SELECT coalesce(before::text, '') || coalesce(after::text, '') AS t FROM audit_entry`,
      )
    )
      .map((r) => r.t)
      .join('\n');
    for (const raw of ['13912345678', '13787654321', '440524188001010014', body.email!]) {
      expect(everything).not.toContain(raw);
    }
  });

  it('refuses roles without contact functions and tokens of another city', async () => {
    const province = await tokenFor({ roles: 'province_admin', node: '440000' });
    expect((await node.request('GET', contactsOf(customerA), { token: province })).status).toBe(403);
    const guangzhou = await tokenFor({ roles: 'city_admin', node: '440100' });
    expect((await node.request('GET', contactsOf(customerA), { token: guangzhou })).status).toBe(403);
    expect((await createContact(customerA, aContact(), guangzhou)).status).toBe(403);
  });
});
