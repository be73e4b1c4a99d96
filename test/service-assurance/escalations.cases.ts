import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { create } from '@bufbuild/protobuf';
import { randomUUID } from 'node:crypto';
import {
  type Escalation,
  EscalationAcknowledgedSchema,
  EscalationClosedSchema,
  EscalationRaisedSchema,
  EscalationSchema,
} from '@kaf/contracts';
import { tokenFor } from '../support/auth';
import type { FederationFixture } from '../support/federation-fixture';
import { inboxPayloads, sendAllAs, sendAs } from '../support/inbox-injection';
import type { NodeProcess } from '../support/node-process';
import { waitFor } from '../support/wait';
import { anEscalation, closed, raised } from './escalation-builders';

interface HeldView {
  escalationId: string;
  subjectType: string;
  caseId: string;
  reason: string;
  raisedBy: string;
  cityCode: string;
  facts: Record<string, unknown>;
  status: string;
  acknowledgedBy: string | null;
  acknowledgementNote: string | null;
  closedAt: string | null;
  closedWhy: string | null;
}
interface Problem {
  detail?: string;
  errors?: { field: string }[];
}

const ESCALATIONS = '/api/v1/escalations';

/**
 * CN, Guangdong and Shenzhen as real processes. Shenzhen's raises are put on the holders' inbox
 * topics as its raiser sends them (the raiser itself is proved against a database in
 * escalation-raiser.int-spec.ts), with Shenzhen's row for each, so the holders' answers travel
 * back to a real city. Other cities are played by the suite, Guangzhou's messages included. Runs
 * on the federation of test/service-assurance/service-assurance.e2e-spec.ts, after the service policy and before the SLA
 * clocks: it lists every escalation the province and CN hold, and no clock has raised one yet.
 */
