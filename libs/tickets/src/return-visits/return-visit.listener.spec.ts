import type { ServicePolicyReader } from '@kaf/service-policy';
import type { EntityManager } from 'typeorm';
import { TicketEvents, type TicketEvent } from '../tickets/ticket-events';
import type { TroubleTicketEntity } from '../tickets/trouble-ticket.entity';
import type { DurableDeadlines } from '@kaf/platform';
import { autoCloseAt } from './auto-close.deadlines';
import { ReturnVisitListener } from './return-visit.listener';
import type { ReturnVisits } from './return-visits';

const tx = {} as EntityManager;
const at = new Date('2026-12-07T02:00:00Z');

function setup() {
  const calls: string[] = [];
  const events = new TicketEvents();
  const listener = new ReturnVisitListener(
    events,
    {
      open: async (_tx: EntityManager, t: TroubleTicketEntity) => void calls.push(`open ${t.id}`),
      cancelOpen: async (_tx: EntityManager, id: string) => void calls.push(`cancel ${id}`),
    } as unknown as ReturnVisits,
    {
      armQuietly: async (id: string, dueAt: Date) => void calls.push(`timer ${id} ${dueAt.toISOString()}`),
    } as unknown as DurableDeadlines,
    { current: async () => ({ autoCloseDays: 7, returnVisitDays: 3 }) } as unknown as ServicePolicyReader,
  );
  listener.onModuleInit();
  const emit = (
    ticketType: string,
    from: TicketEvent['from'],
    to: TicketEvent['to'],
    kind: TicketEvent['kind'] = 'statusChanged',
  ) =>
    events.emit(
      { kind, ticket: { id: ticketType, ticketType } as TroubleTicketEntity, from, to, at, by: 's' },
      tx,
    );
  return { calls, emit };
}

describe('return visits follow the ticket', () => {
  it('opens a return visit when a complaint or fault is resolved, and times the auto-close of every type', async () => {
    const { calls, emit } = setup();
    const due = autoCloseAt(at, 7).toISOString();
    await emit('complaint', 'inProgress', 'resolved');
    await emit('inquiry', 'inProgress', 'resolved');
    expect(calls).toEqual(['open complaint', `timer complaint ${due}`, `timer inquiry ${due}`]);
    expect(due).toBe('2026-12-14T02:00:00.000Z');
  });

  it('cancels the open return visit on a reopen or a cancellation, and ignores other moves', async () => {
    const { calls, emit } = setup();
    await emit('fault', 'resolved', 'inProgress');
    await emit('complaint', 'pending', 'cancelled');
    await emit('fault', 'acknowledged', 'inProgress');
    await emit('fault', 'inProgress', 'inProgress', 'restored');
    expect(calls).toEqual(['cancel fault', 'cancel complaint']);
  });
});
