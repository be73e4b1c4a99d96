import type { EntityManager } from 'typeorm';
import { TicketEvents, type TicketEvent } from './ticket-events';
import { TICKET_TRANSITIONS, TicketTransitionError, canTransition } from './ticket-transitions';
import { TicketWorkflow } from './ticket-workflow';
import { TICKET_STATUSES, type TicketStatus } from './ticket-vocabulary';
import { TicketStatusChangeEntity } from './ticket-status-change.entity';
import { TroubleTicketEntity } from './trouble-ticket.entity';

/** A transaction holding tickets in memory: just enough of the EntityManager the workflow uses. */
function memoryTx(tickets: TroubleTicketEntity[]) {
  const history: Partial<TicketStatusChangeEntity>[] = [];
  const notes: unknown[] = [];
  const byId = new Map(tickets.map((t) => [t.id, t]));
  const tx = {
    getRepository(entity: unknown) {
      if (entity === TroubleTicketEntity) {
        let id = '';
        const qb = {
          setLock: () => qb,
          where: (_sql: string, params: { ticketId: string }) => ((id = params.ticketId), qb),
          getOne: async () => {
            const t = byId.get(id);
            return t ? { ...t } : null;
          },
        };
        return {
          createQueryBuilder: () => qb,
          save: async (t: TroubleTicketEntity) => (byId.set(t.id, { ...t }), t),
        };
      }
      if (entity === TicketStatusChangeEntity) {
        return { insert: async (row: Partial<TicketStatusChangeEntity>) => void history.push(row) };
      }
      return { save: async (row: unknown) => (notes.push(row), row) };
    },
  } as unknown as EntityManager;
  return { tx, history, notes, byId };
}

function ticket(
  id: string,
  status: TicketStatus,
  extra: Partial<TroubleTicketEntity> = {},
): TroubleTicketEntity {
  return {
    id,
    status,
    ticketType: 'fault',
    customerId: 'c-1',
    version: 3,
    reopenCount: 0,
    respondedAt: null,
    resolutionDate: null,
    restoredAt: null,
    closedAt: null,
    mergedInto: null,
    ...extra,
  } as TroubleTicketEntity;
}

describe('ticket transitions', () => {
  it('leaves the final states never and reaches them only as TMF621 allows', () => {
    for (const s of ['closed', 'rejected', 'cancelled'] as const) expect(TICKET_TRANSITIONS[s]).toEqual([]);
    expect(canTransition('acknowledged', 'rejected')).toBe(true);
    expect(canTransition('inProgress', 'rejected')).toBe(false);
    expect(canTransition('inProgress', 'closed')).toBe(false);
    expect(canTransition('resolved', 'inProgress')).toBe(true);
    expect(canTransition('resolved', 'cancelled')).toBe(false);
    expect(canTransition('pending', 'held')).toBe(false);
    for (const s of TICKET_STATUSES) expect(canTransition(s, 'acknowledged')).toBe(false);
  });

  it('names the state in the refusal', () => {
    const e = new TicketTransitionError('closed', 'inProgress');
    expect(e.code).toBe('conflict');
    expect(e.message).toContain('trouble ticket is closed');
    expect(e.message).toContain('final');
  });
});