export const escalationsCases = (fed: FederationFixture): void =>
  describe('escalations held at a province and CN', () => {
    let national: NodeProcess;
    let province: NodeProcess;
    const provinceAdmin = () => tokenFor({ roles: 'province_admin', node: '440000' });
    const provinceAnalyst = () => tokenFor({ roles: 'province_analyst', node: '440000' });

    beforeAll(() => {
      national = fed.node('CN');
      province = fed.node('440000');
    });

    /** Shenzhen raises `e`: its own row, then the message its outbox would send (`times` over). */
    async function raiseFromCity(e: Escalation, times = 1): Promise<string[]> {
      await fed.sql(
        '440300',
        `INSERT INTO raised_escalation
         (id, subject_type, subject_id, case_id, reason, holder_node, due_at, breached_at, facts, status, raised_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open', $10)`,
        [
          e.escalationId,
          e.subjectType,
          e.subjectId,
          e.caseId,
          e.reason,
          e.holder,
          timestampDate(e.dueAt!),
          timestampDate(e.breachedAt!),
          { cityCode: e.facts!.cityCode, ticketType: 'fault', severity: 'major', grade: 'A' },
          timestampDate(e.raisedAt!),
        ],
      );
      const ids: string[] = [];
      for (let i = 0; i < times; i += 1) {
        ids.push(
          await sendAs(fed.namespace, '440300', e.holder, EscalationRaisedSchema, raised(e), e.escalationId),
        );
      }
      return ids;
    }

    const handled = (node: string, ids: readonly string[]) =>
      waitFor(
        `${ids.length} messages handled at ${node}`,
        () =>
          fed.count(node, `SELECT count(*) AS n FROM messaging_inbox WHERE message_id = ANY($1::uuid[])`, [
            ids,
          ]),
        (n) => n === ids.length,
      );

    const list = (node: NodeProcess, query: string, token: string) =>
      node.request<HeldView[]>('GET', `${ESCALATIONS}${query}`, { token });

    const cityRow = (id: string) =>
      fed.sql<{ status: string; acknowledged_by: string | null; acknowledgement_note: string | null }>(
        '440300',
        `SELECT status, acknowledged_by, acknowledgement_note FROM raised_escalation WHERE id = $1`,
        [id],
      );

    const first = anEscalation({ raisedAt: timestampFromDate(new Date(Date.now() - 5_000)) });
    const check = anEscalation({ subjectType: 'faultCheck', reason: 'checkOverdue' });

    it('holds a raise from its city once however often it is sent, listed most recent first', async () => {
      const sent = [...(await raiseFromCity(first, 3)), ...(await raiseFromCity(check))];
      await handled('440000', sent);
      const token = await provinceAnalyst();
      const all = await list(province, '', token);
      expect(all.status).toBe(200);
      expect(all.headers.get('x-total-count')).toBe('2');
      expect(all.body.map((e) => e.escalationId)).toEqual([check.escalationId, first.escalationId]);
      expect(all.body[1]).toMatchObject({
        subjectType: 'ticket',
        caseId: first.caseId,
        reason: 'restoreBreach',
        raisedBy: '440300',
        cityCode: '440300',
        status: 'open',
        facts: { cityCode: '440300', ticketType: 'fault', severity: 'major', grade: 'A' },
      });

      for (const [query, expected] of [
        ['?status=open', [check.escalationId, first.escalationId]],
        ['?status=acknowledged', []],
        ['?subjectType=faultCheck', [check.escalationId]],
        ['?reason=restoreBreach', [first.escalationId]],
        ['?cityCode=440300&limit=1&offset=1', [first.escalationId]],
        ['?cityCode=440100', []],
      ] as const) {
        const res = await list(province, query, token);
        expect({ query, ids: res.body.map((e) => e.escalationId) }).toEqual({ query, ids: expected });
      }
      for (const [query, field] of [
        ['?status=late', 'status'],
        ['?subjectType=order', 'subjectType'],
        ['?cityCode=44', 'cityCode'],
        ['?limit=0', 'limit'],
      ] as const) {
        const res = await province.request<Problem>('GET', `${ESCALATIONS}${query}`, { token });
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
        expect(res.body.errors?.map((e) => e.field)).toContain(field);
      }
      expect((await province.request('GET', `${ESCALATIONS}/${first.escalationId}`, { token })).status).toBe(
        200,
      );
      expect((await province.request('GET', `${ESCALATIONS}/${randomUUID()}`, { token })).status).toBe(404);
      expect((await province.request('GET', `${ESCALATIONS}/nope`, { token })).status).toBe(400);
      expect((await province.request('GET', ESCALATIONS, { token: null })).status).toBe(401);
    });

    it("acknowledges at the province, audited, and shows the acknowledgement on the city's row", async () => {
      const url = `${ESCALATIONS}/${first.escalationId}/acknowledgement`;
      const body = { note: '省网管中心已介入' };
      expect((await province.request('POST', url, { token: await provinceAnalyst(), body })).status).toBe(
        403,
      );
      const bad = await province.request<Problem>('POST', url, {
        token: await provinceAdmin(),
        body: { note: 7 },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors?.map((e) => e.field)).toContain('note');

      const res = await province.request<HeldView>('POST', url, { token: await provinceAdmin(), body });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'acknowledged',
        acknowledgedBy: 'province_admin@440000',
        acknowledgementNote: '省网管中心已介入',
      });
      const again = await province.request<Problem>('POST', url, { token: await provinceAdmin(), body });
      expect(again.status).toBe(409);
      expect(again.body.detail).toContain('acknowledged already');
      expect(
        await fed.count(
          '440000',
          `SELECT count(*) AS n FROM audit_entry WHERE action = 'escalation.acknowledge' AND resource_id = $1`,
          [first.escalationId],
        ),
      ).toBe(1);

      await waitFor(
        "the acknowledgement on Shenzhen's escalation",
        () => cityRow(first.escalationId),
        (rows) => rows[0]?.status === 'acknowledged',
      );
      expect((await cityRow(first.escalationId))[0]).toEqual({
        status: 'acknowledged',
        acknowledged_by: 'province_admin@440000',
        acknowledgement_note: '省网管中心已介入',
      });
      // What went back to the city: the escalation id, a staff id, the time and the note.
      const [ack] = await inboxPayloads(fed.namespace, '440300', EscalationAcknowledgedSchema);
      expect(ack!.source).toBe('440000');
      expect(
        Object.keys(ack!.payload)
          .filter((k) => !k.startsWith('$'))
          .sort(),
      ).toEqual(['acknowledgedAt', 'acknowledgedBy', 'escalationId', 'note']);
    });

    it('closes when the city says so, keeping the acknowledgement; a close that overtakes its raise ends closed', async () => {
      const ids = [
        await sendAs(
          fed.namespace,
          '440300',
          '440000',
          EscalationClosedSchema,
          closed(first),
          first.escalationId,
        ),
      ];
      const overtaken = anEscalation({ reason: 'responseBreach' });
      ids.push(
        ...(await sendAllAs(fed.namespace, '440000', overtaken.escalationId, [
          { source: '440300', schema: EscalationClosedSchema, payload: closed(overtaken) },
          { source: '440300', schema: EscalationRaisedSchema, payload: raised(overtaken) },
        ])),
      );
      await handled('440000', ids);
      const token = await provinceAnalyst();
      const get = (id: string) => province.get<HeldView>(`${ESCALATIONS}/${id}`, token);
      expect(await get(first.escalationId)).toMatchObject({
        status: 'closed',
        closedWhy: 'ticketResolved',
        acknowledgedBy: 'province_admin@440000',
      });
      expect(await get(overtaken.escalationId)).toMatchObject({ status: 'closed', reason: 'responseBreach' });
      const late = await province.request<Problem>(
        'POST',
        `${ESCALATIONS}/${overtaken.escalationId}/acknowledgement`,
        {
          token: await provinceAdmin(),
          body: {},
        },
      );
      expect(late.status).toBe(409);
      expect(late.body.detail).toContain('is closed');
      expect((await list(province, '?status=open', token)).body.map((e) => e.escalationId)).toEqual([
        check.escalationId,
      ]);
    });

    it("holds at CN what any city raises to it; a province's staff there see their own cities' and do not answer them", async () => {
      const toCn = anEscalation({ holder: 'CN', reason: 'restoreDoubleBreach' });
      await handled('CN', await raiseFromCity(toCn));
      const guangdong = await provinceAdmin();
      const zhejiang = await tokenFor({ roles: 'province_admin', node: '330000' });
      const hq = await tokenFor({ roles: 'hq_admin', node: 'CN' });
      expect(
        (await list(national, '', await tokenFor({ roles: 'hq_analyst', node: 'CN' }))).body,
      ).toHaveLength(1);
      expect((await list(national, '', guangdong)).body.map((e) => e.escalationId)).toEqual([
        toCn.escalationId,
      ]);
      expect((await list(national, '', zhejiang)).headers.get('x-total-count')).toBe('0');
      expect(
        (await national.request('GET', `${ESCALATIONS}/${toCn.escalationId}`, { token: zhejiang })).status,
      ).toBe(404);
      const url = `${ESCALATIONS}/${toCn.escalationId}/acknowledgement`;
      expect((await national.request('POST', url, { token: guangdong, body: {} })).status).toBe(403);
      expect((await national.request<HeldView>('POST', url, { token: hq, body: {} })).body.status).toBe(
        'acknowledged',
      );
      await waitFor(
        "CN's acknowledgement at Shenzhen",
        () => cityRow(toCn.escalationId),
        (rows) => rows[0]?.acknowledged_by === 'hq_admin@CN',
      );
    });

    it('dead-letters a raise from a city of another province, one in another node’s name or for another holder, and an answer from a node that does not hold it', async () => {
      const before = await fed.count('440000', 'SELECT count(*) AS n FROM held_escalation');
      const foreign = anEscalation({ raisedBy: '330100', cityCode: '330100' });
      const forged = anEscalation({ raisedBy: '440100', cityCode: '440100' });
      const elsewhere = anEscalation({ holder: 'CN' });
      const refused = {
        foreign: await sendAs(fed.namespace, '330100', '440000', EscalationRaisedSchema, raised(foreign)),
        forged: await sendAs(fed.namespace, '440300', '440000', EscalationRaisedSchema, raised(forged)),
        elsewhere: await sendAs(fed.namespace, '440300', '440000', EscalationRaisedSchema, raised(elsewhere)),
        // Guangzhou closing Shenzhen's escalation, naming itself as the raiser.
        stolenClose: await sendAs(
          fed.namespace,
          '440100',
          '440000',
          EscalationClosedSchema,
          closed(create(EscalationSchema, { ...check, raisedBy: '440100' })),
        ),
      };
      const atCity = await sendAs(
        fed.namespace,
        'CN',
        '440300',
        EscalationAcknowledgedSchema,
        create(EscalationAcknowledgedSchema, {
          escalationId: check.escalationId,
          acknowledgedBy: 'hq_admin@CN',
          acknowledgedAt: timestampFromDate(new Date()),
        }),
      );
      const reasons = await waitFor(
        'the refused messages dead-lettered at Guangdong',
        () =>
          fed.sql<{ message_id: string; reason: string }>(
            '440000',
            `SELECT message_id, reason FROM messaging_dead_letter WHERE message_id = ANY($1::uuid[])`,
            [Object.values(refused)],
          ),
        (rows) => rows.length === 4,
      );
      const reason = (id: string) => reasons.find((r) => r.message_id === id)!.reason;
      expect(reason(refused.foreign)).toContain('not a node below this node');
      expect(reason(refused.forged)).toContain('names 440100 as raiser, not 440300');
      expect(reason(refused.elsewhere)).toContain('is for CN, not for 440000');
      expect(reason(refused.stolenClose)).toContain(`was raised by 440300, not by 440100`);
      const [cityDead] = await waitFor(
        'the stray acknowledgement dead-lettered at Shenzhen',
        () =>
          fed.sql<{ reason: string }>(
            '440300',
            `SELECT reason FROM messaging_dead_letter WHERE message_id = $1`,
            [atCity],
          ),
        (rows) => rows.length === 1,
      );
      expect(cityDead!.reason).toContain('is held by 440000, not by CN');
      expect(await fed.count('440000', 'SELECT count(*) AS n FROM held_escalation')).toBe(before);
      expect(
        (await province.get<HeldView>(`${ESCALATIONS}/${check.escalationId}`, await provinceAnalyst()))
          .status,
      ).toBe('open');
      expect((await cityRow(check.escalationId))[0]!.status).toBe('open');
    });
  });
