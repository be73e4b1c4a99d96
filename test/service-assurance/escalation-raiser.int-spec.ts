import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { fromBinary } from '@bufbuild/protobuf';
import type { DataSource } from 'typeorm';
import { EscalationClosedSchema, EscalationRaisedSchema } from '@kaf/contracts';
import {
  ESCALATIONS_ENTITIES,
  ESCALATIONS_MIGRATIONS,
  EscalationRaiser,
  type EscalationToRaise,
  RaisedEscalations,
} from '@kaf/escalations';
import { Topology } from '@kaf/federation';
import {
  MESSAGING_ENTITIES,
  MESSAGING_MIGRATIONS,
  type MessagingOptions,
  OutboxWriter,
} from '@kaf/messaging';
import { EnvelopeSchema } from '@kaf/messaging/testing';
import { REPO_ROOT } from '../support/paths';
import { nodeIdentity } from '../support/builders';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * `EscalationRaiser` as a city's SLA clocks and fault checks call it, in their own transaction,
 * against a real PostgreSQL database: once per (subject, reason, holder), the message to the
 * holder in the outbox with the row, closing tells every holder once, and only business facts
 * travel.
 */
describe('raising escalations at a city', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let raiser: EscalationRaiser;
  let raised: RaisedEscalations;
  const topology = Topology.load(join(REPO_ROOT, 'deploy/topology/dev.json'));
  const identity = nodeIdentity('440300', 'Shenzhen', 'city', '440000');

  beforeAll(async () => {
    db = await createTestDatabase('escalations', {
      entities: [...MESSAGING_ENTITIES, ...ESCALATIONS_ENTITIES],
      migrations: [...MESSAGING_MIGRATIONS, ...ESCALATIONS_MIGRATIONS],
    });
    dataSource = db.dataSource;
    const outbox = new OutboxWriter({ nodeCode: '440300', namespace: 'int' } as MessagingOptions);
    raiser = new EscalationRaiser(outbox, identity, topology);
    raised = new RaisedEscalations(dataSource);
  }, 60_000);

  afterAll(() => db?.dispose());

  const anEscalation = (caseId: string, over: Partial<EscalationToRaise> = {}): EscalationToRaise => ({
    subjectType: 'ticket',
    subjectId: caseId,
    caseId,
    reason: 'restoreBreach',
    to: '440000',
    dueAt: new Date('2026-12-07T08:00:00Z'),
    breachedAt: new Date('2026-12-07T08:00:01Z'),
    facts: { cityCode: '440300', ticketType: 'fault', severity: 'major', grade: 'A', groupMember: true },
    ...over,
  });

  const raise = (e: EscalationToRaise) => dataSource.transaction((tx) => raiser.raise(tx, e));

  /** The envelopes the raiser queued for a case's escalations, decoded, oldest first. */
  async function outboxOf(ids: readonly string[]) {
    const rows = await dataSource.query<{ type: string; target: string; key: string; envelope: Buffer }[]>(
      `SELECT type, target, key, envelope FROM messaging_outbox WHERE key = ANY($1::text[]) ORDER BY id`,
      [ids],
    );
    return rows.map((r) => ({ ...r, envelope: fromBinary(EnvelopeSchema, r.envelope) }));
  }

  it('raises once per subject, reason and holder, with its message to the holder', async () => {
    const caseId = randomUUID();
    const first = await raise(anEscalation(caseId));
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    // The timer fires again, a reconciler races it: nothing more.
    expect(await raise(anEscalation(caseId))).toBeUndefined();
    expect(await raise(anEscalation(caseId, { breachedAt: new Date() }))).toBeUndefined();
    // The same breach for CN, and the double breach for the province, are escalations of their own.
    const toCn = await raise(anEscalation(caseId, { to: 'CN' }));
    const doubled = await raise(anEscalation(caseId, { reason: 'restoreDoubleBreach' }));
    expect(new Set([first, toCn, doubled]).size).toBe(3);

    const sent = await outboxOf([first!, toCn!, doubled!]);
    expect(sent.map((m) => [m.type, m.target, m.key])).toEqual([
      [EscalationRaisedSchema.typeName, '440000', first],
      [EscalationRaisedSchema.typeName, 'CN', toCn],
      [EscalationRaisedSchema.typeName, '440000', doubled],
    ]);
    const payload = fromBinary(EscalationRaisedSchema, sent[0]!.envelope.payload).escalation!;
    expect(payload).toMatchObject({
      escalationId: first,
      subjectType: 'ticket',
      subjectId: caseId,
      caseId,
      reason: 'restoreBreach',
      raisedBy: '440300',
      holder: '440000',
      facts: { cityCode: '440300', ticketType: 'fault', severity: 'major', grade: 'A', groupMember: true },
    });
    expect(sent[0]!.envelope.source).toBe('440300');

    const view = await raised.ofCase(caseId);
    expect(view.map((e) => [e.escalationId, e.holder, e.reason, e.status])).toEqual([
      [first, '440000', 'restoreBreach', 'open'],
      [toCn, 'CN', 'restoreBreach', 'open'],
      [doubled, '440000', 'restoreDoubleBreach', 'open'],
    ]);
  });

  it('closes every open escalation of the case once, telling each holder', async () => {
    const caseId = randomUUID();
    const other = randomUUID();
    const ids = [
      await raise(anEscalation(caseId)),
      await raise(anEscalation(caseId, { to: 'CN' })),
      await raise(anEscalation(other)),
    ] as string[];
    const at = new Date('2026-12-07T10:00:00Z');
    const close = () =>
      dataSource.transaction((tx) => raiser.closeFor(tx, caseId, { at, why: 'ticketResolved' }));
    expect(await close()).toBe(2);
    expect(await close()).toBe(0);

    const closed = (await outboxOf(ids)).filter((m) => m.type === EscalationClosedSchema.typeName);
    expect(closed.map((m) => [m.target, m.key]).sort()).toEqual(
      [
        ['440000', ids[0]],
        ['CN', ids[1]],
      ].sort(),
    );
    const message = fromBinary(EscalationClosedSchema, closed[0]!.envelope.payload);
    expect(message.why).toBe('ticketResolved');
    expect(message.escalation?.caseId).toBe(caseId);

    expect((await raised.ofCase(caseId)).map((e) => [e.status, e.closedAt, e.closedWhy])).toEqual([
      ['closed', at.toISOString(), 'ticketResolved'],
      ['closed', at.toISOString(), 'ticketResolved'],
    ]);
    expect((await raised.ofCase(other))[0]!.status).toBe('open');
    // A closed case raising again (reopened, breached again) does not raise the same breach twice.
    expect(await raise(anEscalation(caseId))).toBeUndefined();
  });

  it('closes the escalations of one subject of a case, leaving the others open', async () => {
    const caseId = randomUUID();
    const check = randomUUID();
    await raise(
      anEscalation(caseId, { subjectType: 'faultCheck', subjectId: check, reason: 'checkOverdue' }),
    );
    await raise(anEscalation(caseId));
    const n = await dataSource.transaction((tx) =>
      raiser.closeSubject(tx, check, { at: new Date(), why: 'checkAnswered' }),
    );
    expect(n).toBe(1);
    expect((await raised.ofCase(caseId)).map((e) => [e.subjectType, e.status])).toEqual([
      ['faultCheck', 'closed'],
      ['ticket', 'open'],
    ]);
  });

  it('sends only business facts: a stray name or phone passed by a caller stays behind', async () => {
    const caseId = randomUUID();
    const facts = {
      cityCode: '440300',
      severity: 'critical',
      customerName: '深圳某某科技有限公司',
      reporterPhone: '13800138000',
    } as EscalationToRaise['facts'];
    const id = (await raise(anEscalation(caseId, { facts })))!;
    const [sent] = await outboxOf([id]);
    // The bytes on the wire, whatever field a value might hide in.
    const text = Buffer.from(sent!.envelope.payload).toString('utf8');
    expect(text).toContain('critical');
    expect(text).not.toContain('13800138000');
    expect(text).not.toContain('深圳某某');
    const [row] = await dataSource.query<{ facts: object }[]>(
      `SELECT facts FROM raised_escalation WHERE id = $1`,
      [id],
    );
    expect(row!.facts).toEqual({ cityCode: '440300', severity: 'critical' });
  });

  it('refuses a holder that is not another node, and writes nothing', async () => {
    const caseId = randomUUID();
    for (const to of ['999900', '440300', '']) {
      await expect(raise(anEscalation(caseId, { to }))).rejects.toThrow(
        'is not another node of the federation',
      );
    }
    expect(await raised.ofCase(caseId)).toEqual([]);
  });
});