describe('ticket workflow', () => {
  function setup(tickets: TroubleTicketEntity[]) {
    const events = new TicketEvents();
    const heard: TicketEvent[] = [];
    events.on(async (e) => void heard.push({ ...e, ticket: { ...e.ticket } }));
    const mem = memoryTx(tickets);
    return { workflow: new TicketWorkflow(events), heard, ...mem };
  }

  it('stamps the first response, the resolution and the closing, with history, version and events', async () => {
    const { workflow, tx, history, heard, byId } = setup([ticket('t1', 'acknowledged')]);
    const t0 = new Date('2026-12-01T01:00:00Z');
    const t1 = new Date('2026-12-01T02:00:00Z');
    const t2 = new Date('2026-12-02T02:00:00Z');
    await workflow.transition(tx, 't1', 'inProgress', { by: 'sd-1', at: t0 });
    await workflow.transition(tx, 't1', 'pending', {
      by: 'sd-1',
      at: t1,
      reason: 'waiting for the customer',
    });
    await workflow.transition(tx, 't1', 'resolved', { by: 'sd-1', at: t2 });
    await workflow.transition(tx, 't1', 'closed', { by: 'auto-close', at: t2 });
    const t = byId.get('t1')!;
    expect(t).toMatchObject({
      status: 'closed',
      respondedAt: t0,
      resolutionDate: t2,
      closedAt: t2,
      version: 7,
    });
    expect(history.map((h) => [h.fromStatus, h.toStatus])).toEqual([
      ['acknowledged', 'inProgress'],
      ['inProgress', 'pending'],
      ['pending', 'resolved'],
      ['resolved', 'closed'],
    ]);
    expect(history[1]!.reason).toBe('waiting for the customer');
    expect(heard.map((e) => [e.kind, e.from, e.to, e.by])).toEqual([
      ['statusChanged', 'acknowledged', 'inProgress', 'sd-1'],
      ['statusChanged', 'inProgress', 'pending', 'sd-1'],
      ['statusChanged', 'pending', 'resolved', 'sd-1'],
      ['statusChanged', 'resolved', 'closed', 'auto-close'],
    ]);
  });

  it('refuses a move the state machine does not allow, and writes nothing', async () => {
    const { workflow, tx, history, heard, byId } = setup([ticket('t1', 'inProgress')]);
    await expect(workflow.transition(tx, 't1', 'closed', { by: 'sd-1' })).rejects.toThrow(
      'trouble ticket is inProgress: it cannot move to closed',
    );
    expect(history).toEqual([]);
    expect(heard).toEqual([]);
    expect(byId.get('t1')!.version).toBe(3);
  });

  it('reopens a resolved ticket: back in progress, counted, no longer resolved nor restored', async () => {
    const resolvedAt = new Date('2026-12-01T00:00:00Z');
    const { workflow, tx, heard, byId } = setup([
      ticket('t1', 'resolved', {
        resolutionDate: resolvedAt,
        restoredAt: resolvedAt,
        respondedAt: resolvedAt,
      }),
    ]);
    await workflow.transition(tx, 't1', 'inProgress', { by: 'am-1', reason: 'still down' });
    expect(byId.get('t1')).toMatchObject({
      status: 'inProgress',
      reopenCount: 1,
      resolutionDate: null,
      restoredAt: null,
      respondedAt: resolvedAt,
    });
    expect(heard[0]).toMatchObject({ from: 'resolved', to: 'inProgress', reason: 'still down' });
  });

  it('marks a fault restored once, and refuses other types', async () => {
    const { workflow, tx, heard, byId } = setup([
      ticket('f', 'inProgress'),
      ticket('c', 'inProgress', { ticketType: 'complaint' }),
    ]);
    const at = new Date('2026-12-01T03:00:00Z');
    await workflow.markRestored(tx, 'f', { by: 'check', at });
    await workflow.markRestored(tx, 'f', { by: 'check', at: new Date() });
    expect(byId.get('f')!.restoredAt).toEqual(at);
    expect(heard.map((e) => e.kind)).toEqual(['restored']);
    await expect(workflow.markRestored(tx, 'c', { by: 'x', at })).rejects.toThrow('only faults are restored');
  });

  it('merges a duplicate: cancelled, pointing at the survivor, with a note there', async () => {
    const { workflow, tx, notes, byId } = setup([ticket('a', 'inProgress'), ticket('b', 'acknowledged')]);
    await workflow.merge(tx, 'b', 'a', { by: 'sd-1' });
    expect(byId.get('b')).toMatchObject({ status: 'cancelled', mergedInto: 'a' });
    expect(notes).toEqual([
      expect.objectContaining({ ticketId: 'a', text: 'ticket b merged into this one' }),
    ]);
  });

  it('refuses merging into a final ticket, into itself, or across customers', async () => {
    const { workflow, tx } = setup([
      ticket('a', 'closed'),
      ticket('b', 'acknowledged'),
      ticket('c', 'acknowledged', { customerId: 'c-2' }),
    ]);
    await expect(workflow.merge(tx, 'b', 'a', { by: 's' })).rejects.toThrow('nothing can be merged into it');
    await expect(workflow.merge(tx, 'b', 'b', { by: 's' })).rejects.toThrow('into itself');
    await expect(workflow.merge(tx, 'c', 'b', { by: 's' })).rejects.toThrow('same customer');
  });
});
